-- Quiz grading and assignments. The grading function itself (every question type), then
-- attempts as the application (learner Priya on Northwind's "SQL basics check", 5 points,
-- pass mark 70%, 3 attempts, 50 points on a pass): graded at submission, points once,
-- attempt limit, frozen answers, no self-grading; answer-key and question checks; and an
-- instructor's grade on an assignment.
BEGIN;
SELECT plan(28);

-- grade_answers: q1 single (1 pt), q2 multiple (2), q3 true/false (1), q4 short answer (1).
CREATE TEMP TABLE quiz AS
SELECT q.questions, k.answer_key FROM assessment.quizzes q JOIN assessment.quiz_answer_keys k ON k.quiz_id = q.id
 WHERE q.id = '3a000001-0000-4000-8000-000000000001';
SELECT is((SELECT ARRAY[g.score, g.max_score] FROM quiz, assessment.grade_answers(questions, answer_key,
            '{"q1": "b", "q2": ["c", "a"], "q3": false, "q4": "  Select Distinct "}') g),
          ARRAY[5, 5]::numeric[], 'all correct: option order and the case and blanks of a short answer do not matter');
SELECT is((SELECT g.score FROM quiz, assessment.grade_answers(questions, answer_key, '{"q2": ["a"]}') g), 0::numeric,
          'a subset of the right options is wrong, and missing answers score nothing');
SELECT is((SELECT g.score FROM quiz, assessment.grade_answers(questions, answer_key, '{"q2": ["a", "c", "d"]}') g), 0::numeric,
          'a superset of the right options is wrong');
SELECT is((SELECT g.score FROM quiz, assessment.grade_answers(questions, answer_key, '{"q3": "false", "q1": ["b"]}') g), 0::numeric,
          'answers of the wrong JSON type are wrong ("false" is not false, ["b"] is not "b")');
SELECT is((SELECT g.feedback FROM quiz, assessment.grade_answers(questions, answer_key, '{"q1": "b", "q4": "distinct"}') g),
          '{"q1": true, "q2": false, "q3": false, "q4": true}'::jsonb, 'feedback says which questions were right');

CREATE TEMP VIEW priya AS
SELECT (SELECT count(*) FROM gamification.points_ledger
         WHERE user_id = '0b000001-0000-4000-8000-000000000005' AND reason = 'quiz_passed') AS quiz_awards,
       (SELECT total_points FROM gamification.point_balances WHERE user_id = '0b000001-0000-4000-8000-000000000005') AS total;
GRANT SELECT ON priya TO learning_app;

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000005');

-- Priya's seeded attempt 1 is in progress: she finishes it with a perfect score.
UPDATE assessment.quiz_attempts SET answers = '{"q1": "b", "q2": ["a", "c"], "q3": false, "q4": "DISTINCT"}'
 WHERE id = '3d000001-0000-4000-8000-000000000004';
SELECT is((SELECT status FROM assessment.quiz_attempts WHERE id = '3d000001-0000-4000-8000-000000000004'), 'in_progress',
          'saving answers does not grade');
UPDATE assessment.quiz_attempts SET status = 'submitted' WHERE id = '3d000001-0000-4000-8000-000000000004';
SELECT is((SELECT ARRAY[status, score::text, score_percent::text, passed::text] FROM assessment.quiz_attempts
            WHERE id = '3d000001-0000-4000-8000-000000000004'),
          ARRAY['graded', '5.00', '100.00', 'true'], 'submitting grades the attempt at once: 5/5, passed');
SELECT isnt((SELECT submitted_at FROM assessment.quiz_attempts WHERE id = '3d000001-0000-4000-8000-000000000004'), NULL,
            'submitted_at is stamped');
SELECT is((SELECT quiz_awards FROM priya), 1::bigint, 'a pass awards the quiz''s points');
SELECT is((SELECT points::integer FROM gamification.points_ledger WHERE user_id = '0b000001-0000-4000-8000-000000000005' AND reason = 'quiz_passed'),
          50, 'worth the quiz''s points_reward');
SELECT ok(EXISTS (SELECT 1 FROM gamification.user_badges ub JOIN gamification.badges b ON b.id = ub.badge_id
                   WHERE ub.user_id = '0b000001-0000-4000-8000-000000000005' AND b.key = 'quiz_ace'),
          'a perfect score earns quiz_ace');

-- Attempt 2, submitted directly, wrong: graded, failed, no more points.
SELECT set_config('test.attempt_updates', (SELECT n_tup_upd::text FROM pg_stat_xact_user_tables
                                           WHERE relid = 'assessment.quiz_attempts'::regclass), true);
INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, answers, status)
VALUES ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000005',
        '{"q1": "a"}', 'submitted');
SELECT is((SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relid = 'assessment.quiz_attempts'::regclass),
          current_setting('test.attempt_updates')::bigint,
          'an attempt submitted at insert is stored graded: one row version, no update');
