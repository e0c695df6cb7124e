-- What: creates pulsex.notification_tokens, push tokens per device (ios, android, web), each
--       token unique; row-level security enabled and forced; grants.
-- Why: push delivery of the morning briefing. A token is unique across all users: a device
--      belongs to one account at a time. soft_delete_user() removes a user's tokens.

CREATE TABLE pulsex.notification_tokens (
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    user_id      uuid        NOT NULL,
    platform     text        NOT NULL,
    token        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    CONSTRAINT notification_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT notification_tokens_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE CASCADE,
    CONSTRAINT notification_tokens_token_key UNIQUE (token),
    CONSTRAINT notification_tokens_platform_check CHECK (platform IN ('ios', 'android', 'web')),
    CONSTRAINT notification_tokens_token_check CHECK (char_length(token) BETWEEN 16 AND 4096)
);

CREATE INDEX notification_tokens_user_id_idx ON pulsex.notification_tokens (user_id);

COMMENT ON TABLE pulsex.notification_tokens IS
    'Push notification tokens (APNs, FCM, Web Push) of a user''s devices.';
COMMENT ON COLUMN pulsex.notification_tokens.token IS
    'Provider token / Web Push endpoint. Treated as a credential: redacted from audit_logs and exports.';
COMMENT ON COLUMN pulsex.notification_tokens.platform IS 'ios, android or web.';

ALTER TABLE pulsex.notification_tokens OWNER TO pulsex_migrations;
ALTER TABLE pulsex.notification_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.notification_tokens FORCE ROW LEVEL SECURITY;

GRANT SELECT, DELETE ON pulsex.notification_tokens TO pulsex_app;
GRANT INSERT (user_id, platform, token) ON pulsex.notification_tokens TO pulsex_app;
GRANT UPDATE (last_used_at) ON pulsex.notification_tokens TO pulsex_app;
GRANT SELECT (id, user_id, platform, created_at, last_used_at)
    ON pulsex.notification_tokens TO pulsex_analytics;
GRANT SELECT ON pulsex.notification_tokens TO pulsex_backup;
GRANT SELECT ON SEQUENCE pulsex.notification_tokens_id_seq TO pulsex_backup;  -- pg_dump reads sequence values
