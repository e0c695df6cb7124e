-- What: drops the policies and revokes the privileges of the course_management tables (undoes
--       R__21_rls_course_management.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON course_management.courses;
DROP POLICY owner_write ON course_management.courses;
DROP POLICY app_write ON course_management.courses;
DROP POLICY tenant_read ON course_management.modules;
DROP POLICY owner_write ON course_management.modules;
DROP POLICY app_write ON course_management.modules;
DROP POLICY tenant_read ON course_management.lessons;
DROP POLICY owner_write ON course_management.lessons;
DROP POLICY app_write ON course_management.lessons;
DROP POLICY tenant_read ON course_management.learning_paths;
DROP POLICY owner_write ON course_management.learning_paths;
DROP POLICY app_write ON course_management.learning_paths;
DROP POLICY tenant_read ON course_management.learning_path_courses;
DROP POLICY owner_write ON course_management.learning_path_courses;
DROP POLICY app_write ON course_management.learning_path_courses;
DROP POLICY tenant_read ON course_management.course_prerequisites;
DROP POLICY owner_write ON course_management.course_prerequisites;
DROP POLICY app_write ON course_management.course_prerequisites;
DROP POLICY tenant_isolation ON course_management.enrollments;
DROP POLICY owner_write ON course_management.enrollments;
DROP POLICY tenant_isolation ON course_management.lesson_progress;
DROP POLICY owner_write ON course_management.lesson_progress;

REVOKE ALL ON course_management.courses, course_management.modules, course_management.lessons, course_management.learning_paths, course_management.learning_path_courses, course_management.course_prerequisites, course_management.enrollments, course_management.lesson_progress
  FROM learning_app, learning_reporting;
