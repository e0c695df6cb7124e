-- Row-level security through the real API role (SET LOCAL ROLE pulseplus_app plus the
-- per-transaction setting pulseplus.user_id, as the API does): a user sees only their own
-- balances, ledger, purchases, notifications and survey responses; chat only in groups they
-- belong to; may edit only their own profile columns; the audit log is closed. Operators see
-- everything.
BEGIN;
SELECT plan(29);

INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'rls.ann@example.test', 'Ann', 'Rls', 'Ann R.'),
  ('00000000-0000-4000-8000-0000000000a2', 'rls.bob@example.test', 'Bob', 'Rls', 'Bob R.');
INSERT INTO pulseplus.game (id, slug, name, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'rls-game', 'RLS game', 'active');
INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000b1', 'RLS', 'RLS coins');
INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'Ann'),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a2', 'Bob');
SELECT is(pulseplus.award_currency('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 10, 'Ann')
          + pulseplus.award_currency('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000c1', 20, 'Bob'),
          30::bigint, 'fixture: Ann and Bob have balances');
INSERT INTO pulseplus.notification (id, user_id, kind, title) VALUES
  ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000a1', 'system', 'For Ann'),
  ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000a2', 'system', 'For Bob');
INSERT INTO pulseplus.chat_group (id, name, kind) VALUES
  ('00000000-0000-4000-8000-000000000021', 'Ann''s club', 'custom');
INSERT INTO pulseplus.chat_group_member (group_id, user_id) VALUES
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000a1');
INSERT INTO pulseplus.chat_message (group_id, sender_id, body) VALUES
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000a1', 'Members only');
INSERT INTO pulseplus.survey (id, title, questions, opens_at, closes_at) VALUES
  ('00000000-0000-4000-8000-000000000031', 'Open survey', '[{"key": "q"}]', now() - interval '1 day', now() + interval '1 day'),
  ('00000000-0000-4000-8000-000000000032', 'Closed survey', '[{"key": "q"}]', now() - interval '9 days', now() - interval '1 day');
INSERT INTO pulseplus.survey_response (survey_id, user_id, answers) VALUES
  ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-0000000000a2', '{"q": 2}');

SET LOCAL ROLE pulseplus_app;
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a1';

-- economy: own rows only
SELECT results_eq(
  $$SELECT competitor_id, balance FROM pulseplus.currency_balance WHERE game_id = '00000000-0000-4000-8000-0000000000b1'$$,
  $$VALUES ('00000000-0000-4000-8000-0000000000d1'::uuid, 10::bigint)$$, 'Ann sees her balance and not Bob''s');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d2'),
          0, 'Ann does not see Bob''s ledger');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_transaction WHERE competitor_id = '00000000-0000-4000-8000-0000000000d1'),
          1, 'Ann sees her own ledger');
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_balance), 1,
          'of all the balances in the database (the seed''s too) Ann sees one');
SELECT is((SELECT count(*)::integer FROM pulseplus.purchase), 0, 'and none of the seed''s purchases');
SELECT is((SELECT count(*)::integer FROM pulseplus.competitor WHERE game_id = '00000000-0000-4000-8000-0000000000b1'),
          2, 'competitor profiles are public within the organisation');
SELECT is((SELECT count(*)::integer FROM pulseplus.quest_progress), 0,
          'quest progress is private: none of the seed''s is visible to Ann');
SELECT cmp_ok((SELECT count(*)::integer FROM pulseplus.season_pass_progress), '>', 300,
              'season passes are public (the season leaderboard shows them anyway)');

-- notifications
SELECT results_eq($$SELECT title FROM pulseplus.notification$$, $$VALUES ('For Ann'::text)$$,
                  'Ann sees only her notifications');
UPDATE pulseplus.notification SET read_at = now() WHERE id IN ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012');
SELECT throws_ok($$UPDATE pulseplus.notification SET title = 'Changed' WHERE id = '00000000-0000-4000-8000-000000000011'$$,
                 '42501', NULL, 'read_at is the only column the API may change');

-- profile
SELECT cmp_ok((SELECT count(*)::integer FROM pulseplus.sys_user), '>=', 302, 'the colleague directory shows everyone');
UPDATE pulseplus.sys_user SET display_name = 'Annie' WHERE id IN ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2');
SELECT throws_ok($$UPDATE pulseplus.sys_user SET role = 'admin' WHERE id = '00000000-0000-4000-8000-0000000000a1'$$,
                 '42501', NULL, 'a user cannot make themselves admin');
