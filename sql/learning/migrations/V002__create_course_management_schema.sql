-- What: creates the course_management schema.
-- Why:  the curriculum and each learner's place in it; lesson completion starts the gamification trigger chain.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA course_management;

COMMENT ON SCHEMA course_management IS
  'E-learning platform: courses, modules, lessons, learning paths, prerequisites, enrollments and lesson progress.';
