-- What: creates user_management.users, the platform-wide user accounts.
-- Why:  one person may belong to several organizations, so an account is not tenant-owned;
--       what ties it to a tenant is a row in organization_members (V011). Row-level security
--       shows an account only to organizations it is a member of.

SET LOCAL ROLE learning_owner;

CREATE TABLE user_management.users (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text        NOT NULL,
  display_name   text        NOT NULL,
  avatar_url     text,
  timezone       text        NOT NULL DEFAULT 'UTC',
  locale         text        NOT NULL DEFAULT 'en',
  is_active      boolean     NOT NULL DEFAULT true,
  last_login_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_email_format CHECK (email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT users_display_name_length CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
  CONSTRAINT users_avatar_url_https CHECK (avatar_url ~ '^https://'),
  CONSTRAINT users_timezone_format CHECK (timezone ~ '^[A-Za-z][A-Za-z0-9_+/-]*$'),
  CONSTRAINT users_locale_format CHECK (locale ~ '^[a-z]{2}(-[A-Z]{2})?$')
);

ALTER TABLE user_management.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_management.users FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE user_management.users IS
  'Platform-wide accounts. Visible to an organization only while the account is a member of it.';
COMMENT ON COLUMN user_management.users.email IS 'Login e-mail, stored in lower case; unique across the platform.';
COMMENT ON COLUMN user_management.users.timezone IS
  'IANA time zone name (checked against pg_timezone_names by a trigger); learning streaks count days in it.';
COMMENT ON COLUMN user_management.users.locale IS 'Language tag such as en or pt-BR.';

RESET ROLE;
