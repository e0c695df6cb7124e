-- Course rules: prerequisites are enforced on enrollment and stay acyclic; lessons can only
-- be completed in an enrolled course, by a user in the context; composite foreign keys keep
-- progress consistent with its enrollment and stop cross-organization references even for
-- a superuser; positions can be swapped in one statement.
BEGIN;
SELECT plan(10);

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004');
SELECT throws_ok($$INSERT INTO course_management.enrollments (organization_id, course_id, user_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000004')$$,
                 'LRN02', NULL, 'Omar cannot enrol in the performance course before completing SQL Fundamentals');
SELECT throws_ok($$SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000211')$$, 'LRN09', NULL,
                 'a lesson of a course one is not enrolled in cannot be completed');
SELECT lives_ok($$INSERT INTO course_management.enrollments (organization_id, course_id, user_id)
                  VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000003', '0b000001-0000-4000-8000-000000000004')$$,
                'a course without prerequisites is open');
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001');
SELECT throws_ok($$SELECT course_management.complete_lesson('0f000001-0000-4000-8000-000000000111')$$, '42501', NULL,
                 'complete_lesson needs a user in the context');

SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000002');
SELECT throws_ok($$INSERT INTO course_management.course_prerequisites (organization_id, course_id, prerequisite_course_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000002')$$,
                 'LRN01', NULL, 'a prerequisite that closes a cycle is refused');
SELECT throws_ok($$INSERT INTO course_management.course_prerequisites (organization_id, course_id, prerequisite_course_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001')$$,
                 'LRN01', NULL, 'a course cannot require itself (a cycle of one; the CHECK constraint is the backstop)');
UPDATE course_management.modules SET position = 3 - position WHERE course_id = '0d000001-0000-4000-8000-000000000001';
SELECT is(ARRAY(SELECT title FROM course_management.modules WHERE course_id = '0d000001-0000-4000-8000-000000000001' ORDER BY position),
          ARRAY['Querying data', 'Getting started'], 'two modules swap positions in one statement (deferrable unique)');
RESET ROLE;

-- Even a superuser cannot break the composite keys.
SELECT throws_ok($$INSERT INTO course_management.lesson_progress (organization_id, enrollment_id, course_id, user_id, lesson_id)
                   SELECT e.organization_id, e.id, e.course_id, e.user_id, '0f000001-0000-4000-8000-000000000211'
                     FROM course_management.enrollments e
                    WHERE e.user_id = '0b000001-0000-4000-8000-000000000004' AND e.course_id = '0d000001-0000-4000-8000-000000000001'$$,
                 '23503', NULL, 'progress for a lesson outside the enrollment''s course is refused');
SELECT throws_ok($$INSERT INTO course_management.enrollments (organization_id, course_id, user_id)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', '0b000002-0000-4000-8000-000000000003')$$,
                 '23503', NULL, 'a user of another organization cannot be enrolled');
SELECT throws_ok($$INSERT INTO course_management.lessons (organization_id, course_id, module_id, position, title, lesson_type)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000002-0000-4000-8000-000000000001', '0e000002-0000-4000-8000-000000000011', 9, 'Stolen', 'reading')$$,
                 '23503', NULL, 'a lesson cannot be attached to another organization''s course');

SELECT * FROM finish();
ROLLBACK;
