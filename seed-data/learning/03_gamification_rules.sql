-- Seed: badges and achievements with their rules (levels are in gamification.levels.csv).
-- Points, balances, awarded badges, achievement progress and streaks are not seeded: the
-- trigger chain derives them from the learning activity in the later files.

INSERT INTO gamification.badges (id, organization_id, key, name, description, icon_url, rule, points_reward)
VALUES
  ('2a000001-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001', 'first_steps', 'First Steps',
   'Complete your first lesson.', 'https://cdn.northwind.example/badges/first-steps.svg',
   '{"metric": "lessons_completed", "threshold": 1}', 5),
  ('2a000001-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000001', 'course_finisher', 'Course Finisher',
   'Complete a course.', 'https://cdn.northwind.example/badges/course-finisher.svg',
   '{"metric": "courses_completed", "threshold": 1}', 25),
  ('2a000001-0000-4000-8000-000000000003', '0a000000-0000-4000-8000-000000000001', 'quiz_ace', 'Quiz Ace',
   'Score 100% on a quiz.', 'https://cdn.northwind.example/badges/quiz-ace.svg',
   '{"metric": "perfect_quizzes", "threshold": 1}', 10),
  ('2a000001-0000-4000-8000-000000000004', '0a000000-0000-4000-8000-000000000001', 'scholar', 'Scholar',
   'Reach level 3.', 'https://cdn.northwind.example/badges/scholar.svg',
   '{"metric": "level_reached", "threshold": 3}', 0),
  ('2a000001-0000-4000-8000-000000000005', '0a000000-0000-4000-8000-000000000001', 'on_a_roll', 'On a Roll',
   'Learn three days in a row.', 'https://cdn.northwind.example/badges/on-a-roll.svg',
   '{"metric": "streak_days", "threshold": 3}', 15),
  ('2a000001-0000-4000-8000-000000000006', '0a000000-0000-4000-8000-000000000001', 'conversation_starter', 'Conversation Starter',
   'Write two forum posts.', 'https://cdn.northwind.example/badges/conversation-starter.svg',
   '{"metric": "forum_posts", "threshold": 2}', 5),
  ('2a000002-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002', 'first_steps', 'First Steps',
   'Complete your first lesson.', NULL, '{"metric": "lessons_completed", "threshold": 1}', 5),
  ('2a000002-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000002', 'graduate', 'Graduate',
   'Complete a course.', NULL, '{"metric": "courses_completed", "threshold": 1}', 30),
  ('2a000002-0000-4000-8000-000000000003', '0a000000-0000-4000-8000-000000000002', 'sharp_mind', 'Sharp Mind',
   'Pass a quiz.', NULL, '{"metric": "quizzes_passed", "threshold": 1}', 10),
  ('2a000002-0000-4000-8000-000000000004', '0a000000-0000-4000-8000-000000000002', 'chatterbox', 'Chatterbox',
   'Write three forum posts.', NULL, '{"metric": "forum_posts", "threshold": 3}', 5),
  ('2a000003-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000003', 'first_steps', 'First Steps',
   'Complete your first lesson.', NULL, '{"metric": "lessons_completed", "threshold": 1}', 5);

INSERT INTO gamification.achievements (id, organization_id, key, name, description, rule, points_reward)
VALUES
  ('2b000001-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001', 'five_lessons', 'Five Lessons',
   'Complete five lessons.', '{"metric": "lessons_completed", "threshold": 5}', 20),
  ('2b000001-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000001', 'points_300', 'Three Hundred Club',
   'Collect 300 points.', '{"metric": "points_total", "threshold": 300}', 0),
  ('2b000002-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002', 'three_lessons', 'Three Lessons',
   'Complete three lessons.', '{"metric": "lessons_completed", "threshold": 3}', 15),
  ('2b000003-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000003', 'two_lessons', 'Two Lessons',
   'Complete two lessons.', '{"metric": "lessons_completed", "threshold": 2}', 5);
