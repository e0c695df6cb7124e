-- What: drops the policies and revokes the privileges of the user_management tables (undoes
--       R__20_rls_user_management.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON user_management.organizations;
DROP POLICY owner_write ON user_management.organizations;
DROP POLICY app_write ON user_management.organizations;
DROP POLICY visible_to_members ON user_management.users;
DROP POLICY app_update_self ON user_management.users;
DROP POLICY owner_all ON user_management.users;
DROP POLICY tenant_read ON user_management.organization_members;
DROP POLICY owner_write ON user_management.organization_members;
DROP POLICY app_write ON user_management.organization_members;
DROP POLICY tenant_read ON user_management.roles;
DROP POLICY owner_write ON user_management.roles;
DROP POLICY app_write ON user_management.roles;
DROP POLICY tenant_read ON user_management.role_permissions;
DROP POLICY owner_write ON user_management.role_permissions;
DROP POLICY app_write ON user_management.role_permissions;
DROP POLICY tenant_read ON user_management.member_roles;
DROP POLICY owner_write ON user_management.member_roles;
DROP POLICY app_write ON user_management.member_roles;

REVOKE ALL ON user_management.organizations, user_management.users, user_management.organization_members, user_management.roles, user_management.role_permissions, user_management.member_roles
  FROM learning_app, learning_reporting;
REVOKE ALL ON user_management.permissions FROM learning_app, learning_reporting;
