-- What: the tenant-context functions: set_tenant_context(), clear_tenant_context(),
--       current_organization_id() and current_user_id().
-- Why:  row-level security on every tenant table compares organization_id with
--       current_organization_id(), which reads the transaction-local setting
--       learning.organization_id. The application calls, at the start of every transaction,
--         SELECT user_management.set_tenant_context(:organization_id, :user_id);
--       set_config(..., true) makes the setting end with the transaction, so a pooled
--       connection never carries one tenant's context into another's transaction. Without a
--       context every tenant table shows no rows and accepts no writes.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION user_management.current_organization_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
  SELECT nullif(pg_catalog.current_setting('learning.organization_id', true), '')::uuid
$$;

COMMENT ON FUNCTION user_management.current_organization_id() IS
  'Organization of the tenant context of this transaction (setting learning.organization_id); NULL when unset.';

CREATE OR REPLACE FUNCTION user_management.current_user_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
  SELECT nullif(pg_catalog.current_setting('learning.user_id', true), '')::uuid
$$;

COMMENT ON FUNCTION user_management.current_user_id() IS
  'User of the tenant context of this transaction (setting learning.user_id); NULL when unset.';

CREATE OR REPLACE FUNCTION user_management.set_tenant_context(p_organization_id uuid, p_user_id uuid DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF p_organization_id IS NULL THEN
    RAISE EXCEPTION 'set_tenant_context: an organization is required'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  PERFORM pg_catalog.set_config('learning.organization_id', p_organization_id::text, true);
  PERFORM pg_catalog.set_config('learning.user_id', coalesce(p_user_id::text, ''), true);
  -- Checked after the organization is set, so that the membership row is visible under RLS.
  IF p_user_id IS NOT NULL AND NOT EXISTS (
       SELECT 1
         FROM user_management.organization_members m
        WHERE m.organization_id = p_organization_id
          AND m.user_id = p_user_id
          AND m.status = 'active') THEN
    RAISE EXCEPTION 'user % is not an active member of organization %', p_user_id, p_organization_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

COMMENT ON FUNCTION user_management.set_tenant_context(uuid, uuid) IS
  'Sets the tenant context for the rest of the transaction; with a user, refuses (42501) one who is not an active member.';

CREATE OR REPLACE FUNCTION user_management.clear_tenant_context()
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  PERFORM pg_catalog.set_config('learning.organization_id', '', true);
  PERFORM pg_catalog.set_config('learning.user_id', '', true);
END
$$;

COMMENT ON FUNCTION user_management.clear_tenant_context() IS
  'Clears the tenant context for the rest of the transaction: tenant tables show no rows again.';

-- The getters are used by the policies, so every role keeps EXECUTE (the PUBLIC default).
REVOKE EXECUTE ON FUNCTION user_management.set_tenant_context(uuid, uuid),
                           user_management.clear_tenant_context() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_management.set_tenant_context(uuid, uuid),
                          user_management.clear_tenant_context() TO learning_app, learning_reporting;

RESET ROLE;
