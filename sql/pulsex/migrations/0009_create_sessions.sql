-- What: creates pulsex.sessions: login sessions identified by the SHA-256 of their token,
--       with device fingerprint, IP address (inet), user agent, expiry and revocation;
--       row-level security enabled and forced; grants.
-- Why: the database never holds a usable session token, only its hash; authenticate_session()
--      turns a presented token hash into the per-transaction RLS context.

CREATE TABLE pulsex.sessions (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id            uuid        NOT NULL,
    token_hash         bytea       NOT NULL,
    device_fingerprint text,
    ip_address         inet,
    user_agent         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    last_seen_at       timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    revoke_reason      text,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE CASCADE,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT sessions_token_hash_check CHECK (octet_length(token_hash) = 32),
    CONSTRAINT sessions_device_fingerprint_check CHECK (char_length(device_fingerprint) <= 256),
    CONSTRAINT sessions_user_agent_check CHECK (char_length(user_agent) <= 1024),
    CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at),
    CONSTRAINT sessions_revoke_reason_check
        CHECK (revoke_reason IN ('logout', 'account_deleted', 'admin', 'security')),
    CONSTRAINT sessions_revocation_check CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);

CREATE INDEX sessions_user_id_idx ON pulsex.sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON pulsex.sessions (expires_at);

COMMENT ON TABLE pulsex.sessions IS
    'Login sessions. Expired ones are removed by cleanup_expired_sessions(); revoked ones stay '
    '30 days for investigation, then go the same way.';
COMMENT ON COLUMN pulsex.sessions.token_hash IS
    'SHA-256 (32 bytes) of the session token the client holds; the token itself is never stored.';
COMMENT ON COLUMN pulsex.sessions.device_fingerprint IS 'Application-computed device fingerprint (personal data).';
COMMENT ON COLUMN pulsex.sessions.ip_address IS 'Client IP address at login (personal data).';
COMMENT ON COLUMN pulsex.sessions.revoke_reason IS 'logout, account_deleted, admin or security; set with revoked_at.';

ALTER TABLE pulsex.sessions OWNER TO pulsex_migrations;
ALTER TABLE pulsex.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.sessions FORCE ROW LEVEL SECURITY;

GRANT SELECT, DELETE ON pulsex.sessions TO pulsex_app;
GRANT INSERT (user_id, token_hash, device_fingerprint, ip_address, user_agent, expires_at)
    ON pulsex.sessions TO pulsex_app;
GRANT UPDATE (last_seen_at, expires_at, revoked_at, revoke_reason) ON pulsex.sessions TO pulsex_app;
GRANT SELECT (id, user_id, device_fingerprint, ip_address, user_agent, created_at, last_seen_at,
              expires_at, revoked_at, revoke_reason)
    ON pulsex.sessions TO pulsex_analytics;
GRANT SELECT ON pulsex.sessions TO pulsex_backup;
