-- What: creates gamification.point_balances (total points and level per learner) and
--       gamification.weekly_points (points per learner per ISO week).
-- Why:  leaderboards must not sum millions of ledger rows per request: both tables are
--       maintained by the ledger's AFTER INSERT trigger and indexed for "top N of an
--       organization".

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.point_balances (
  organization_id   uuid        NOT NULL,
  user_id           uuid        NOT NULL,
  total_points      bigint      NOT NULL DEFAULT 0,
  level_number      integer     NOT NULL DEFAULT 0,
  level_reached_at  timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT point_balances_total_nonnegative CHECK (total_points >= 0),
  CONSTRAINT point_balances_level_nonnegative CHECK (level_number >= 0)
);

CREATE INDEX point_balances_leaderboard_idx
  ON gamification.point_balances (organization_id, total_points DESC, user_id);

CREATE TABLE gamification.weekly_points (
  organization_id  uuid   NOT NULL,
  week_start       date   NOT NULL,
  user_id          uuid   NOT NULL,
  points           bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, week_start, user_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT weekly_points_week_starts_monday CHECK (extract(isodow FROM week_start) = 1)
);

CREATE INDEX weekly_points_leaderboard_idx
  ON gamification.weekly_points (organization_id, week_start, points DESC, user_id);
CREATE INDEX weekly_points_user_idx ON gamification.weekly_points (organization_id, user_id);

ALTER TABLE gamification.point_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.point_balances FORCE ROW LEVEL SECURITY;
ALTER TABLE gamification.weekly_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.weekly_points FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.point_balances IS
  'Total points and level per learner, maintained from points_ledger by trigger (rebuildable from the ledger).';
COMMENT ON COLUMN gamification.point_balances.level_number IS
  'Highest level reached (0: below every threshold). Levels only rise: a negative adjustment does not demote.';
COMMENT ON TABLE gamification.weekly_points IS
  'Points per learner per ISO week (Monday, UTC), maintained from points_ledger by trigger; feeds the weekly leaderboard.';
COMMENT ON COLUMN gamification.weekly_points.week_start IS 'Monday of the ISO week, in UTC.';

RESET ROLE;
