-- Seed: quizzes (questions), their answer keys and assignments.

INSERT INTO assessment.quizzes
       (id, organization_id, course_id, lesson_id, title, description, questions, passing_percent,
        max_attempts, time_limit_seconds, points_reward, status)
VALUES
  ('3a000001-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001',
   '0f000001-0000-4000-8000-000000000122', 'SQL basics check', 'Four questions on the first two modules.',
   '[{"id": "q1", "type": "single_choice", "prompt": "Which clause filters rows?", "points": 1,
      "options": [{"id": "a", "text": "ORDER BY"}, {"id": "b", "text": "WHERE"}, {"id": "c", "text": "GROUP BY"}]},
     {"id": "q2", "type": "multiple_choice", "prompt": "Which are aggregate functions?", "points": 2,
      "options": [{"id": "a", "text": "count"}, {"id": "b", "text": "lower"}, {"id": "c", "text": "sum"}, {"id": "d", "text": "now"}]},
     {"id": "q3", "type": "true_false", "prompt": "A primary key column may contain NULL.", "points": 1},
     {"id": "q4", "type": "short_answer", "prompt": "Which keyword removes duplicate rows from a result?", "points": 1}]',
   70, 3, 600, 50, 'published'),
  ('3a000001-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000002',
   NULL, 'Query plan quiz', NULL,
   '[{"id": "q1", "type": "single_choice", "prompt": "Which plan node reads a whole table?", "points": 1,
      "options": [{"id": "a", "text": "Seq Scan"}, {"id": "b", "text": "Index Scan"}, {"id": "c", "text": "Bitmap Heap Scan"}]},
     {"id": "q2", "type": "true_false", "prompt": "EXPLAIN ANALYZE executes the query.", "points": 1}]',
   50, NULL, NULL, 80, 'published'),
  ('3a000002-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002', '0d000002-0000-4000-8000-000000000001',
   NULL, 'Machine learning basics', NULL,
   '[{"id": "q1", "type": "single_choice", "prompt": "Which of these is supervised learning?", "points": 2,
      "options": [{"id": "a", "text": "Clustering"}, {"id": "b", "text": "Regression"}, {"id": "c", "text": "Dimensionality reduction"}]},
     {"id": "q2", "type": "true_false", "prompt": "Gradient descent always finds the global minimum.", "points": 1}]',
   60, NULL, NULL, 40, 'published'),
  ('3a000003-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000003', '0d000003-0000-4000-8000-000000000001',
   NULL, 'Cover sheet quiz', NULL,
   '[{"id": "q1", "type": "true_false", "prompt": "The cover sheet is optional.", "points": 1}]',
   100, 2, NULL, 20, 'published');

INSERT INTO assessment.quiz_answer_keys (organization_id, quiz_id, answer_key)
VALUES
  ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000001',
   '{"q1": "b", "q2": ["a", "c"], "q3": false, "q4": ["DISTINCT", "SELECT DISTINCT"]}'),
  ('0a000000-0000-4000-8000-000000000001', '3a000001-0000-4000-8000-000000000002', '{"q1": "a", "q2": true}'),
  ('0a000000-0000-4000-8000-000000000002', '3a000002-0000-4000-8000-000000000001', '{"q1": "b", "q2": false}'),
  ('0a000000-0000-4000-8000-000000000003', '3a000003-0000-4000-8000-000000000001', '{"q1": false}');

INSERT INTO assessment.assignments
       (id, organization_id, course_id, lesson_id, title, instructions, due_at, max_score, points_reward, status)
VALUES
  ('3b000001-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001', '0d000001-0000-4000-8000-000000000001',
   '0f000001-0000-4000-8000-000000000122', 'Write a report query',
   'List every customer with their number of orders last month, most active first.',
   '2026-11-30 23:59:00+00', 100, 40, 'published'),
  ('3b000002-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002', '0d000002-0000-4000-8000-000000000001',
   NULL, 'Model evaluation essay', 'Explain overfitting and how a validation set detects it.',
   '2026-11-15 23:59:00+00', 50, 30, 'published'),
  ('3b000003-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000003', '0d000003-0000-4000-8000-000000000001',
   NULL, 'Fill in a TPS report', 'Use the new cover sheet.', NULL, 10, 10, 'published');
