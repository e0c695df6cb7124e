-- What: row-level security policies and privileges of the social tables (RLS itself is
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

-- social.forums: creating and locking forums needs forum.moderate.
DROP POLICY IF EXISTS tenant_read ON social.forums;
CREATE POLICY tenant_read ON social.forums
  FOR SELECT TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON social.forums;
CREATE POLICY owner_write ON social.forums
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_write ON social.forums;
CREATE POLICY app_write ON social.forums
  FOR ALL TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('forum.moderate')))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND (SELECT user_management.has_permission('forum.moderate')));

-- social.threads: members open threads; only the author or a moderator (forum.moderate) may change one.
DROP POLICY IF EXISTS tenant_isolation ON social.threads;
CREATE POLICY tenant_isolation ON social.threads
  FOR ALL TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON social.threads;
CREATE POLICY owner_write ON social.threads
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_update_author_or_moderator ON social.threads;
CREATE POLICY app_update_author_or_moderator ON social.threads
  AS RESTRICTIVE FOR UPDATE TO learning_app
  USING (author_id = (SELECT user_management.current_user_id()) OR (SELECT user_management.has_permission('forum.moderate')));

-- social.posts: members post; only the author or a moderator may edit or soft-delete a post.
DROP POLICY IF EXISTS tenant_isolation ON social.posts;
CREATE POLICY tenant_isolation ON social.posts
  FOR ALL TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON social.posts;
CREATE POLICY owner_write ON social.posts
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());
DROP POLICY IF EXISTS app_update_author_or_moderator ON social.posts;
CREATE POLICY app_update_author_or_moderator ON social.posts
  AS RESTRICTIVE FOR UPDATE TO learning_app
  USING (author_id = (SELECT user_management.current_user_id()) OR (SELECT user_management.has_permission('forum.moderate')));

-- social.reactions: members react to posts.
DROP POLICY IF EXISTS tenant_isolation ON social.reactions;
CREATE POLICY tenant_isolation ON social.reactions
  FOR ALL TO learning_app, learning_reporting
  USING (organization_id = (SELECT user_management.current_organization_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()));
DROP POLICY IF EXISTS owner_write ON social.reactions;
CREATE POLICY owner_write ON social.reactions
  FOR ALL TO learning_owner
  USING (organization_id = user_management.current_organization_id())
  WITH CHECK (organization_id = user_management.current_organization_id());

-- social.direct_messages: visible only to sender and recipient; sent as oneself; only the recipient marks read; no reporting access.
DROP POLICY IF EXISTS participants_read ON social.direct_messages;
CREATE POLICY participants_read ON social.direct_messages
  FOR SELECT TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id())
         AND (sender_id = (SELECT user_management.current_user_id()) OR recipient_id = (SELECT user_management.current_user_id())));
DROP POLICY IF EXISTS sender_insert ON social.direct_messages;
CREATE POLICY sender_insert ON social.direct_messages
  FOR INSERT TO learning_app
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND sender_id = (SELECT user_management.current_user_id()));
DROP POLICY IF EXISTS recipient_update ON social.direct_messages;
CREATE POLICY recipient_update ON social.direct_messages
  FOR UPDATE TO learning_app
  USING (organization_id = (SELECT user_management.current_organization_id()) AND recipient_id = (SELECT user_management.current_user_id()))
  WITH CHECK (organization_id = (SELECT user_management.current_organization_id()) AND recipient_id = (SELECT user_management.current_user_id()));

-- Privileges: from nothing, then exactly what each role needs.
REVOKE ALL ON social.forums, social.threads, social.posts, social.reactions, social.direct_messages
  FROM learning_app, learning_reporting;
GRANT SELECT ON social.forums TO learning_app;
GRANT INSERT ON social.forums TO learning_app;
GRANT UPDATE ON social.forums TO learning_app;
GRANT DELETE ON social.forums TO learning_app;
GRANT SELECT ON social.forums TO learning_reporting;
GRANT SELECT ON social.threads TO learning_app;
GRANT INSERT (organization_id, forum_id, author_id, title) ON social.threads TO learning_app;
GRANT UPDATE (title, is_pinned, is_locked) ON social.threads TO learning_app;
GRANT SELECT ON social.threads TO learning_reporting;
GRANT SELECT ON social.posts TO learning_app;
GRANT INSERT (organization_id, thread_id, author_id, parent_post_id, body) ON social.posts TO learning_app;
GRANT UPDATE (body, deleted_at) ON social.posts TO learning_app;
GRANT SELECT ON social.posts TO learning_reporting;
GRANT SELECT ON social.reactions TO learning_app;
GRANT INSERT ON social.reactions TO learning_app;
GRANT DELETE ON social.reactions TO learning_app;
GRANT SELECT ON social.reactions TO learning_reporting;
GRANT SELECT ON social.direct_messages TO learning_app;
GRANT INSERT (organization_id, sender_id, recipient_id, body) ON social.direct_messages TO learning_app;
GRANT UPDATE (read_at) ON social.direct_messages TO learning_app;

RESET ROLE;
