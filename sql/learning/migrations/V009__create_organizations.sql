-- What: creates user_management.organizations, the tenants of the platform.
-- Why:  every tenant-owned row in the database carries the id of its organization, and
--       row-level security (policies in R__20_rls_user_management.sql) lets a transaction see
--       only the organization named by its tenant context.

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.organizations (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text        NOT NULL,
  name        text        NOT NULL,
  plan        text        NOT NULL DEFAULT 'free',
  settings    jsonb       NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organizations_slug_key UNIQUE (slug),
  CONSTRAINT organizations_slug_format CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  CONSTRAINT organizations_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  CONSTRAINT organizations_plan_known CHECK (plan IN ('free', 'team', 'enterprise')),
  CONSTRAINT organizations_settings_object CHECK (jsonb_typeof(settings) = 'object')
);

ALTER TABLE user_management.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.organizations FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE user_management.organizations IS
  'Tenants. A transaction sees only the organization of its tenant context (user_management.set_tenant_context).';
COMMENT ON COLUMN user_management.organizations.slug IS
  'URL-safe unique handle: lower-case letters, digits and inner hyphens, at most 63 characters.';
COMMENT ON COLUMN user_management.organizations.plan IS 'Subscription plan: free, team or enterprise.';
COMMENT ON COLUMN user_management.organizations.settings IS
  'Free-form JSON object of organization preferences (for example {"weekly_leaderboard": true}).';

RESET ROLE;
