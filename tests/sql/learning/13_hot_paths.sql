-- The hot paths measured by bench/learning/bench.py keep their plans for the session: the
-- top-N boards, search, event logging, the learner lock and grading are PL/pgSQL (an SQL
-- function was planned again at every call), the boards with a generic plan. A cached plan
-- must never carry one tenant into another's call: the same session asks the boards and
-- search for two organizations in turn, more than five times (PL/pgSQL's switch to a
-- generic plan), and each answer is the organization's own. The ledger trigger's one-
-- statement balance upsert keeps the old rules: a first award creates the balance at its
-- points, a first negative row is still refused. Rules are skipped only when nothing is
-- left to give: an earned badge is not awarded again, an open achievement still advances,
-- a points badge reached through the trigger's filter is awarded. A same-day activity does
-- not rewrite the streak. The policies read the tenant context through an InitPlan for the
-- application roles (bulk reads evaluate it once) and bare for learning_owner, the trigger
-- chain's identity, whose only policy on a table is owner_write.
BEGIN;
SELECT plan(26);

CREATE TEMP TABLE policy_exprs ON COMMIT DROP AS
SELECT p.polrelid::regclass::text AS tbl, p.polname, p.polroles,
       concat_ws(' ', pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)) AS e
  FROM pg_policy p;
SELECT is_empty($$SELECT tbl || ' ' || polname FROM policy_exprs
                   WHERE NOT 'learning_owner'::regrole = ANY (polroles)
                     AND regexp_count(e, 'current_(organization|user)_id\(\)')
                         <> regexp_count(e, 'SELECT user_management\.current_(organization|user)_id\(\)')$$,
                'the application roles'' policies read the context through an InitPlan, never per row');
SELECT is_empty($$SELECT tbl || ' ' || polname FROM policy_exprs
                   WHERE 'learning_owner'::regrole = ANY (polroles) AND e ~ 'SELECT user_management\.current_'$$,
                'learning_owner''s policies call the context getter bare (no InitPlan in the chain''s statements)');
SELECT is_empty($$SELECT c.oid::regclass::text FROM pg_class c
                   WHERE c.relrowsecurity AND c.relforcerowsecurity AND c.oid <> 'social.direct_messages'::regclass
                     AND NOT EXISTS (SELECT 1 FROM policy_exprs p
                                      WHERE p.tbl = c.oid::regclass::text AND 'learning_owner'::regrole = ANY (p.polroles))$$,
                'learning_owner has its own policy on every tenant table but direct_messages');
SELECT is(ARRAY(SELECT tbl || '.' || polname FROM policy_exprs WHERE polroles = '{0}'),
          ARRAY['user_management.users.visible_to_members'],
          'only users.visible_to_members applies to every role; a role no policy names sees nothing');

SELECT is((SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = f::regprocedure),
          'plpgsql', f || ' is PL/pgSQL (its plans are kept for the session)')
  FROM unnest(ARRAY['gamification.top_learners(integer)', 'gamification.top_learners_of_week(date,integer)',
                    'content_management.search(text,text[],integer)',
                    'analytics.record_event(uuid,uuid,text,uuid,uuid,jsonb,timestamptz)',
                    'gamification.lock_learner(uuid,uuid)', 'assessment.grade_answers(jsonb,jsonb,jsonb)']) AS f;
SELECT is((SELECT proconfig FROM pg_proc WHERE oid = 'gamification.top_learners(integer)'::regprocedure),
          ARRAY['plan_cache_mode=force_generic_plan'], 'top_learners uses a generic plan');

-- Boards and search, tenant after tenant in one session (plans cached after the first calls).
CREATE TEMP TABLE answers (organization_id uuid, call integer, board uuid[], weekly uuid[], found uuid[]);
GRANT ALL ON answers TO learning_app;
SET LOCAL ROLE learning_app;
DO $$
DECLARE
  v_org uuid;
