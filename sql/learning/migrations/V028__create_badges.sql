-- What: creates gamification.badges (with a JSON rule) and gamification.user_badges.
-- Why:  a badge is awarded, once, when a learner's metric reaches the rule's threshold; the
--       rule is evaluated by trigger on the events that can change that metric. The CHECK
--       constraint admits only rules the evaluator understands.

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.badges (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  key              text        NOT NULL,
  name             text        NOT NULL,
  description      text,
  icon_url         text,
  rule             jsonb       NOT NULL,
  points_reward    integer     NOT NULL DEFAULT 0,
  is_active        boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT badges_organization_key_key UNIQUE (organization_id, key),
  CONSTRAINT badges_organization_id_id_key UNIQUE (organization_id, id),
  CONSTRAINT badges_key_format CHECK (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  CONSTRAINT badges_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  CONSTRAINT badges_icon_url_https CHECK (icon_url ~ '^https://'),
  CONSTRAINT badges_points_reward_range CHECK (points_reward BETWEEN 0 AND 10000),
  CONSTRAINT badges_rule_valid CHECK (
    jsonb_typeof(rule) = 'object'
    AND coalesce(rule ->> 'metric' IN ('lessons_completed', 'courses_completed', 'quizzes_passed',
                                       'perfect_quizzes', 'points_total', 'level_reached',
                                       'streak_days', 'forum_posts'), false)
    AND CASE WHEN jsonb_typeof(rule -> 'threshold') = 'number'
             THEN (rule ->> 'threshold')::numeric >= 1 ELSE false END
    AND rule - '{metric,threshold}'::text[] = '{}'::jsonb
  )
);

CREATE TABLE gamification.user_badges (
  organization_id  uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  badge_id         uuid        NOT NULL,
  awarded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id, badge_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, badge_id)
    REFERENCES gamification.badges (organization_id, id) ON DELETE CASCADE
);

CREATE INDEX user_badges_badge_idx ON gamification.user_badges (organization_id, badge_id);

ALTER TABLE gamification.badges ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.badges FORCE ROW LEVEL SECURITY;
ALTER TABLE gamification.user_badges ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.user_badges FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.badges IS 'Badges of an organization, each with the rule that awards it.';
COMMENT ON COLUMN gamification.badges.rule IS
  '{"metric": m, "threshold": n}: awarded when metric m reaches n. Metrics: lessons_completed, courses_completed, quizzes_passed, perfect_quizzes, points_total, level_reached, streak_days, forum_posts.';
COMMENT ON COLUMN gamification.badges.points_reward IS 'Points added to the ledger (reason badge_earned) when the badge is awarded.';
COMMENT ON TABLE gamification.user_badges IS 'Badges awarded to learners, at most once each.';

RESET ROLE;
