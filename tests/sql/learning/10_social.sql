-- Social features as the application: direct messages are private to their two members;
-- thread counters follow posts and soft deletions; locked threads take no posts; only the
-- author or a moderator changes a thread; a reaction is given once; posting counts towards
-- forum badges; edits are stamped.
BEGIN;
SELECT plan(16);

SET LOCAL ROLE learning_app;
-- Lena (learner): two messages with Ada; Ivan's message to Omar is not hers to read.
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT is((SELECT count(*) FROM social.direct_messages), 2::bigint, 'Lena sees only the messages she sent or received');
SELECT is((SELECT count(*) FROM social.direct_messages WHERE sender_id = '0b000001-0000-4000-8000-000000000002'), 0::bigint,
          'a message between two other members is invisible, even in the same organization');
SELECT throws_ok($$INSERT INTO social.direct_messages (organization_id, sender_id, recipient_id, body)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 'Signed, Ada')$$,
                 '42501', NULL, 'a message cannot be sent in someone else''s name');
SELECT lives_ok($$INSERT INTO social.direct_messages (organization_id, sender_id, recipient_id, body)
                  VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', '0b000001-0000-4000-8000-000000000001', 'See you Thursday')$$,
                'Lena sends a message as herself');
WITH u AS (UPDATE social.direct_messages SET read_at = now() WHERE body = 'See you Thursday' RETURNING 1)
SELECT is(count(*), 0::bigint, 'the sender cannot mark her own message read') FROM u;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');
WITH u AS (UPDATE social.direct_messages SET read_at = now() WHERE body = 'See you Thursday' RETURNING 1)
SELECT is(count(*), 1::bigint, 'the recipient marks it read') FROM u;

-- Omar posts in "JOIN or subquery" (two posts so far).
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004');
INSERT INTO social.posts (organization_id, thread_id, author_id, body)
VALUES ('0a000000-0000-4000-8000-000000000001', '4b000001-0000-4000-8000-000000000002',
        '0b000001-0000-4000-8000-000000000004', 'I tried both: same plan, same time.');
SELECT is((SELECT post_count FROM social.threads WHERE id = '4b000001-0000-4000-8000-000000000002'), 3,
          'a new post raises the thread''s post_count');
SELECT ok((SELECT last_post_at >= now() - interval '1 minute' FROM social.threads WHERE id = '4b000001-0000-4000-8000-000000000002'),
          'and moves last_post_at');
SELECT ok(EXISTS (SELECT 1 FROM gamification.user_badges ub JOIN gamification.badges b ON b.id = ub.badge_id
                   WHERE ub.user_id = '0b000001-0000-4000-8000-000000000004' AND b.key = 'conversation_starter'),
          'Omar''s second post earns conversation_starter');
UPDATE social.posts SET body = 'I tried both: same plan, same time (on 1M rows).' WHERE body LIKE 'I tried both%';
SELECT isnt((SELECT edited_at FROM social.posts WHERE body LIKE 'I tried both%'), NULL, 'an edit is stamped');
UPDATE social.posts SET deleted_at = now() WHERE body LIKE 'I tried both%';
SELECT is((SELECT post_count FROM social.threads WHERE id = '4b000001-0000-4000-8000-000000000002'), 2,
          'a soft-deleted post no longer counts');
WITH u AS (UPDATE social.threads SET is_locked = true WHERE id = '4b000001-0000-4000-8000-000000000002' RETURNING 1)
SELECT is(count(*), 0::bigint, 'a member who is neither author nor moderator cannot lock a thread') FROM u;
SELECT throws_ok($$INSERT INTO social.reactions (organization_id, post_id, user_id, reaction)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '4c000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 'celebrate')$$,
                 '23505', NULL, 'the same reaction cannot be given twice');

-- Ivan (moderator) locks the thread; nobody can post in it any more.
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000002');
WITH u AS (UPDATE social.threads SET is_locked = true WHERE id = '4b000001-0000-4000-8000-000000000002' RETURNING 1)
SELECT is(count(*), 1::bigint, 'a moderator locks the thread') FROM u;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004');
SELECT throws_ok($$INSERT INTO social.posts (organization_id, thread_id, author_id, body)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '4b000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000004', 'One more thing')$$,
                 'LRN05', NULL, 'no new posts in a locked thread');
SELECT throws_ok($$UPDATE social.threads SET post_count = 1000 WHERE id = '4b000001-0000-4000-8000-000000000001'$$,
                 '42501', NULL, 'the application cannot write thread counters');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
