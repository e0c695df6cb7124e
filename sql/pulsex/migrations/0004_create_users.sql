-- What: creates pulsex.users: accounts with a UUID key, e-mail unique (case-insensitively)
--       among live accounts, JSONB preferences validated by a CHECK, role, status and the
--       soft-delete / erasure columns; row-level security enabled and forced; grants.
-- Why: the root of all user data; every other user table references it. Policies come from
--      repeatable/20_rls_policies.sql; until they exist the forced RLS denies every row
--      (so the grants below give nothing away on their own).

CREATE TABLE pulsex.users (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    email           text,
    display_name    text,
    password_hash   text,
    role            text        NOT NULL DEFAULT 'user',
    status          text        NOT NULL DEFAULT 'active',
    preferences     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    deleted_at      timestamptz,
    deletion_reason text,
    erasure_due_at  timestamptz,
    anonymised_at   timestamptz,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_role_check CHECK (role IN ('user', 'admin')),
    CONSTRAINT users_status_check
        CHECK (status IN ('pending_verification', 'active', 'suspended', 'deleted', 'anonymised')),
    CONSTRAINT users_email_format_check
        CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT users_email_present_check CHECK (email IS NOT NULL OR status = 'anonymised'),
    CONSTRAINT users_display_name_check CHECK (char_length(display_name) BETWEEN 1 AND 100),
    CONSTRAINT users_deletion_reason_check
        CHECK (deletion_reason IN ('user_request', 'admin', 'inactivity', 'fraud')),
    CONSTRAINT users_soft_delete_check CHECK (
        (status IN ('deleted', 'anonymised')) = (deleted_at IS NOT NULL)
        AND (status <> 'deleted' OR erasure_due_at IS NOT NULL)
        AND (status = 'anonymised') = (anonymised_at IS NOT NULL)),
    CONSTRAINT users_preferences_check CHECK (
        jsonb_typeof(preferences) = 'object'
        AND preferences - ARRAY['topics', 'briefing_time', 'timezone', 'language',
                                'notifications_enabled'] = '{}'::jsonb
        AND CASE WHEN NOT preferences ? 'topics' THEN true
                 WHEN jsonb_typeof(preferences -> 'topics') <> 'array' THEN false
                 ELSE jsonb_array_length(preferences -> 'topics') <= 50
                      AND NOT jsonb_path_exists(preferences, '$.topics[*] ? (@.type() != "string")')
            END
        AND CASE WHEN NOT preferences ? 'briefing_time' THEN true
                 WHEN jsonb_typeof(preferences -> 'briefing_time') <> 'string' THEN false
                 ELSE preferences ->> 'briefing_time' ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
            END
        AND CASE WHEN NOT preferences ? 'timezone' THEN true
                 WHEN jsonb_typeof(preferences -> 'timezone') <> 'string' THEN false
                 ELSE preferences ->> 'timezone' ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+){0,2}$'
            END
        AND CASE WHEN NOT preferences ? 'language' THEN true
                 WHEN jsonb_typeof(preferences -> 'language') <> 'string' THEN false
                 ELSE preferences ->> 'language' ~ '^[a-z]{2}(-[A-Z]{2})?$'
            END
        AND (NOT preferences ? 'notifications_enabled'
             OR jsonb_typeof(preferences -> 'notifications_enabled') = 'boolean'))
);

-- Case-insensitive uniqueness among live accounts only: a deleted account keeps its e-mail
-- until erasure, and the person may sign up again meanwhile.
CREATE UNIQUE INDEX users_email_live_key ON pulsex.users (lower(email)) WHERE deleted_at IS NULL;
-- schedule_gdpr_cleanup(): accounts whose erasure is due
CREATE INDEX users_erasure_due_idx ON pulsex.users (erasure_due_at) WHERE status = 'deleted';

COMMENT ON TABLE pulsex.users IS
    'PulseX accounts. A row is never hard-deleted by the application: soft_delete_user() hides it '
    'and schedules erasure, schedule_gdpr_cleanup() later strips its personal data '
    '(anonymise), leaving an anonymous row so that counts elsewhere stay right.';
COMMENT ON COLUMN pulsex.users.email IS
    'Login e-mail, unique case-insensitively among live accounts (deleted_at IS NULL). NULL only '
    'once anonymised.';
COMMENT ON COLUMN pulsex.users.password_hash IS
    'Password hash produced by the application (argon2/bcrypt string); NULL for passwordless '
    'accounts. Never copied into audit_logs or exports.';
COMMENT ON COLUMN pulsex.users.role IS
    'user or admin. Only an admin may open an admin context (authenticate_session(..., true)). '
    'Not updatable by pulsex_app.';
COMMENT ON COLUMN pulsex.users.status IS
    'pending_verification, active, suspended, deleted (soft-deleted, erasure scheduled) or '
    'anonymised (personal data erased). Not updatable by pulsex_app; see soft_delete_user().';
COMMENT ON COLUMN pulsex.users.preferences IS
    'Briefing preferences, an object with only these optional keys: topics (array of strings, '
    'at most 50), briefing_time ("HH:MM"), timezone (IANA name), language ("en" or "en-GB"), '
    'notifications_enabled (boolean). Enforced by users_preferences_check.';
COMMENT ON COLUMN pulsex.users.deleted_at IS
    'When the account was soft-deleted; non-NULL exactly when status is deleted or anonymised.';
COMMENT ON COLUMN pulsex.users.deletion_reason IS
    'Why the account was deleted: user_request, admin, inactivity or fraud.';
COMMENT ON COLUMN pulsex.users.erasure_due_at IS
    'When schedule_gdpr_cleanup() will erase (anonymise) a soft-deleted account.';
COMMENT ON COLUMN pulsex.users.anonymised_at IS
    'When the personal data of the account was erased; set exactly when status is anonymised.';

ALTER TABLE pulsex.users OWNER TO pulsex_migrations;
ALTER TABLE pulsex.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.users FORCE ROW LEVEL SECURITY;

-- pulsex_app: no DELETE (accounts end through soft_delete_user()), and no write access to
-- role, status or the deletion columns.
GRANT SELECT ON pulsex.users TO pulsex_app;
GRANT INSERT (id, email, display_name, password_hash, preferences) ON pulsex.users TO pulsex_app;
GRANT UPDATE (email, display_name, password_hash, preferences, last_login_at)
    ON pulsex.users TO pulsex_app;
-- pulsex_analytics: every column but the password hash
GRANT SELECT (id, email, display_name, role, status, preferences, created_at, updated_at,
              last_login_at, deleted_at, deletion_reason, erasure_due_at, anonymised_at)
    ON pulsex.users TO pulsex_analytics;
GRANT SELECT ON pulsex.users TO pulsex_backup;
