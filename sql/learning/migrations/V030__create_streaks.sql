-- What: creates gamification.streaks, consecutive days of learning activity per learner.
-- Why:  streak badges ("7 days in a row") need the current and longest run; days are counted
--       in the learner's own time zone by the trigger chain.

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.streaks (
  organization_id   uuid        NOT NULL,
  user_id           uuid        NOT NULL,
  current_days      integer     NOT NULL DEFAULT 0,
  longest_days      integer     NOT NULL DEFAULT 0,
  last_activity_on  date,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT streaks_current_nonnegative CHECK (current_days >= 0),
  CONSTRAINT streaks_longest_covers_current CHECK (longest_days >= current_days)
);

ALTER TABLE gamification.streaks ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.streaks FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.streaks IS 'Runs of consecutive active days per learner, maintained by the trigger chain.';
COMMENT ON COLUMN gamification.streaks.current_days IS 'Length of the run that ends on last_activity_on.';
COMMENT ON COLUMN gamification.streaks.longest_days IS 'Longest run ever; what streak_days badge rules compare.';
COMMENT ON COLUMN gamification.streaks.last_activity_on IS 'Last active day, in the learner''s time zone (users.timezone).';

RESET ROLE;
