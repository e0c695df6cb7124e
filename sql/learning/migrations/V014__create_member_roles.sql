-- What: creates user_management.member_roles, the roles assigned to each member.
-- Why:  the last link of RBAC: member -> role -> permission keys. Both sides carry the
--       organization, so a role of one organization can never be given to a member of another.

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.member_roles (
  organization_id  uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  role_id          uuid        NOT NULL,
  granted_by       uuid,
  granted_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id, role_id),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, role_id)
    REFERENCES user_management.roles (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, granted_by)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (granted_by)
);

CREATE INDEX member_roles_role_idx ON user_management.member_roles (organization_id, role_id);

ALTER TABLE user_management.member_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.member_roles FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE user_management.member_roles IS 'Roles assigned to organization members.';
COMMENT ON COLUMN user_management.member_roles.granted_by IS 'Member who assigned the role; NULL when assigned by the system or once that member is removed.';

RESET ROLE;
