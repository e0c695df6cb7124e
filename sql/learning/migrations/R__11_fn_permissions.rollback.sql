-- What: drops the RBAC functions (undoes R__11_fn_permissions.sql).
-- Why:  the policies and functions that call them were dropped first (reverse name order).

DROP FUNCTION user_management.add_member(text, text, text);
DROP FUNCTION user_management.require_permission(text);
DROP FUNCTION user_management.has_permission(text, uuid);
