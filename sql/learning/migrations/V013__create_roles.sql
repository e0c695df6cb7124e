-- What: creates user_management.roles (each organization's own roles) and
--       user_management.role_permissions (which permission keys a role carries).
-- Why:  RBAC: organizations define roles such as admin, instructor and learner from the
--       global permission catalog; user_management.has_permission() reads these tables.

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.roles (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  key              text        NOT NULL,
  name             text        NOT NULL,
  description      text,
  is_default       boolean     NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT roles_organization_key_key UNIQUE (organization_id, key),
  CONSTRAINT roles_organization_id_id_key UNIQUE (organization_id, id),
  CONSTRAINT roles_key_format CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  CONSTRAINT roles_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100)
);

-- At most one default role per organization: the one invite_member() gives by default.
CREATE UNIQUE INDEX roles_one_default_per_organization ON user_management.roles (organization_id) WHERE is_default;

CREATE TABLE user_management.role_permissions (
  organization_id  uuid NOT NULL,
  role_id          uuid NOT NULL,
  permission_key   text NOT NULL REFERENCES user_management.permissions (key) ON DELETE CASCADE,
  PRIMARY KEY (role_id, permission_key),
  FOREIGN KEY (organization_id, role_id) REFERENCES user_management.roles (organization_id, id) ON DELETE CASCADE
);

CREATE INDEX role_permissions_organization_id_idx ON user_management.role_permissions (organization_id);

ALTER TABLE user_management.roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.roles FORCE ROW LEVEL SECURITY;
ALTER TABLE user_management.role_permissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.role_permissions FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE user_management.roles IS 'RBAC roles defined by each organization.';
COMMENT ON COLUMN user_management.roles.key IS 'Stable identifier of the role within its organization (admin, instructor, learner, ...).';
COMMENT ON COLUMN user_management.roles.is_default IS 'The role user_management.invite_member() assigns when none is named; at most one per organization.';
COMMENT ON TABLE user_management.role_permissions IS 'Permission keys carried by each role.';

RESET ROLE;
