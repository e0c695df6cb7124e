-- What: pulseplus.competition, pulseplus.leaderboard (scores per competition and per season,
--       maintained incrementally) and pulseplus.daily_challenge; indexes, row-level security
--       on the leaderboard (public within the organisation, written by the engine only),
--       grants.
-- Why:  the seed's competition group. A leaderboard row belongs to exactly one scope: a
--       competition or a season (num_nonnulls(...) = 1); its score is kept current in the
--       same transaction as the event that changes it (pulseplus.record_competition_score for
--       competitions, pulseplus.add_season_xp for seasons), so there is nothing to refresh.
--       Ranks are computed when read (rank(), see the repeatable leaderboard file) from the
--       partial indexes (scope, score DESC, last_scored_at, competitor_id), which return the
--       top N of one scope in rank order without sorting.

CREATE TABLE pulseplus.competition (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  season_id   uuid,
  name        text NOT NULL
              CONSTRAINT competition_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  status      text NOT NULL DEFAULT 'scheduled'
              CONSTRAINT competition_status_valid CHECK (status IN ('scheduled', 'running', 'finished', 'cancelled')),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT competition_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT competition_id_game_key UNIQUE (id, game_id),
  CONSTRAINT competition_season_of_game FOREIGN KEY (season_id, game_id)
    REFERENCES pulseplus.season (id, game_id) ON DELETE SET NULL (season_id)
);

CREATE INDEX competition_game_id_idx ON pulseplus.competition (game_id, starts_at);
CREATE INDEX competition_season_idx ON pulseplus.competition (season_id, game_id) WHERE season_id IS NOT NULL;

COMMENT ON TABLE pulseplus.competition IS 'Competitions between competitors of a game; scores are recorded only while status = running.';
COMMENT ON COLUMN pulseplus.competition.season_id IS 'Season the competition belongs to (same game); NULL: none.';
COMMENT ON COLUMN pulseplus.competition.status IS 'scheduled, running (accepting scores), finished or cancelled; set by operators.';

CREATE TABLE pulseplus.leaderboard (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id        uuid NOT NULL,
  competition_id uuid,
  season_id      uuid,
  competitor_id  uuid NOT NULL,
  score          bigint NOT NULL DEFAULT 0
                 CONSTRAINT leaderboard_score_nonnegative CHECK (score >= 0),
  last_scored_at timestamptz NOT NULL DEFAULT now(),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT leaderboard_one_scope CHECK (num_nonnulls(competition_id, season_id) = 1),
  CONSTRAINT leaderboard_competition_of_game FOREIGN KEY (competition_id, game_id)
    REFERENCES pulseplus.competition (id, game_id) ON DELETE CASCADE,
  CONSTRAINT leaderboard_season_of_game FOREIGN KEY (season_id, game_id)
    REFERENCES pulseplus.season (id, game_id) ON DELETE CASCADE,
  CONSTRAINT leaderboard_competitor_of_game FOREIGN KEY (competitor_id, game_id)
    REFERENCES pulseplus.competitor (id, game_id) ON DELETE CASCADE
);

-- one row per competitor and scope (the ON CONFLICT targets of the scoring functions)
CREATE UNIQUE INDEX leaderboard_competition_competitor_key
  ON pulseplus.leaderboard (competition_id, competitor_id) WHERE competition_id IS NOT NULL;
CREATE UNIQUE INDEX leaderboard_season_competitor_key
  ON pulseplus.leaderboard (season_id, competitor_id) WHERE season_id IS NOT NULL;
-- ranking order within a scope: top N without a sort
CREATE INDEX leaderboard_competition_rank_idx
  ON pulseplus.leaderboard (competition_id, score DESC, last_scored_at, competitor_id) WHERE competition_id IS NOT NULL;
CREATE INDEX leaderboard_season_rank_idx
  ON pulseplus.leaderboard (season_id, score DESC, last_scored_at, competitor_id) WHERE season_id IS NOT NULL;
CREATE INDEX leaderboard_competitor_id_idx ON pulseplus.leaderboard (competitor_id);

COMMENT ON TABLE pulseplus.leaderboard IS
  'Scores per competitor in one scope: a competition (points) or a season (season XP). Maintained incrementally by the '
  'scoring functions; ranks are computed on read (pulseplus.leaderboard_ranking, competition_leaderboard(), season_leaderboard()).';
COMMENT ON COLUMN pulseplus.leaderboard.game_id IS 'Game of the scope and of the competitor (composite foreign keys).';
COMMENT ON COLUMN pulseplus.leaderboard.competition_id IS 'Scope: this competition (then season_id is NULL).';
COMMENT ON COLUMN pulseplus.leaderboard.season_id IS 'Scope: this season''s XP ranking (then competition_id is NULL).';
COMMENT ON COLUMN pulseplus.leaderboard.last_scored_at IS 'When the score last changed; orders competitors who share a rank (earlier first).';

CREATE TABLE pulseplus.daily_challenge (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id            uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  challenge_date     date NOT NULL,
  title              text NOT NULL
                     CONSTRAINT daily_challenge_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 100),
  description        text,
  target_count       integer NOT NULL DEFAULT 1
                     CONSTRAINT daily_challenge_target_count_range CHECK (target_count BETWEEN 1 AND 1000000),
  reward_currency_id uuid,
  reward_amount      bigint NOT NULL DEFAULT 0
                     CONSTRAINT daily_challenge_reward_amount_range CHECK (reward_amount BETWEEN 0 AND 1000000000),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT daily_challenge_reward_complete CHECK ((reward_currency_id IS NULL) = (reward_amount = 0)),
  CONSTRAINT daily_challenge_game_date_key UNIQUE (game_id, challenge_date),
  CONSTRAINT daily_challenge_reward_currency_of_game FOREIGN KEY (reward_currency_id, game_id)
    REFERENCES pulseplus.virtual_currency (id, game_id) ON DELETE RESTRICT
);

CREATE INDEX daily_challenge_reward_currency_idx ON pulseplus.daily_challenge (reward_currency_id, game_id)
  WHERE reward_currency_id IS NOT NULL;

COMMENT ON TABLE pulseplus.daily_challenge IS 'One challenge per game and day; rewards are paid by the game service through award_currency.';
COMMENT ON COLUMN pulseplus.daily_challenge.challenge_date IS 'The day (organisation time zone) the challenge is offered.';
COMMENT ON COLUMN pulseplus.daily_challenge.reward_currency_id IS 'Currency of the reward (same game); NULL exactly when reward_amount = 0.';

ALTER TABLE pulseplus.leaderboard ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.leaderboard FORCE ROW LEVEL SECURITY;

CREATE POLICY leaderboard_select_all ON pulseplus.leaderboard
  FOR SELECT TO pulseplus_app, pulseplus_admin
  USING (true);
CREATE POLICY leaderboard_all_engine ON pulseplus.leaderboard
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.competition, pulseplus.leaderboard, pulseplus.daily_challenge
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.competition, pulseplus.daily_challenge TO pulseplus_admin;
GRANT INSERT (game_id, competition_id, season_id, competitor_id, score, last_scored_at),
      UPDATE (score, last_scored_at)
  ON pulseplus.leaderboard TO pulseplus_engine;
