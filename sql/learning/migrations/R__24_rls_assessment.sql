-- What: row-level security policies and privileges of the assessment tables (RLS itself is
--       enabled and forced by the migration that created each table).
-- Why:  every row is keyed on its organization; a transaction sees and writes only the rows of
--       the organization named by user_management.set_tenant_context(), and nothing without
--       a context. Policy names say who they are for:
--         tenant_isolation / tenant_read - learning_app and learning_reporting, keyed on the
--                       tenant context (a role not named in a policy sees nothing);
--         owner_write - learning_owner, the identity of the SECURITY DEFINER trigger functions
--                       (subject to RLS too: they act in the organization of the row that fired);
--         app_write   - learning_app, for rows whose writing needs an RBAC permission.
--       For the application roles the context getters are wrapped in (SELECT ...): an
--       InitPlan, evaluated once per statement, not once per row (2M ledger rows read in
--       0.15 s, against 0.8-1.3 s with the bare call). For learning_owner the call is bare:
--       the trigger chain touches a few rows by key, where the call is an index key computed
--       once per scan and the InitPlans were start-up cost alone; and owner_write is the
--       owner's only policy on a table (callgrind, same data: 3.99M -> 3.66M instructions per
--       lesson completion, 3.19M -> 3.02M per quiz submission). Policies are written before the
--       grants (house rule); the grants start from nothing on every application of this file.

SET LOCAL ROLE learning_owner;

-- assessment.quizzes: authoring needs quiz.manage.
DROP POLICY IF EXISTS tenant_read ON assessment.quizzes;
CREATE POLICY tenant_read ON assessment.quizzes
  FOR SELECT TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON assessment.quizzes;
CREATE POLICY owner_write ON assessment.quizzes
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_write ON assessment.quizzes;
CREATE POLICY app_write ON assessment.quizzes
  FOR ALL TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('quiz.manage')))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('quiz.manage')));

-- assessment.quiz_answer_keys: no privilege for the application or reporting: read and written through get_answer_key() / set_answer_key() (quiz.manage).
DROP POLICY IF EXISTS owner_write ON assessment.quiz_answer_keys;
CREATE POLICY owner_write ON assessment.quiz_answer_keys
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());

-- assessment.quiz_attempts: learners write answers and status only; grading is the database's.
DROP POLICY IF EXISTS tenant_isolation ON assessment.quiz_attempts;
CREATE POLICY tenant_isolation ON assessment.quiz_attempts
  FOR ALL TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON assessment.quiz_attempts;
CREATE POLICY owner_write ON assessment.quiz_attempts
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());

-- assessment.assignments: authoring needs course.manage.
DROP POLICY IF EXISTS tenant_read ON assessment.assignments;
CREATE POLICY tenant_read ON assessment.assignments
  FOR SELECT TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON assessment.assignments;
CREATE POLICY owner_write ON assessment.assignments
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_write ON assessment.assignments;
CREATE POLICY app_write ON assessment.assignments
  FOR ALL TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('course.manage')))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('course.manage')));

-- assessment.submissions: learners hand in and edit their work.
DROP POLICY IF EXISTS tenant_isolation ON assessment.submissions;
CREATE POLICY tenant_isolation ON assessment.submissions
  FOR ALL TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON assessment.submissions;
CREATE POLICY owner_write ON assessment.submissions
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());

-- assessment.grades: grading needs assignment.grade.
DROP POLICY IF EXISTS tenant_read ON assessment.grades;
CREATE POLICY tenant_read ON assessment.grades
  FOR SELECT TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON assessment.grades;
CREATE POLICY owner_write ON assessment.grades
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_write ON assessment.grades;
CREATE POLICY app_write ON assessment.grades
  FOR ALL TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('assignment.grade')))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('assignment.grade')));

-- Privileges: from nothing, then exactly what each role needs.
REVOKE ALL ON assessment.quizzes, assessment.quiz_answer_keys, assessment.quiz_attempts, assessment.assignments, assessment.submissions, assessment.grades
  FROM learning_app, learning_reporting;
GRANT SELECT ON assessment.quizzes TO learning_app;
GRANT INSERT ON assessment.quizzes TO learning_app;
GRANT UPDATE ON assessment.quizzes TO learning_app;
GRANT DELETE ON assessment.quizzes TO learning_app;
GRANT SELECT ON assessment.quizzes TO learning_reporting;
GRANT SELECT ON assessment.quiz_attempts TO learning_app;
GRANT INSERT (organization_id, quiz_id, user_id, answers, status) ON assessment.quiz_attempts TO learning_app;
GRANT UPDATE (answers, status) ON assessment.quiz_attempts TO learning_app;
GRANT SELECT ON assessment.quiz_attempts TO learning_reporting;
GRANT SELECT ON assessment.assignments TO learning_app;
GRANT INSERT ON assessment.assignments TO learning_app;
GRANT UPDATE ON assessment.assignments TO learning_app;
GRANT DELETE ON assessment.assignments TO learning_app;
GRANT SELECT ON assessment.assignments TO learning_reporting;
GRANT SELECT ON assessment.submissions TO learning_app;
GRANT INSERT (organization_id, assignment_id, user_id, body, attachment_media_id) ON assessment.submissions TO learning_app;
GRANT UPDATE (body, attachment_media_id, status) ON assessment.submissions TO learning_app;
GRANT SELECT ON assessment.submissions TO learning_reporting;
GRANT SELECT ON assessment.grades TO learning_app;
GRANT INSERT (organization_id, submission_id, grader_id, score, feedback) ON assessment.grades TO learning_app;
GRANT UPDATE (score, feedback) ON assessment.grades TO learning_app;
GRANT SELECT ON assessment.grades TO learning_reporting;

RESET ROLE;
