-- What: the players: pulseplus.competitor (a user's profile in one game), pulseplus.team,
--       pulseplus.team_member, and what competitors have earned: pulseplus.competitor_badge
--       and pulseplus.competitor_achievement; indexes, row-level security (team, a named group,
--       is reference data without it), grants.
-- Why:  the seed's competitor group (balances and season-pass progress follow in 0010 and
--       0011). competitor carries a unique (id, game_id) key so that team membership,
--       balances, progress and leaderboard rows can require "a competitor of this game" with
--       composite foreign keys. A competitor is in at most one team (unique competitor_id in
--       team_member) and a team has at most one captain (partial unique index).
--       Deleting a user deletes their competitors and, through them, their economy history
--       (balances, purchases, ledger): that is the erasure path; deactivate users
--       (sys_user.is_active) to keep history.

CREATE TABLE pulseplus.competitor (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id      uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES pulseplus.sys_user (id) ON DELETE CASCADE,
  display_name text NOT NULL
               CONSTRAINT competitor_display_name_length CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT competitor_game_user_key UNIQUE (game_id, user_id),
  CONSTRAINT competitor_id_game_key UNIQUE (id, game_id)
);

CREATE INDEX competitor_user_id_idx ON pulseplus.competitor (user_id);

COMMENT ON TABLE pulseplus.competitor IS 'Player profiles: one per user and game they play.';
COMMENT ON COLUMN pulseplus.competitor.user_id IS 'The user playing; economy calls for this competitor must act as this user.';
COMMENT ON COLUMN pulseplus.competitor.display_name IS 'Name shown on leaderboards of the game.';

CREATE TABLE pulseplus.team (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  name        text NOT NULL
              CONSTRAINT team_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT team_game_name_key UNIQUE (game_id, name),
  CONSTRAINT team_id_game_key UNIQUE (id, game_id)
);

COMMENT ON TABLE pulseplus.team IS 'Player teams within a game.';

CREATE TABLE pulseplus.team_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id       uuid NOT NULL,
  competitor_id uuid NOT NULL,
  game_id       uuid NOT NULL,
  role          text NOT NULL DEFAULT 'member'
                CONSTRAINT team_member_role_valid CHECK (role IN ('captain', 'member')),
  joined_at     timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT team_member_competitor_key UNIQUE (competitor_id),
  CONSTRAINT team_member_team_of_game FOREIGN KEY (team_id, game_id)
    REFERENCES pulseplus.team (id, game_id) ON DELETE CASCADE,
  CONSTRAINT team_member_competitor_of_game FOREIGN KEY (competitor_id, game_id)
    REFERENCES pulseplus.competitor (id, game_id) ON DELETE CASCADE
);

CREATE INDEX team_member_team_idx ON pulseplus.team_member (team_id, game_id);
CREATE UNIQUE INDEX team_member_one_captain ON pulseplus.team_member (team_id) WHERE role = 'captain';

COMMENT ON TABLE pulseplus.team_member IS 'Team membership: a competitor is in at most one team, of their own game.';
COMMENT ON COLUMN pulseplus.team_member.game_id IS 'Game of both the team and the competitor (enforced by the two composite foreign keys).';
COMMENT ON COLUMN pulseplus.team_member.role IS 'captain (at most one per team) or member.';

CREATE TABLE pulseplus.competitor_badge (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id uuid NOT NULL REFERENCES pulseplus.competitor (id) ON DELETE CASCADE,
  badge_id      uuid NOT NULL REFERENCES pulseplus.badge (id) ON DELETE CASCADE,
  source        text NOT NULL
                CONSTRAINT competitor_badge_source_valid CHECK (source IN ('quest', 'achievement', 'admin')),
  awarded_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT competitor_badge_competitor_badge_key UNIQUE (competitor_id, badge_id)
);

CREATE INDEX competitor_badge_badge_id_idx ON pulseplus.competitor_badge (badge_id);

COMMENT ON TABLE pulseplus.competitor_badge IS 'Badges a competitor holds (each at most once).';
COMMENT ON COLUMN pulseplus.competitor_badge.source IS 'How it was earned: quest, achievement or admin (granted by an operator).';

CREATE TABLE pulseplus.competitor_achievement (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id  uuid NOT NULL REFERENCES pulseplus.competitor (id) ON DELETE CASCADE,
  achievement_id uuid NOT NULL REFERENCES pulseplus.achievement (id) ON DELETE CASCADE,
  achieved_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT competitor_achievement_competitor_achievement_key UNIQUE (competitor_id, achievement_id)
);

CREATE INDEX competitor_achievement_achievement_id_idx ON pulseplus.competitor_achievement (achievement_id);

COMMENT ON TABLE pulseplus.competitor_achievement IS 'Achievements a competitor has earned (each at most once), recorded by the game service.';

-- Row-level security: player profiles, memberships and awards are public within the
-- organisation (leaderboards show them), written by operators and the engine only.
ALTER TABLE pulseplus.competitor ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.competitor FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.team_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.team_member FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.competitor_badge ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.competitor_badge FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.competitor_achievement ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.competitor_achievement FORCE ROW LEVEL SECURITY;

CREATE POLICY competitor_select_all ON pulseplus.competitor
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY competitor_write_admin ON pulseplus.competitor
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);
CREATE POLICY team_member_select_all ON pulseplus.team_member
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY team_member_write_admin ON pulseplus.team_member
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);
CREATE POLICY competitor_badge_select_all ON pulseplus.competitor_badge
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY competitor_badge_write_admin ON pulseplus.competitor_badge
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);
CREATE POLICY competitor_badge_insert_engine ON pulseplus.competitor_badge
  FOR INSERT TO pulseplus_engine
  WITH CHECK (true);
CREATE POLICY competitor_achievement_select_all ON pulseplus.competitor_achievement
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY competitor_achievement_write_admin ON pulseplus.competitor_achievement
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.competitor, pulseplus.team, pulseplus.team_member,
                pulseplus.competitor_badge, pulseplus.competitor_achievement
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.competitor, pulseplus.team, pulseplus.team_member,
                                pulseplus.competitor_badge, pulseplus.competitor_achievement
  TO pulseplus_admin;
GRANT INSERT ON pulseplus.competitor_badge TO pulseplus_engine;
