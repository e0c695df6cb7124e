-- What: drops the set_updated_at triggers and user_management.tg__set_updated_at()
--       (undoes R__15_tg_set_updated_at.sql).
-- Why:  the triggers depend on the function, so they go first.

DROP TRIGGER set_updated_at ON user_management.organizations;
DROP TRIGGER set_updated_at ON user_management.users;
DROP TRIGGER set_updated_at ON content_management.content_items;
DROP TRIGGER set_updated_at ON course_management.courses;
DROP TRIGGER set_updated_at ON course_management.modules;
DROP TRIGGER set_updated_at ON course_management.lessons;
DROP TRIGGER set_updated_at ON course_management.learning_paths;
DROP TRIGGER set_updated_at ON course_management.lesson_progress;
DROP TRIGGER set_updated_at ON gamification.badges;
DROP TRIGGER set_updated_at ON gamification.achievements;
DROP TRIGGER set_updated_at ON assessment.quizzes;
DROP TRIGGER set_updated_at ON assessment.quiz_answer_keys;
DROP TRIGGER set_updated_at ON assessment.assignments;
DROP TRIGGER set_updated_at ON assessment.submissions;
DROP TRIGGER set_updated_at ON social.forums;
DROP TRIGGER set_updated_at ON social.threads;

DROP FUNCTION user_management.tg__set_updated_at();
