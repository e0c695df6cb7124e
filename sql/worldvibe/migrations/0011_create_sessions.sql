-- What: creates worldvibe.sessions, one row per app session of a pseudonymous subject; enables
--       and forces row-level security.
-- Why: engagement tracking (the seed's Session model). Not partitioned: one row per visit is
--      small next to check-ins and events, events reference it by a plain foreign key, and
--      retention deletes old rows in run_maintenance. Starting a session needs the
--      product_analytics consent (repeatable/16); withdrawing it deletes the subject's sessions
--      and, by ON DELETE CASCADE, their events.

CREATE TABLE worldvibe.sessions (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    subject_hash text        NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{32}$'),
    started_at   timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz,
    device_type  text        NOT NULL DEFAULT 'OTHER'
                 CHECK (device_type IN ('MOBILE', 'TABLET', 'DESKTOP', 'OTHER')),
    page_views   integer     NOT NULL DEFAULT 1 CHECK (page_views >= 0),
    CONSTRAINT sessions_ended_after_started CHECK (ended_at >= started_at)
);

CREATE INDEX sessions_subject_idx ON worldvibe.sessions (subject_hash, started_at);
CREATE INDEX sessions_started_at_idx ON worldvibe.sessions (started_at);

ALTER TABLE worldvibe.sessions OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE worldvibe.sessions FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE worldvibe.sessions IS
    'App sessions of pseudonymous subjects (needs the product_analytics consent). Deleted after '
    'settings.event_retention_days or when that consent is withdrawn (events follow by cascade). '
    'RLS: the app sees only its subject''s sessions.';
COMMENT ON COLUMN worldvibe.sessions.subject_hash IS
    'Keyed hash (worldvibe.pseudonymize) of the app''s user/device id; never the raw id.';
COMMENT ON COLUMN worldvibe.sessions.ended_at IS 'When the app reported the session over; NULL while open or if never reported.';
COMMENT ON COLUMN worldvibe.sessions.device_type IS 'MOBILE, TABLET, DESKTOP or OTHER, as reported by the app.';
COMMENT ON COLUMN worldvibe.sessions.page_views IS 'Screens viewed in the session (the app increments it).';
