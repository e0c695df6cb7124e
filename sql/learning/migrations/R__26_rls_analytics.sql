-- What: row-level security policies and privileges of the analytics tables (RLS itself is
--       enabled and forced by the migration that created each table).
-- Why:  every row is keyed on its organization; a transaction sees and writes only the rows of
--       the organization named by user_management.set_tenant_context(), and nothing without
--       a context. Policy names say who they are for:
--         tenant_isolation / tenant_read - every role, keyed on the tenant context;
--         owner_write - learning_owner, the identity of the SECURITY DEFINER trigger functions
--                       (subject to RLS too: they act in the organization of the row that fired);
--         app_write   - learning_app, for rows whose writing needs an RBAC permission.
--       The context getters are wrapped in (SELECT ...) so that they are evaluated once per
--       statement (an InitPlan), not once per row. Policies are written before the grants
--       (house rule); the grants start from nothing on every application of this file.

SET LOCAL ROLE learning_owner;

-- analytics.learning_events: the application may log client event types for its own user; every other type comes from the trigger chain.
DROP POLICY IF EXISTS tenant_read ON analytics.learning_events;
CREATE POLICY tenant_read ON analytics.learning_events
  FOR SELECT
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON analytics.learning_events;
CREATE POLICY owner_write ON analytics.learning_events
  FOR ALL TO learning_owner
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS app_insert_client_events ON analytics.learning_events;
CREATE POLICY app_insert_client_events ON analytics.learning_events
  FOR INSERT TO learning_app
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id())
              AND user_id = (SELECT user_management.current_user_id())
              AND event_type IN ('lesson_started', 'lesson_viewed', 'video_progress', 'search', 'login'));

-- analytics.daily_engagement: a rollup written by analytics.rebuild_daily_engagement() (V045).
DROP POLICY IF EXISTS tenant_read ON analytics.daily_engagement;
CREATE POLICY tenant_read ON analytics.daily_engagement
  FOR SELECT
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON analytics.daily_engagement;
CREATE POLICY owner_write ON analytics.daily_engagement
  FOR ALL TO learning_owner
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));

-- Privileges: from nothing, then exactly what each role needs.
REVOKE ALL ON analytics.learning_events, analytics.daily_engagement
  FROM learning_app, learning_reporting;
GRANT SELECT ON analytics.learning_events TO learning_app;
GRANT INSERT (organization_id, user_id, event_type, course_id, subject_id, payload) ON analytics.learning_events TO learning_app;
GRANT SELECT ON analytics.learning_events TO learning_reporting;
GRANT SELECT ON analytics.daily_engagement TO learning_app;
GRANT SELECT ON analytics.daily_engagement TO learning_reporting;
GRANT USAGE ON SEQUENCE analytics.learning_events_id_seq TO learning_app;

RESET ROLE;
