-- RBAC as the application uses it: has_permission() per role; set_tenant_context() refuses
-- non-members and suspended members; the database refuses what would let a learner raise
-- their own rights or read answers (member_roles, role_permissions, answer keys, manual
-- points, add_member); course authoring needs course.manage; the reporting role reads
-- within its tenant only and never writes, reads direct messages or e-mail addresses.
-- Northwind (A): Ada admin, Ivan instructor, Lena and Omar learners. Globex (B): Grace admin.
BEGIN;
SELECT plan(34);

SET LOCAL ROLE learning_app;

-- Admin
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');
SELECT ok(user_management.has_permission('members.manage'), 'admin Ada has members.manage');
SELECT ok(user_management.has_permission('points.adjust'), 'admin Ada has points.adjust');
SELECT ok(NOT user_management.has_permission('no.such'), 'an unknown permission key is never granted');
SELECT ok(NOT user_management.has_permission('course.manage', '0b000001-0000-4000-8000-000000000003'),
          'has_permission for another user: learner Lena has no course.manage');
SELECT ok(user_management.has_permission('quiz.manage', '0b000001-0000-4000-8000-000000000002'),
          'has_permission for another user: instructor Ivan has quiz.manage');

-- Instructor
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000002');
SELECT ok(user_management.has_permission('course.manage') AND NOT user_management.has_permission('members.manage'),
          'instructor Ivan manages courses, not members');
SELECT is(assessment.get_answer_key('3a000001-0000-4000-8000-000000000001') -> 'q1', '"b"'::jsonb,
          'an instructor reads an answer key through get_answer_key');
SELECT throws_ok($$SELECT assessment.set_answer_key('3a000001-0000-4000-8000-000000000001', '{"q1": "z", "q2": ["a"], "q3": true, "q4": ["x"]}')$$,
                 'LRN08', NULL, 'set_answer_key refuses a key that does not match the questions');
SELECT lives_ok($$INSERT INTO course_management.courses (organization_id, slug, title) VALUES ('0a000000-0000-4000-8000-000000000001', 'ivan-new-course', 'New course by Ivan')$$,
                'an instructor (course.manage) creates a course');

-- Learner
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT ok(NOT user_management.has_permission('course.manage'), 'learner Lena has no course.manage');
SELECT throws_ok($$SELECT user_management.require_permission('members.manage')$$, '42501', NULL,
                 'require_permission raises 42501 for a missing permission');
SELECT throws_ok($$INSERT INTO user_management.member_roles (organization_id, user_id, role_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', '0c000001-0000-4000-8000-000000000001')$$,
                 '42501', NULL, 'a learner cannot give herself the admin role');
SELECT throws_ok($$INSERT INTO user_management.role_permissions (organization_id, role_id, permission_key)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0c000001-0000-4000-8000-000000000003', 'members.manage')$$,
                 '42501', NULL, 'a learner cannot add a permission to the learner role');
WITH d AS (DELETE FROM user_management.member_roles WHERE user_id = '0b000001-0000-4000-8000-000000000001' RETURNING 1)
SELECT is(count(*), 0::bigint, 'a learner cannot remove the admin''s role') FROM d;
SELECT throws_ok($$INSERT INTO course_management.courses (organization_id, slug, title) VALUES ('0a000000-0000-4000-8000-000000000001', 'lena-course', 'Lena''s course')$$,
                 '42501', NULL, 'a learner cannot create a course (course.manage)');
WITH u AS (UPDATE course_management.courses SET title = 'Hacked' WHERE slug = 'sql-fundamentals' RETURNING 1)
SELECT is(count(*), 0::bigint, 'a learner cannot edit a course') FROM u;
SELECT throws_ok($$SELECT * FROM assessment.quiz_answer_keys$$, '42501', NULL, 'a learner cannot read answer keys directly');
SELECT throws_ok($$SELECT assessment.get_answer_key('3a000001-0000-4000-8000-000000000001')$$, '42501', NULL,
                 'a learner cannot read answer keys through get_answer_key');
SELECT throws_ok($$SELECT gamification.adjust_points('0b000001-0000-4000-8000-000000000003', 1000, 'I deserve it')$$,
                 '42501', NULL, 'a learner cannot award herself points');
SELECT throws_ok($$SELECT gamification.award_points('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 1000, 'lesson_completed', gen_random_uuid())$$,
                 '42501', NULL, 'the internal award function is not executable by the application');
SELECT throws_ok($$SELECT user_management.add_member('friend@example.org', 'Friend')$$, '42501', NULL,
                 'a learner cannot add members');

-- Admin writes what learners cannot.
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');
SELECT lives_ok($$INSERT INTO user_management.member_roles (organization_id, user_id, role_id, granted_by)
                  VALUES ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003',
                          '0c000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000001')$$,
                'the admin makes Lena an instructor');
SELECT ok(user_management.has_permission('course.manage', '0b000001-0000-4000-8000-000000000003'),
          'the new role takes effect at once');
SELECT isnt(user_management.add_member('New.Person@Example.org', 'New Person'), NULL, 'the admin adds a member');
SELECT is((SELECT r.key FROM user_management.member_roles mr JOIN user_management.roles r ON r.id = mr.role_id
            JOIN user_management.users u ON u.id = mr.user_id WHERE u.email = 'new.person@example.org'),
          'learner', 'add_member gives the default role and stores the e-mail in lower case');

-- Context checks.
SELECT throws_ok($$SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000001')$$,
                 '42501', NULL, 'set_tenant_context refuses a user who is not a member of the organization');
SELECT throws_ok($$SELECT user_management.set_tenant_context(NULL, NULL)$$, '22004', NULL,
                 'set_tenant_context requires an organization');
RESET ROLE;
UPDATE user_management.organization_members SET status = 'suspended'
 WHERE organization_id = '0a000000-0000-4000-8000-000000000001' AND user_id = '0b000001-0000-4000-8000-000000000004';
SET LOCAL ROLE learning_app;
SELECT throws_ok($$SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004')$$,
                 '42501', NULL, 'set_tenant_context refuses a suspended member');
SELECT user_management.clear_tenant_context();
SELECT ok(NOT user_management.has_permission('members.manage', '0b000001-0000-4000-8000-000000000001'),
          'without a context nobody has any permission');
RESET ROLE;

-- Reporting: read-only, same tenant isolation, no private data.
SET LOCAL ROLE learning_reporting;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001');
SELECT ok((SELECT count(*) FROM course_management.courses) > 0
          AND (SELECT count(*) FROM course_management.courses WHERE organization_id <> '0a000000-0000-4000-8000-000000000001') = 0,
          'reporting reads its tenant''s courses and no other''s');
SELECT throws_ok($$INSERT INTO course_management.courses (organization_id, slug, title) VALUES ('0a000000-0000-4000-8000-000000000001', 'r', 'R')$$,
                 '42501', NULL, 'reporting cannot write');
SELECT throws_ok($$SELECT count(*) FROM social.direct_messages$$, '42501', NULL, 'reporting cannot read direct messages');
SELECT throws_ok($$SELECT email FROM user_management.users$$, '42501', NULL, 'reporting cannot read e-mail addresses');
SELECT ok((SELECT count(display_name) FROM user_management.users) > 0, 'reporting reads display names');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
