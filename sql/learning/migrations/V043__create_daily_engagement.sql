-- What: creates analytics.daily_engagement, per-learner daily activity counters.
-- Why:  dashboards read one small row per learner and day instead of scanning events. The
--       activity counters are maintained by the learning_events trigger, points_earned by the
--       points-ledger trigger; analytics.rebuild_daily_engagement() recomputes both from the
--       events and the ledger.

SET LOCAL ROLE learning_owner;

CREATE TABLE analytics.daily_engagement (
  organization_id    uuid    NOT NULL,
  activity_date      date    NOT NULL,
  user_id            uuid    NOT NULL,
  events             integer NOT NULL DEFAULT 0,
  lessons_completed  integer NOT NULL DEFAULT 0,
  courses_completed  integer NOT NULL DEFAULT 0,
  quizzes_graded     integer NOT NULL DEFAULT 0,
  quizzes_passed     integer NOT NULL DEFAULT 0,
  points_earned      bigint  NOT NULL DEFAULT 0,
  badges_earned      integer NOT NULL DEFAULT 0,
  forum_posts        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, activity_date, user_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT daily_engagement_counts_nonnegative CHECK (
    events >= 0 AND lessons_completed >= 0 AND courses_completed >= 0 AND quizzes_graded >= 0
    AND quizzes_passed >= 0 AND badges_earned >= 0 AND forum_posts >= 0)
);

CREATE INDEX daily_engagement_user_idx ON analytics.daily_engagement (organization_id, user_id, activity_date);

ALTER TABLE analytics.daily_engagement ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.daily_engagement FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE analytics.daily_engagement IS
  'Daily activity counters per learner (UTC days), maintained by the learning_events and points_ledger triggers; rebuildable.';
COMMENT ON COLUMN analytics.daily_engagement.activity_date IS 'UTC date of the events counted.';
COMMENT ON COLUMN analytics.daily_engagement.points_earned IS 'Sum of the day''s points-ledger rows (UTC day of awarded_at; negative adjustments included), maintained by the ledger trigger.';

RESET ROLE;
