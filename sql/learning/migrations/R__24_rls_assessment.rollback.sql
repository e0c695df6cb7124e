-- What: drops the policies and revokes the privileges of the assessment tables (undoes
--       R__24_rls_assessment.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON assessment.quizzes;
DROP POLICY owner_write ON assessment.quizzes;
DROP POLICY app_write ON assessment.quizzes;
DROP POLICY owner_write ON assessment.quiz_answer_keys;
DROP POLICY tenant_isolation ON assessment.quiz_attempts;
DROP POLICY owner_write ON assessment.quiz_attempts;
DROP POLICY tenant_read ON assessment.assignments;
DROP POLICY owner_write ON assessment.assignments;
DROP POLICY app_write ON assessment.assignments;
DROP POLICY tenant_isolation ON assessment.submissions;
DROP POLICY owner_write ON assessment.submissions;
DROP POLICY tenant_read ON assessment.grades;
DROP POLICY owner_write ON assessment.grades;
DROP POLICY app_write ON assessment.grades;

REVOKE ALL ON assessment.quizzes, assessment.quiz_answer_keys, assessment.quiz_attempts, assessment.assignments, assessment.submissions, assessment.grades
  FROM learning_app, learning_reporting;