SELECT throws_ok($$UPDATE pulseplus.sys_user SET email = 'x@example.test' WHERE id = '00000000-0000-4000-8000-0000000000a1'$$,
                 '42501', NULL, 'nor change their login email');

-- chat
SELECT is((SELECT count(*)::integer FROM pulseplus.chat_message WHERE group_id = '00000000-0000-4000-8000-000000000021'),
          1, 'a member reads the group''s messages');
SELECT lives_ok($$INSERT INTO pulseplus.chat_message (group_id, sender_id, body)
                  VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000a1', 'Hi all')$$,
                'a member posts in the group');
SELECT throws_ok($$INSERT INTO pulseplus.chat_message (group_id, sender_id, body)
                   VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000a2', 'Pretending')$$,
                 '42501', NULL, 'nobody posts in someone else''s name');

-- surveys
SELECT lives_ok($$INSERT INTO pulseplus.survey_response (survey_id, user_id, answers)
                  VALUES ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-0000000000a1', '{"q": 5}')$$,
                'Ann answers the open survey');
SELECT throws_ok($$INSERT INTO pulseplus.survey_response (survey_id, user_id, answers)
                   VALUES ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-0000000000a1', '{"q": 5}')$$,
                 '42501', NULL, 'a closed survey takes no answers');
SELECT throws_ok($$INSERT INTO pulseplus.survey_response (survey_id, user_id, answers)
                   VALUES ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-0000000000a2', '{"q": 1}')$$,
                 '42501', NULL, 'nobody answers in someone else''s name');
SELECT results_eq($$SELECT user_id FROM pulseplus.survey_response WHERE survey_id = '00000000-0000-4000-8000-000000000031'$$,
                  $$VALUES ('00000000-0000-4000-8000-0000000000a1'::uuid)$$, 'Ann sees only her own response');

-- Bob is not in Ann's club
SET LOCAL pulseplus.user_id = '00000000-0000-4000-8000-0000000000a2';
SELECT is((SELECT count(*)::integer FROM pulseplus.chat_message WHERE group_id = '00000000-0000-4000-8000-000000000021'),
          0, 'a non-member reads nothing of the group');
SELECT is((SELECT count(*)::integer FROM pulseplus.chat_group WHERE id = '00000000-0000-4000-8000-000000000021'),
          0, 'a non-member does not even see the group');
SELECT throws_ok($$INSERT INTO pulseplus.chat_message (group_id, sender_id, body)
                   VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-0000000000a2', 'Let me in')$$,
                 '42501', NULL, 'a non-member cannot post');

-- no acting user: nothing personal
SET LOCAL pulseplus.user_id = '';
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_balance), 0, 'without an acting user no balance is visible');
RESET ROLE;

SELECT results_eq(
  $$SELECT (SELECT read_at IS NOT NULL FROM pulseplus.notification WHERE id = '00000000-0000-4000-8000-000000000011'),
           (SELECT read_at IS NOT NULL FROM pulseplus.notification WHERE id = '00000000-0000-4000-8000-000000000012')$$,
  $$VALUES (true, false)$$, 'Ann''s "mark read" reached her notification and not Bob''s');
SELECT results_eq(
  $$SELECT (SELECT display_name FROM pulseplus.sys_user WHERE id = '00000000-0000-4000-8000-0000000000a1'),
           (SELECT display_name FROM pulseplus.sys_user WHERE id = '00000000-0000-4000-8000-0000000000a2')$$,
  $$VALUES ('Annie'::text, 'Bob R.'::text)$$, 'Ann''s profile edit changed her row and not Bob''s');

SET LOCAL ROLE pulseplus_admin;
SELECT is((SELECT count(*)::integer FROM pulseplus.currency_balance WHERE game_id = '00000000-0000-4000-8000-0000000000b1'),
          2, 'an operator sees every balance');
SELECT is((SELECT count(*)::integer FROM pulseplus.survey_response WHERE survey_id = '00000000-0000-4000-8000-000000000031'),
          2, 'an operator sees every survey response');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
