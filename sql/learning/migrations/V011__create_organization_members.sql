-- What: creates user_management.organization_members, which user belongs to which
--       organization and in which state.
-- Why:  memberships are the tenant side of a user. Every other table refers to a learner
--       through the pair (organization_id, user_id) of this table, so no row can point at a
--       user of another organization, whoever writes it.

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.organization_members (
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  user_id          uuid        NOT NULL REFERENCES user_management.users (id) ON DELETE CASCADE,
  status           text        NOT NULL DEFAULT 'active',
  joined_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id),
  CONSTRAINT organization_members_status_known CHECK (status IN ('invited', 'active', 'suspended'))
);

CREATE INDEX organization_members_user_id_idx ON user_management.organization_members (user_id);

ALTER TABLE user_management.organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.organization_members FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE user_management.organization_members IS
  'Membership of a user in an organization; the (organization_id, user_id) key every learner reference goes through.';
COMMENT ON COLUMN user_management.organization_members.status IS
  'invited (not yet accepted), active, or suspended (keeps history, loses access: set_tenant_context refuses it).';

RESET ROLE;