BEGIN
  FOR i IN 1..8 LOOP
    v_org := CASE WHEN i % 2 = 1 THEN '0a000000-0000-4000-8000-000000000001'::uuid
                  ELSE '0a000000-0000-4000-8000-000000000002'::uuid END;
    PERFORM user_management.set_tenant_context(v_org);
    INSERT INTO answers
    VALUES (v_org, i,
            ARRAY(SELECT t.user_id FROM gamification.top_learners(50) t),
            ARRAY(SELECT t.user_id FROM gamification.top_learners_of_week(NULL, 50) t),
            ARRAY(SELECT s.id FROM content_management.search('sql or python or course or learning', ARRAY['course', 'content', 'post'], 50) s));
  END LOOP;
END
$$;
RESET ROLE;

SELECT ok((SELECT bool_and(cardinality(board) > 0) FROM answers), 'every call returned a board');
SELECT is((SELECT count(DISTINCT board) FROM answers GROUP BY organization_id ORDER BY 1 DESC LIMIT 1), 1::bigint,
          'the all-time board of an organization is the same at every call');
SELECT ok(NOT EXISTS (SELECT 1 FROM answers a, unnest(a.board) AS u (id)
                       WHERE NOT EXISTS (SELECT 1 FROM user_management.organization_members m
                                          WHERE m.organization_id = a.organization_id AND m.user_id = u.id)),
          'each all-time board lists members of its own organization only');
SELECT ok(NOT EXISTS (SELECT 1 FROM answers a, unnest(a.weekly) AS u (id)
                       WHERE NOT EXISTS (SELECT 1 FROM user_management.organization_members m
                                          WHERE m.organization_id = a.organization_id AND m.user_id = u.id)),
          'each weekly board lists members of its own organization only');
SELECT ok((SELECT bool_and(cardinality(found) > 0) FROM answers), 'every search found something');
SELECT ok(NOT EXISTS (SELECT 1 FROM answers a, unnest(a.found) AS f (id)
                       WHERE NOT EXISTS (SELECT 1 FROM course_management.courses c WHERE c.id = f.id AND c.organization_id = a.organization_id)
                         AND NOT EXISTS (SELECT 1 FROM content_management.content_items ci WHERE ci.id = f.id AND ci.organization_id = a.organization_id)
                         AND NOT EXISTS (SELECT 1 FROM social.posts p WHERE p.id = f.id AND p.organization_id = a.organization_id)),
          'each search finds its own organization''s rows only');

-- The balance upsert of the ledger trigger: a member of Northwind without a balance yet.
CREATE TEMP TABLE newcomer AS
SELECT m.user_id FROM user_management.organization_members m
 WHERE m.organization_id = '0a000000-0000-4000-8000-000000000001'
   AND NOT EXISTS (SELECT 1 FROM gamification.point_balances b
                    WHERE b.organization_id = m.organization_id AND b.user_id = m.user_id)
 LIMIT 1;
INSERT INTO user_management.organization_members (organization_id, user_id)
SELECT '0a000000-0000-4000-8000-000000000001', u.id FROM user_management.users u
 WHERE NOT EXISTS (SELECT 1 FROM newcomer)
   AND NOT EXISTS (SELECT 1 FROM user_management.organization_members m
                    WHERE m.organization_id = '0a000000-0000-4000-8000-000000000001' AND m.user_id = u.id)
 LIMIT 1;
INSERT INTO newcomer
SELECT m.user_id FROM user_management.organization_members m
 WHERE NOT EXISTS (SELECT 1 FROM newcomer)
   AND m.organization_id = '0a000000-0000-4000-8000-000000000001'
   AND NOT EXISTS (SELECT 1 FROM gamification.point_balances b
                    WHERE b.organization_id = m.organization_id AND b.user_id = m.user_id)
 LIMIT 1;

SELECT throws_ok($$INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note)
                   SELECT '0a000000-0000-4000-8000-000000000001', user_id, -5, 'manual_adjustment', 'below zero'
                     FROM newcomer$$,
                 '23514', NULL, 'a first negative ledger row is refused (a balance never goes below zero)');
INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note)
SELECT '0a000000-0000-4000-8000-000000000001', user_id, 42, 'manual_adjustment', 'welcome' FROM newcomer;
SELECT is((SELECT b.total_points FROM gamification.point_balances b JOIN newcomer n USING (user_id)
            WHERE b.organization_id = '0a000000-0000-4000-8000-000000000001'),
          42::bigint, 'a first award creates the balance at its points');
INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note)
SELECT '0a000000-0000-4000-8000-000000000001', user_id, 8, 'manual_adjustment', 'again' FROM newcomer;
SELECT is((SELECT b.total_points FROM gamification.point_balances b JOIN newcomer n USING (user_id)
            WHERE b.organization_id = '0a000000-0000-4000-8000-000000000001'),
          50::bigint, 'a later award adds to it');

-- Rules: nothing left to give awards nothing; an open achievement still advances.
GRANT SELECT ON newcomer TO learning_owner;
SET LOCAL ROLE learning_owner;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001');
INSERT INTO gamification.achievements (organization_id, key, name, rule, points_reward)
VALUES ('0a000000-0000-4000-8000-000000000001', 'hot_paths_points', 'Point collector',
        '{"metric": "points_total", "threshold": 1000000}', 0);
SELECT is(gamification.evaluate_rules('0a000000-0000-4000-8000-000000000001', n.user_id, ARRAY['points_total']), 0,
          'an achievement out of reach unlocks nothing') FROM newcomer n;
SELECT is((SELECT ua.progress FROM gamification.user_achievements ua JOIN gamification.achievements a ON a.id = ua.achievement_id
            JOIN newcomer n ON n.user_id = ua.user_id WHERE a.key = 'hot_paths_points'),
          50::numeric, 'but its progress is kept up to date');
SELECT is(gamification.evaluate_rules('0a000000-0000-4000-8000-000000000001', n.user_id,
                                      ARRAY['points_total', 'lessons_completed', 'streak_days']), 0,
          'evaluated again with nothing new, the rules unlock nothing') FROM newcomer n;

-- The ledger trigger calls the points rules only when one can fire; a badge reached is
-- still awarded, one out of reach is not (the organization's points achievements are
-- switched off here, so that only the badge branch of the filter lets the call through).
UPDATE gamification.achievements SET is_active = false
 WHERE organization_id = '0a000000-0000-4000-8000-000000000001' AND rule ->> 'metric' = 'points_total';
INSERT INTO gamification.badges (organization_id, key, name, rule, points_reward)
VALUES ('0a000000-0000-4000-8000-000000000001', 'hot_paths_rich', 'Rich', '{"metric": "points_total", "threshold": 60}', 0),
       ('0a000000-0000-4000-8000-000000000001', 'hot_paths_richer', 'Richer', '{"metric": "points_total", "threshold": 1000}', 0);
INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note)
SELECT '0a000000-0000-4000-8000-000000000001', user_id, 15, 'manual_adjustment', 'over 60' FROM newcomer;
SELECT is(ARRAY(SELECT b.key FROM gamification.user_badges ub JOIN gamification.badges b ON b.id = ub.badge_id
                  JOIN newcomer n ON n.user_id = ub.user_id WHERE b.key LIKE 'hot_paths_%' ORDER BY 1),
          ARRAY['hot_paths_rich'], 'an award that reaches a points badge earns it; one out of reach is not earned');

-- A second activity on the same day leaves the streak row as it is (no new row version).
SELECT gamification.touch_streak('0a000000-0000-4000-8000-000000000001', n.user_id, now()) FROM newcomer n;
SELECT set_config('test.streak_ctid', (SELECT s.ctid::text FROM gamification.streaks s JOIN newcomer n USING (user_id)
                                        WHERE s.organization_id = '0a000000-0000-4000-8000-000000000001'), true);
SELECT gamification.touch_streak('0a000000-0000-4000-8000-000000000001', n.user_id, now()) FROM newcomer n;
SELECT is((SELECT s.ctid::text FROM gamification.streaks s JOIN newcomer n USING (user_id)
            WHERE s.organization_id = '0a000000-0000-4000-8000-000000000001'),
          current_setting('test.streak_ctid'), 'a second activity the same day does not rewrite the streak');
SELECT gamification.touch_streak('0a000000-0000-4000-8000-000000000001', n.user_id, now() + interval '1 day') FROM newcomer n;
SELECT isnt((SELECT s.ctid::text FROM gamification.streaks s JOIN newcomer n USING (user_id)
              WHERE s.organization_id = '0a000000-0000-4000-8000-000000000001'),
            current_setting('test.streak_ctid'), 'the next day does');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
