-- What: the people side: pulseplus.department, pulseplus.sys_user, pulseplus.sys_user_group
--       and pulseplus.sys_user_group_member (membership); indexes, row-level security on
--       the two tables about people (sys_user: the API may change only its own profile;
--       membership: readable by all, managed by operators), grants. Departments and
--       groups are organisation reference data without row-level security.
-- Why:  the seed's user-management group. Every other part of PulsePlus hangs off sys_user.
--       Membership of user groups is its own table (the seed names the group table only).
--       Email addresses are unique case-insensitively (an index on lower(email)), so
--       Ada@Example.com and ada@example.com cannot be two accounts.

CREATE TABLE pulseplus.department (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL
              CONSTRAINT department_code_format CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
  name        text NOT NULL
              CONSTRAINT department_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT department_code_key UNIQUE (code),
  CONSTRAINT department_name_key UNIQUE (name)
);

COMMENT ON TABLE pulseplus.department IS 'Organisational departments (Sales, Engineering, ...).';
COMMENT ON COLUMN pulseplus.department.code IS 'Short upper-case code, e.g. ENG; unique.';

CREATE TABLE pulseplus.sys_user (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL
                CONSTRAINT sys_user_email_format
                CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  first_name    text NOT NULL
                CONSTRAINT sys_user_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  last_name     text NOT NULL
                CONSTRAINT sys_user_last_name_length CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
  display_name  text NOT NULL
                CONSTRAINT sys_user_display_name_length CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
  job_title     text
                CONSTRAINT sys_user_job_title_length CHECK (length(job_title) <= 200),
  department_id uuid REFERENCES pulseplus.department (id) ON DELETE SET NULL,
  role          text NOT NULL DEFAULT 'employee'
                CONSTRAINT sys_user_role_valid CHECK (role IN ('employee', 'manager', 'admin')),
  is_active     boolean NOT NULL DEFAULT true,
  avatar_url    text
                CONSTRAINT sys_user_avatar_url_https CHECK (avatar_url ~ '^https://'),
  last_login_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX sys_user_email_key ON pulseplus.sys_user (lower(email));
CREATE INDEX sys_user_department_id_idx ON pulseplus.sys_user (department_id);

COMMENT ON TABLE pulseplus.sys_user IS
  'User accounts of the organisation. Visible to every colleague (directory); a user may edit only their own profile.';
COMMENT ON COLUMN pulseplus.sys_user.email IS 'Login and contact address; unique case-insensitively (index sys_user_email_key).';
COMMENT ON COLUMN pulseplus.sys_user.display_name IS 'Name shown in games, leaderboards and chat.';
COMMENT ON COLUMN pulseplus.sys_user.department_id IS 'Department the user belongs to; NULL when none or when the department was deleted.';
COMMENT ON COLUMN pulseplus.sys_user.role IS 'Organisation role: employee, manager or admin (application permissions, not a database role).';
COMMENT ON COLUMN pulseplus.sys_user.is_active IS 'false for people who left; kept so that history keeps its names.';

ALTER TABLE pulseplus.sys_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.sys_user FORCE ROW LEVEL SECURITY;

CREATE POLICY sys_user_select_all ON pulseplus.sys_user
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY sys_user_update_own ON pulseplus.sys_user
  FOR UPDATE TO pulseplus_app
  USING (id = pulseplus.acting_user_id())
  WITH CHECK (id = pulseplus.acting_user_id());
CREATE POLICY sys_user_write_admin ON pulseplus.sys_user
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.sys_user TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT UPDATE (first_name, last_name, display_name, job_title, avatar_url) ON pulseplus.sys_user TO pulseplus_app;
GRANT INSERT, UPDATE, DELETE ON pulseplus.sys_user TO pulseplus_admin;

CREATE TABLE pulseplus.sys_user_group (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL
              CONSTRAINT sys_user_group_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sys_user_group_name_key UNIQUE (name)
);

COMMENT ON TABLE pulseplus.sys_user_group IS 'Named groups of users across departments (guilds, cohorts, programmes).';

CREATE TABLE pulseplus.sys_user_group_member (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id  uuid NOT NULL REFERENCES pulseplus.sys_user_group (id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES pulseplus.sys_user (id) ON DELETE CASCADE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sys_user_group_member_group_user_key UNIQUE (group_id, user_id)
);

CREATE INDEX sys_user_group_member_user_id_idx ON pulseplus.sys_user_group_member (user_id);

COMMENT ON TABLE pulseplus.sys_user_group_member IS 'Membership of users in user groups (one row per user and group).';

ALTER TABLE pulseplus.sys_user_group_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.sys_user_group_member FORCE ROW LEVEL SECURITY;

CREATE POLICY sys_user_group_member_select_all ON pulseplus.sys_user_group_member
  FOR SELECT TO pulseplus_app, pulseplus_admin, pulseplus_engine
  USING (true);
CREATE POLICY sys_user_group_member_write_admin ON pulseplus.sys_user_group_member
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.department, pulseplus.sys_user_group, pulseplus.sys_user_group_member
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.department, pulseplus.sys_user_group, pulseplus.sys_user_group_member
  TO pulseplus_admin;
