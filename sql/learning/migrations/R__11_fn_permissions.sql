-- What: the RBAC functions: has_permission() and require_permission(), which the application
--       (and the policies and definer functions of this database) call, and add_member(),
--       which creates or finds an account by e-mail and makes it a member of the current
--       organization with a role.
-- Why:  "the permission check as a function the application can call". They run as the
--       caller, under RLS, so they only ever look at the current organization's roles.
--       add_member is SECURITY DEFINER because the application has no INSERT privilege on
--       users or organization_members; it checks members.manage itself.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION user_management.has_permission(p_permission text, p_user_id uuid DEFAULT NULL)
RETURNS boolean
LANGUAGE sql
STABLE
AS $$
  SELECT EXISTS (
    SELECT 1
      FROM user_management.member_roles mr
      JOIN user_management.organization_members m
        ON m.organization_id = mr.organization_id AND m.user_id = mr.user_id
      JOIN user_management.role_permissions rp
        ON rp.organization_id = mr.organization_id AND rp.role_id = mr.role_id
     WHERE mr.organization_id = user_management.current_organization_id()
       AND mr.user_id = coalesce(p_user_id, user_management.current_user_id())
       AND m.status = 'active'
       AND rp.permission_key = p_permission)
$$;

COMMENT ON FUNCTION user_management.has_permission(text, uuid) IS
  'True when the user (default: the context user) is an active member of the context organization with a role carrying the permission key.';

CREATE OR REPLACE FUNCTION user_management.require_permission(p_permission text)
RETURNS void
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
  IF NOT user_management.has_permission(p_permission) THEN
    RAISE EXCEPTION 'permission % is required', p_permission
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'the user of the tenant context needs a role carrying this permission';
  END IF;
END
$$;

COMMENT ON FUNCTION user_management.require_permission(text) IS
  'Raises insufficient_privilege (42501) unless the context user has the permission.';

CREATE OR REPLACE FUNCTION user_management.add_member(p_email text, p_display_name text, p_role_key text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_org   uuid := user_management.current_organization_id();
  v_user  uuid;
  v_role  uuid;
  v_email text := lower(btrim(p_email));
BEGIN
  PERFORM user_management.require_permission('members.manage');
  SELECT r.id INTO v_role
    FROM user_management.roles r
   WHERE r.organization_id = v_org
     AND (r.key = p_role_key OR (p_role_key IS NULL AND r.is_default));
  IF v_role IS NULL THEN
    RAISE EXCEPTION 'organization has no role %', coalesce(p_role_key, '(default)')
      USING ERRCODE = 'no_data_found';
  END IF;
  INSERT INTO user_management.users (email, display_name)
  VALUES (v_email, p_display_name)
  ON CONFLICT (email) DO NOTHING;
  SELECT u.id INTO STRICT v_user FROM user_management.users u WHERE u.email = v_email;
  INSERT INTO user_management.organization_members (organization_id, user_id, status)
  VALUES (v_org, v_user, 'active')
  ON CONFLICT (organization_id, user_id) DO NOTHING;
  INSERT INTO user_management.member_roles (organization_id, user_id, role_id, granted_by)
  VALUES (v_org, v_user, v_role, user_management.current_user_id())
  ON CONFLICT (organization_id, user_id, role_id) DO NOTHING;
  RETURN v_user;
END
$$;

COMMENT ON FUNCTION user_management.add_member(text, text, text) IS
  'Finds or creates the account with this e-mail and makes it an active member of the context organization with the role (default: the organization''s default role). Requires members.manage.';

REVOKE EXECUTE ON FUNCTION user_management.has_permission(text, uuid),
                           user_management.require_permission(text),
                           user_management.add_member(text, text, text) FROM PUBLIC;
-- has_permission is also called by the policies, hence EXECUTE for every role that queries.
GRANT EXECUTE ON FUNCTION user_management.has_permission(text, uuid),
                          user_management.require_permission(text) TO learning_app, learning_reporting;
GRANT EXECUTE ON FUNCTION user_management.add_member(text, text, text) TO learning_app;

RESET ROLE;
