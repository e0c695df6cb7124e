-- What: creates gamification.achievements and gamification.user_achievements.
-- Why:  unlike a badge, an achievement shows the learner their progress towards it
--       ("3 of 5 courses"); the same rule evaluator keeps progress up to date and unlocks it
--       when the target is reached.

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.achievements (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  key              text        NOT NULL,
  name             text        NOT NULL,
  description      text,
  rule             jsonb       NOT NULL,
  points_reward    integer     NOT NULL DEFAULT 0,
  is_active        boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT achievements_organization_key_key UNIQUE (organization_id, key),
  CONSTRAINT achievements_organization_id_id_key UNIQUE (organization_id, id),
  CONSTRAINT achievements_key_format CHECK (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  CONSTRAINT achievements_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  CONSTRAINT achievements_points_reward_range CHECK (points_reward BETWEEN 0 AND 10000),
  CONSTRAINT achievements_rule_valid CHECK (
    jsonb_typeof(rule) = 'object'
    AND coalesce(rule ->> 'metric' IN ('lessons_completed', 'courses_completed', 'quizzes_passed',
                                       'perfect_quizzes', 'points_total', 'level_reached',
                                       'streak_days', 'forum_posts'), false)
    AND CASE WHEN jsonb_typeof(rule -> 'threshold') = 'number'
             THEN (rule ->> 'threshold')::numeric >= 1 ELSE false END
    AND rule - '{metric,threshold}'::text[] = '{}'::jsonb
  )
);

CREATE TABLE gamification.user_achievements (
  organization_id  uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  achievement_id   uuid        NOT NULL,
  progress         numeric     NOT NULL DEFAULT 0,
  target           numeric     NOT NULL,
  achieved_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id, achievement_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, achievement_id)
    REFERENCES gamification.achievements (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT user_achievements_progress_range CHECK (progress >= 0 AND progress <= target),
  CONSTRAINT user_achievements_achieved_at_target CHECK (achieved_at IS NULL OR progress = target)
);

CREATE INDEX user_achievements_achievement_idx ON gamification.user_achievements (organization_id, achievement_id);

ALTER TABLE gamification.achievements ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.achievements FORCE ROW LEVEL SECURITY;
ALTER TABLE gamification.user_achievements ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.user_achievements FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.achievements IS 'Goals with visible progress; same rule format as badges.';
COMMENT ON COLUMN gamification.achievements.rule IS '{"metric": m, "threshold": n}, as for badges; n is the target.';
COMMENT ON TABLE gamification.user_achievements IS 'Each learner''s progress towards each achievement, maintained by the rule evaluator.';
COMMENT ON COLUMN gamification.user_achievements.progress IS 'Current metric value, capped at the target.';
COMMENT ON COLUMN gamification.user_achievements.achieved_at IS 'When the target was reached; final.';

RESET ROLE;
