-- What: drops the tenant-context functions (undoes R__10_fn_tenant_context.sql).
-- Why:  the policies that call them were dropped first (repeatables are taken down in
--       reverse name order).

DROP FUNCTION user_management.clear_tenant_context();
DROP FUNCTION user_management.set_tenant_context(uuid, uuid);
DROP FUNCTION user_management.current_user_id();
DROP FUNCTION user_management.current_organization_id();
