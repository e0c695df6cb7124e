-- What: creates worldvibe.rate_limits (UNLOGGED): one counter per rate-limit key, window length
--       and fixed window; enables and forces row-level security (owner only).
-- Why: the seed's RateLimit model, written to by check_rate_limit() in one atomic
--      INSERT ... ON CONFLICT DO UPDATE statement (repeatable/45). Keys are stored as keyed
--      hashes, so IP addresses or user ids used as keys are not kept raw. UNLOGGED: the
--      counters are short-lived and rewritten constantly; skipping WAL makes each check cheaper,
--      and losing them in a crash only resets the limits (they are not replicated either, which
--      is right for state that only the primary consults).

CREATE UNLOGGED TABLE worldvibe.rate_limits (
    key_hash      text        NOT NULL CHECK (key_hash ~ '^[0-9a-f]{32}$'),
    window_length interval    NOT NULL CHECK (window_length > interval '0'),
    window_start  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    hits          integer     NOT NULL CHECK (hits >= 1),
    PRIMARY KEY (key_hash, window_length, window_start),
    CONSTRAINT rate_limits_expiry CHECK (expires_at = window_start + window_length)
);

CREATE INDEX rate_limits_expires_at_idx ON worldvibe.rate_limits (expires_at);

ALTER TABLE worldvibe.rate_limits OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.rate_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE worldvibe.rate_limits FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE worldvibe.rate_limits IS
    'Fixed-window rate-limit counters, written only by worldvibe.check_rate_limit(). UNLOGGED: '
    'emptied by a crash (limits reset). Expired windows are removed by the next check of the same '
    'key and by worldvibe.purge_rate_limits().';
COMMENT ON COLUMN worldvibe.rate_limits.key_hash IS 'Keyed hash of the caller''s rate-limit key (e.g. ''checkin:<user>''); the key itself is not stored.';
COMMENT ON COLUMN worldvibe.rate_limits.window_length IS 'Length of the window the limit is counted over.';
COMMENT ON COLUMN worldvibe.rate_limits.window_start IS 'Start of the fixed window (date_bin of the window length).';
COMMENT ON COLUMN worldvibe.rate_limits.expires_at IS 'End of the window; afterwards the row is garbage.';
COMMENT ON COLUMN worldvibe.rate_limits.hits IS 'Calls allowed in this window so far; never exceeds the max of the calls.';
