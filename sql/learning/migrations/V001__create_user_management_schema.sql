-- What: creates the user_management schema.
-- Why:  the platform is split by domain into seven schemas, as in the seed document; this one holds identity and access, on which every other schema depends.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA user_management;

COMMENT ON SCHEMA user_management IS
  'E-learning platform: organizations (the tenants), user accounts, memberships, roles and permissions (RBAC) and the tenant-context functions.';
