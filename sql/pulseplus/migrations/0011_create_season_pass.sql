-- What: pulseplus.season_pass_progress (a competitor's XP and highest tier in one season) and
--       pulseplus.season_tier_unlock (each tier unlocked, once per pass); indexes, row-level
--       security, grants.
-- Why:  the seed's season_pass_progress, plus the unlock record that makes tier rewards
--       idempotent: unique (progress_id, season_tier_id) means a tier is unlocked and paid
--       exactly once per pass, however many XP awards race (pulseplus.add_season_xp).
--       Written only by the economy functions; readable by everybody in the organisation
--       (season XP is what the season leaderboard shows anyway).

CREATE TABLE pulseplus.season_pass_progress (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id uuid NOT NULL,
  season_id     uuid NOT NULL,
  game_id       uuid NOT NULL,
  xp            bigint NOT NULL DEFAULT 0
                CONSTRAINT season_pass_progress_xp_nonnegative CHECK (xp >= 0),
  current_tier  integer NOT NULL DEFAULT 0
                CONSTRAINT season_pass_progress_current_tier_range CHECK (current_tier BETWEEN 0 AND 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT season_pass_progress_competitor_season_key UNIQUE (competitor_id, season_id),
  CONSTRAINT season_pass_progress_competitor_of_game FOREIGN KEY (competitor_id, game_id)
    REFERENCES pulseplus.competitor (id, game_id) ON DELETE CASCADE,
  CONSTRAINT season_pass_progress_season_of_game FOREIGN KEY (season_id, game_id)
    REFERENCES pulseplus.season (id, game_id) ON DELETE CASCADE
);

CREATE INDEX season_pass_progress_season_idx ON pulseplus.season_pass_progress (season_id, game_id);

COMMENT ON TABLE pulseplus.season_pass_progress IS
  'A competitor''s season pass: XP earned in the season and the highest tier unlocked. Written by pulseplus.add_season_xp.';
COMMENT ON COLUMN pulseplus.season_pass_progress.game_id IS 'Game of both the competitor and the season (composite foreign keys).';
COMMENT ON COLUMN pulseplus.season_pass_progress.xp IS 'Season XP earned so far.';
COMMENT ON COLUMN pulseplus.season_pass_progress.current_tier IS 'Highest tier_number unlocked; 0: none yet.';

CREATE TABLE pulseplus.season_tier_unlock (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  progress_id    uuid NOT NULL REFERENCES pulseplus.season_pass_progress (id) ON DELETE CASCADE,
  season_tier_id uuid NOT NULL REFERENCES pulseplus.season_tier (id) ON DELETE CASCADE,
  unlocked_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT season_tier_unlock_progress_tier_key UNIQUE (progress_id, season_tier_id)
);

CREATE INDEX season_tier_unlock_season_tier_id_idx ON pulseplus.season_tier_unlock (season_tier_id);

COMMENT ON TABLE pulseplus.season_tier_unlock IS
  'Tiers unlocked on a season pass (append-only); the unique key makes each unlock, and its reward, happen once.';

ALTER TABLE pulseplus.season_pass_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.season_pass_progress FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.season_tier_unlock ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.season_tier_unlock FORCE ROW LEVEL SECURITY;

CREATE POLICY season_pass_progress_select_all ON pulseplus.season_pass_progress
  FOR SELECT TO pulseplus_app, pulseplus_admin
  USING (true);
CREATE POLICY season_pass_progress_all_engine ON pulseplus.season_pass_progress
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);
CREATE POLICY season_tier_unlock_select_all ON pulseplus.season_tier_unlock
  FOR SELECT TO pulseplus_app, pulseplus_admin
  USING (true);
CREATE POLICY season_tier_unlock_all_engine ON pulseplus.season_tier_unlock
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.season_pass_progress, pulseplus.season_tier_unlock
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT (competitor_id, season_id, game_id, xp), UPDATE (xp, current_tier)
  ON pulseplus.season_pass_progress TO pulseplus_engine;
GRANT INSERT (progress_id, season_tier_id) ON pulseplus.season_tier_unlock TO pulseplus_engine;