SELECT is((SELECT ARRAY[attempt_number::text, status, passed::text] FROM assessment.quiz_attempts
            WHERE user_id = '0b000001-0000-4000-8000-000000000005' ORDER BY attempt_number DESC LIMIT 1),
          ARRAY['2', 'graded', 'false'], 'a second attempt is numbered 2, graded and failed');
-- Attempt 3 passes again: still one award for this quiz.
INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, answers, status)
VALUES ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000005',
        '{"q1": "b", "q2": ["a", "c"], "q3": false, "q4": "distinct"}', 'submitted');
SELECT is((SELECT quiz_awards FROM priya), 1::bigint, 'passing the same quiz again awards nothing more');
SELECT throws_ok($$INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, status)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000005', 'in_progress')$$,
                 'LRN03', NULL, 'a fourth attempt is refused (max_attempts 3)');

-- No tampering.
SELECT throws_ok($$UPDATE assessment.quiz_attempts SET answers = '{"q1": "b"}' WHERE id = '3d000001-0000-4000-8000-000000000004'$$,
                 'LRN04', NULL, 'answers cannot change after submission');
SELECT throws_ok($$UPDATE assessment.quiz_attempts SET status = 'in_progress' WHERE id = '3d000001-0000-4000-8000-000000000004'$$,
                 'LRN04', NULL, 'a graded attempt cannot be reopened');
SELECT throws_ok($$UPDATE assessment.quiz_attempts SET score = 5 WHERE user_id = '0b000001-0000-4000-8000-000000000004'$$,
                 '42501', NULL, 'a learner cannot write a score');
SELECT throws_ok($$INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, status, passed)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000005', 'graded', true)$$,
                 '42501', NULL, 'a learner cannot insert an attempt that is already passed');
SELECT is((SELECT count(*) FROM assessment.quizzes WHERE id = '3a000001-0000-4000-8000-000000000001'), 1::bigint,
          'the learner can read the quiz (questions) ...');
SELECT throws_ok($$SELECT answer_key FROM assessment.quiz_answer_keys$$, '42501', NULL, '... but not its answer key');
RESET ROLE;

-- An attempt inserted as "graded" by a privileged writer is still graded by the database.
INSERT INTO assessment.quiz_attempts (organization_id, quiz_id, user_id, answers, status, score, max_score, score_percent, passed, graded_at)
VALUES ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000005',
        '{"q1": "b"}', 'graded', 2, 2, 100, true, now());
SELECT is((SELECT ARRAY[score::text, passed::text] FROM assessment.quiz_attempts
            WHERE user_id = '0b000001-0000-4000-8000-000000000005' AND quiz_id = '3a000001-0000-4000-8000-000000000002'),
          ARRAY['0.00', 'false'], 'client-supplied grading is discarded and the attempt graded from its answers');

-- Questions and keys must fit together.
SELECT throws_ok($$UPDATE assessment.quizzes SET questions = questions || '[{"id": "q1", "type": "true_false", "prompt": "Again?", "points": 1}]'
                   WHERE id = '3a000001-0000-4000-8000-000000000002'$$,
                 '23514', NULL, 'question ids must be unique');
SELECT throws_ok($$UPDATE assessment.quizzes SET questions = questions || '[{"id": "q9", "type": "true_false", "prompt": "New?", "points": 1}]'
                   WHERE id = '3a000001-0000-4000-8000-000000000002'$$,
                 'LRN08', NULL, 'a new question without an answer in the key is refused');
SELECT throws_ok($$INSERT INTO assessment.quizzes (organization_id, course_id, title, questions)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001', 'Bad',
                           '[{"id": "q1", "type": "single_choice", "prompt": "No options?", "points": 1}]')$$,
                 '23514', NULL, 'a choice question without options is refused');

-- Assignments: Ivan (instructor) grades Omar's submission.
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000002');
SELECT throws_ok($$INSERT INTO assessment.grades (organization_id, submission_id, grader_id, score)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '3c000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000002', 101)$$,
                 'LRN06', NULL, 'a grade above the assignment''s max_score is refused');
INSERT INTO assessment.grades (organization_id, submission_id, grader_id, score, feedback)
VALUES ('0a000000-0000-4000-8000-000000000001', '3c000001-0000-4000-8000-000000000002', '0b000001-0000-4000-8000-000000000002', 50, 'Half there.');
SELECT is((SELECT status FROM assessment.submissions WHERE id = '3c000001-0000-4000-8000-000000000002'), 'graded',
          'grading marks the submission graded');
SELECT is((SELECT points::integer FROM gamification.points_ledger
            WHERE user_id = '0b000001-0000-4000-8000-000000000004' AND reason = 'assignment_graded'),
          20, 'the grade earns its share of the assignment''s points: 40 * 50/100');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
