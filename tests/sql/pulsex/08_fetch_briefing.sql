-- fetch_briefing(user_id, date), the one-statement morning fetch: it is SECURITY INVOKER and
-- executable by pulsex_app only; as pulsex_app it returns exactly what set_app_context() plus
-- the SELECT return; it leaves the user's context (never admin) for the rest of the
-- transaction; it refuses a missing user; and its read goes through row-level security: a role
-- that may SELECT the table but has no policy on it gets no row through the function either.
BEGIN;
SELECT plan(16);

SELECT has_function('pulsex', 'fetch_briefing', ARRAY['uuid', 'date'], 'function fetch_briefing(uuid, date) exists');
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'pulsex.fetch_briefing(uuid, date)'::regprocedure), false,
          'fetch_briefing is SECURITY INVOKER: the caller''s policies apply');
SELECT is((SELECT provolatile::text FROM pg_proc WHERE oid = 'pulsex.fetch_briefing(uuid, date)'::regprocedure), 'v',
          'fetch_briefing is VOLATILE (it sets the context)');
SELECT ok(NOT has_function_privilege('pulsex_analytics', 'pulsex.fetch_briefing(uuid, date)', 'EXECUTE')
          AND NOT has_function_privilege('pulsex_readonly', 'pulsex.fetch_briefing(uuid, date)', 'EXECUTE')
          AND has_function_privilege('pulsex_app', 'pulsex.fetch_briefing(uuid, date)', 'EXECUTE'),
          'only pulsex_app may execute fetch_briefing');

-- What the superuser sees, to compare with.
CREATE TEMP TABLE expected_briefing AS
SELECT briefing_date, status, cards, generated_at, delivered_at, opened_at
  FROM pulsex.briefings
 WHERE user_id = '00000000-0000-4000-8000-000000000002' AND briefing_date = '2026-10-05';
GRANT SELECT ON expected_briefing TO pulsex_app;

-- A role that may read the table but has no policy on it: forced RLS must hide every row.
CREATE ROLE pulsex_test_no_policy NOLOGIN;
GRANT USAGE ON SCHEMA pulsex TO pulsex_test_no_policy;
GRANT SELECT ON pulsex.briefings TO pulsex_test_no_policy;
GRANT EXECUTE ON FUNCTION pulsex.fetch_briefing(uuid, date) TO pulsex_test_no_policy;

SELECT is((SELECT count(*) FROM expected_briefing), 1::bigint, 'seed: A has a briefing on 2026-10-05');

SET LOCAL ROLE pulsex_app;

SELECT results_eq(
    $$SELECT * FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000002', '2026-10-05')$$,
    $$SELECT * FROM expected_briefing$$,
    'pulsex_app without a context: fetch_briefing returns A''s briefing of the day');
SELECT ok(pulsex.app_user_id() = '00000000-0000-4000-8000-000000000002' AND NOT pulsex.app_is_admin(),
          'afterwards the context of the transaction is A, without admin override');
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'),
          'the rest of the transaction sees only A''s rows') FROM pulsex.saved_cards;
SELECT is((SELECT count(*) FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000002', '2026-11-15')), 0::bigint,
          'no row for a day without a briefing');
SELECT is((SELECT count(*) FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000002', '2020-01-01')), 0::bigint,
          'no row (and no error) for a month without a partition');

-- The same result as the two-statement form it replaces.
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000003');
SELECT results_eq(
    $$SELECT b.briefing_date, b.status, b.cards FROM pulsex.briefings AS b
       WHERE b.user_id = '00000000-0000-4000-8000-000000000003' AND b.briefing_date = '2026-10-07'$$,
    $$SELECT f.briefing_date, f.status, f.cards FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000003', '2026-10-07') AS f$$,
    'fetch_briefing returns what set_app_context() plus the SELECT return');

-- An admin context is replaced by the user's own context, never kept.
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000001', true);
SELECT is((SELECT count(*) FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000002', '2026-10-05')), 1::bigint,
          'in an admin context fetch_briefing returns the one briefing asked for');
SELECT ok(NOT pulsex.app_is_admin() AND pulsex.app_user_id() = '00000000-0000-4000-8000-000000000002',
          'and leaves A''s context, with the admin override dropped');
SELECT is((SELECT count(DISTINCT user_id) FROM pulsex.briefings), 1::bigint,
          'so the transaction no longer sees other users'' briefings');

SELECT throws_ok($$SELECT * FROM pulsex.fetch_briefing(NULL, '2026-10-05')$$, '22004', NULL,
                 'fetch_briefing refuses a missing user');

-- Row-level security applies inside the function (SECURITY INVOKER): no policy, no row.
RESET ROLE;
SET LOCAL ROLE pulsex_test_no_policy;
SELECT is((SELECT count(*) FROM pulsex.fetch_briefing('00000000-0000-4000-8000-000000000002', '2026-10-05')), 0::bigint,
          'a role with SELECT on briefings but no policy gets no row through fetch_briefing');

SELECT * FROM finish();
ROLLBACK;
