-- Row-level security as the real application role pulsex_app with the context functions the
-- application uses: user A (seed user 02, Ada Lovelace) cannot read, update, delete or create
-- rows of user B (seed user 03, Alan Turing) in any table; without a context no rows are
-- visible; the admin override sees and changes everything; authenticate_session() derives the
-- context from a stored session.
BEGIN;
SELECT plan(77);

-- Preconditions, as the superuser: B has rows in every user-data table, so "A sees none of
-- B's rows" below is a real statement.
SELECT ok((SELECT count(*) FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has briefings');
SELECT ok((SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has feedback');
SELECT ok((SELECT count(*) FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has saved cards');
SELECT ok((SELECT count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has notification tokens');
SELECT ok((SELECT count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has sessions');
SELECT ok((SELECT count(*) FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has analytics events');
SELECT ok((SELECT count(*) FROM pulsex.audit_logs WHERE subject_user_id = '00000000-0000-4000-8000-000000000003') > 0, 'seed: B has audit rows');

SET LOCAL ROLE pulsex_app;

-- No context: nothing is visible, nothing can be written.
SELECT is((SELECT count(*) FROM pulsex.users), 0::bigint, 'no context: users shows no rows');
SELECT is((SELECT count(*) FROM pulsex.briefings), 0::bigint, 'no context: briefings shows no rows');
SELECT is((SELECT count(*) FROM pulsex.user_feedback), 0::bigint, 'no context: user_feedback shows no rows');
SELECT is((SELECT count(*) FROM pulsex.saved_cards), 0::bigint, 'no context: saved_cards shows no rows');
SELECT is((SELECT count(*) FROM pulsex.notification_tokens), 0::bigint, 'no context: notification_tokens shows no rows');
SELECT is((SELECT count(*) FROM pulsex.sessions), 0::bigint, 'no context: sessions shows no rows');
SELECT is((SELECT count(*) FROM pulsex.analytics_events), 0::bigint, 'no context: analytics_events shows no rows');
SELECT is((SELECT count(*) FROM pulsex.audit_logs), 0::bigint, 'no context: audit_logs shows no rows');
SELECT throws_ok($$INSERT INTO pulsex.saved_cards (user_id, card_id, card) VALUES ('00000000-0000-4000-8000-000000000002', 'c-rls-0', '{}')$$,
                 '42501', NULL, 'no context: inserting a saved card is refused');
SELECT throws_ok($$SELECT pulsex.set_app_context(NULL)$$, '22004', NULL,
                 'set_app_context refuses a missing user outside an admin context');

-- Context of user A.
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000002');

-- A reads its own rows (the policies are not deny-all) and nothing else.
SELECT ok(count(*) = 1 AND bool_and(id = '00000000-0000-4000-8000-000000000002'), 'A reads exactly its own users row') FROM pulsex.users;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own briefings') FROM pulsex.briefings;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own feedback') FROM pulsex.user_feedback;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own saved cards') FROM pulsex.saved_cards;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own notification tokens') FROM pulsex.notification_tokens;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own sessions') FROM pulsex.sessions;
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own analytics events') FROM pulsex.analytics_events;
SELECT ok(count(*) > 0 AND bool_and(subject_user_id = '00000000-0000-4000-8000-000000000002'), 'A reads only its own audit rows') FROM pulsex.audit_logs;

-- A cannot read B's rows, even asking for them by key.
SELECT is((SELECT count(*) FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s users row');
SELECT is((SELECT count(*) FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s briefings');
SELECT is((SELECT count(*) FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s feedback');
SELECT is((SELECT count(*) FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s saved cards');
SELECT is((SELECT count(*) FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s notification tokens');
SELECT is((SELECT count(*) FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s sessions');
SELECT is((SELECT count(*) FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s analytics events');
SELECT is((SELECT count(*) FROM pulsex.audit_logs WHERE subject_user_id = '00000000-0000-4000-8000-000000000003'), 0::bigint, 'A cannot read B''s audit rows');

-- A cannot update B's rows: RLS makes them invisible to UPDATE (0 rows), or the role has no
-- UPDATE privilege on the table at all (42501).
WITH u AS (UPDATE pulsex.users SET display_name = 'Mallory' WHERE id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot update B''s users row') FROM u;
WITH u AS (UPDATE pulsex.briefings SET status = 'failed' WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot update B''s briefings') FROM u;
SELECT throws_ok($$UPDATE pulsex.user_feedback SET dwell_ms = 1 WHERE user_id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot update B''s feedback (feedback is not updatable)');
WITH u AS (UPDATE pulsex.saved_cards SET notes = 'Mallory was here' WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot update B''s saved cards') FROM u;
WITH u AS (UPDATE pulsex.notification_tokens SET last_used_at = now() WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot update B''s notification tokens') FROM u;
WITH u AS (UPDATE pulsex.sessions SET revoked_at = now(), revoke_reason = 'security' WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot update B''s sessions') FROM u;
SELECT throws_ok($$UPDATE pulsex.analytics_events SET properties = '{}' WHERE user_id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot update B''s analytics events (append-only)');
SELECT throws_ok($$UPDATE pulsex.audit_logs SET details = '{}' WHERE subject_user_id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot update B''s audit rows (read-only)');

-- A cannot delete B's rows.
SELECT throws_ok($$DELETE FROM pulsex.users WHERE id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot delete B''s users row (accounts end through soft_delete_user)');
WITH d AS (DELETE FROM pulsex.briefings WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot delete B''s briefings') FROM d;
WITH d AS (DELETE FROM pulsex.user_feedback WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot delete B''s feedback') FROM d;
WITH d AS (DELETE FROM pulsex.saved_cards WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot delete B''s saved cards') FROM d;
WITH d AS (DELETE FROM pulsex.notification_tokens WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot delete B''s notification tokens') FROM d;
WITH d AS (DELETE FROM pulsex.sessions WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT is(count(*), 0::bigint, 'A cannot delete B''s sessions') FROM d;
SELECT throws_ok($$DELETE FROM pulsex.analytics_events WHERE user_id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot delete B''s analytics events');
SELECT throws_ok($$DELETE FROM pulsex.audit_logs WHERE subject_user_id = '00000000-0000-4000-8000-000000000003'$$,
                 '42501', NULL, 'A cannot delete B''s audit rows');

-- A cannot create rows in B's name (the policies' WITH CHECK).
SELECT throws_ok($$INSERT INTO pulsex.users (id, email, display_name) VALUES ('00000000-0000-4000-8000-0000000000ff', 'mallory@example.com', 'Mallory')$$,
                 '42501', NULL, 'A cannot create another account');
SELECT throws_ok($$INSERT INTO pulsex.briefings (user_id, briefing_date) VALUES ('00000000-0000-4000-8000-000000000003', '2026-11-02')$$,
                 '42501', NULL, 'A cannot create a briefing for B');
SELECT throws_ok($$INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type) VALUES ('00000000-0000-4000-8000-000000000003', '2026-10-02', 'c-x', 'like')$$,
                 '42501', NULL, 'A cannot record feedback for B');
SELECT throws_ok($$INSERT INTO pulsex.saved_cards (user_id, card_id, card) VALUES ('00000000-0000-4000-8000-000000000003', 'c-rls-1', '{}')$$,
                 '42501', NULL, 'A cannot save a card for B');
SELECT throws_ok($$INSERT INTO pulsex.notification_tokens (user_id, platform, token) VALUES ('00000000-0000-4000-8000-000000000003', 'web', 'rls-test-token-0000000001')$$,
                 '42501', NULL, 'A cannot register a push token for B');
SELECT throws_ok($$INSERT INTO pulsex.sessions (user_id, token_hash, expires_at) VALUES ('00000000-0000-4000-8000-000000000003', sha256('rls-test'), now() + interval '1 day')$$,
                 '42501', NULL, 'A cannot open a session for B');
SELECT throws_ok($$INSERT INTO pulsex.analytics_events (user_id, event_type) VALUES ('00000000-0000-4000-8000-000000000003', 'app_open')$$,
                 '42501', NULL, 'A cannot record analytics events for B');

-- ... while A can change its own rows.
WITH u AS (UPDATE pulsex.saved_cards SET notes = 'mine' WHERE user_id = '00000000-0000-4000-8000-000000000002' RETURNING 1)
SELECT ok(count(*) > 0, 'A can update its own saved cards') FROM u;
SELECT lives_ok($$INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type) VALUES ('00000000-0000-4000-8000-000000000002', '2026-10-02', 'c-x', 'like')$$,
                'A can record its own feedback');

-- Admin override: every row is visible and writable.
SELECT pulsex.set_app_context('00000000-0000-4000-8000-000000000001', true);
SELECT ok((SELECT count(DISTINCT id) FROM pulsex.users) = (SELECT 40), 'admin reads every account, soft-deleted ones included');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.briefings) > 2, 'admin reads every user''s briefings');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.user_feedback) > 2, 'admin reads every user''s feedback');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.saved_cards) > 2, 'admin reads every user''s saved cards');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.notification_tokens) > 2, 'admin reads every user''s tokens');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.sessions) > 2, 'admin reads every user''s sessions');
SELECT ok((SELECT count(DISTINCT user_id) FROM pulsex.analytics_events) > 2, 'admin reads every user''s analytics events');
SELECT ok((SELECT count(DISTINCT subject_user_id) FROM pulsex.audit_logs) > 2, 'admin reads every user''s audit rows');
WITH u AS (UPDATE pulsex.saved_cards SET notes = 'moderated' WHERE user_id = '00000000-0000-4000-8000-000000000003' RETURNING 1)
SELECT ok(count(*) > 0, 'admin can update B''s saved cards') FROM u;
SELECT lives_ok($$INSERT INTO pulsex.briefings (user_id, briefing_date) VALUES ('00000000-0000-4000-8000-000000000003', '2026-11-02')$$,
                'admin can create a briefing for B');
SELECT lives_ok($$SELECT pulsex.set_app_context(NULL, true)$$, 'an admin context may have no user (back-office job)');

-- authenticate_session(): the context comes from a stored, live session.
SELECT is(pulsex.authenticate_session(sha256(convert_to('seed-session-02-2', 'UTF8'))),
          '00000000-0000-4000-8000-000000000002'::uuid, 'a live session of A authenticates as A');
SELECT ok(count(*) > 0 AND bool_and(user_id = '00000000-0000-4000-8000-000000000002') AND NOT pulsex.app_is_admin(),
          'after authenticate_session A sees only its own rows') FROM pulsex.saved_cards;
SELECT is(pulsex.authenticate_session(sha256(convert_to('seed-session-02-1', 'UTF8'))), NULL::uuid,
          'an expired session does not authenticate');
SELECT is((SELECT count(*) FROM pulsex.saved_cards), 0::bigint, 'a failed authentication clears the context');
SELECT is(pulsex.authenticate_session(sha256(convert_to('seed-session-39-2', 'UTF8'))), NULL::uuid,
          'a revoked session of a soft-deleted account does not authenticate');
SELECT throws_ok($$SELECT pulsex.authenticate_session(sha256(convert_to('seed-session-02-2', 'UTF8')), true)$$,
                 '42501', NULL, 'a non-admin account cannot open an admin context');
SELECT ok(pulsex.authenticate_session(sha256(convert_to('seed-session-01-2', 'UTF8')), true) = '00000000-0000-4000-8000-000000000001'
          AND pulsex.app_is_admin(), 'an admin account opens an admin context');
SELECT is((SELECT user_id FROM pulsex.find_login('ADA.Lovelace@EXAMPLE.com')), '00000000-0000-4000-8000-000000000002'::uuid,
          'find_login finds a live account by e-mail, case-insensitively, without a context');

SELECT * FROM finish();
ROLLBACK;
