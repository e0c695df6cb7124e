-- What: creates worldvibe.events, interaction events with a JSONB payload, range-partitioned by
--       occurred_at (one partition per UTC day, made by create_partitions) with a default
--       partition, a BRIN index on time and B-trees on session and event type; enables and
--       forces row-level security.
-- Why: the seed's Event model, a second time series. The subject is known through the session
--      (no identifier is copied here); ON DELETE CASCADE from sessions makes erasure and session
--      retention remove the events too, which is what the session_id index is for. The payload
--      must be a JSON object of at most 8 kB and must not carry identifiers (the app's duty).
--      The default partition behaves as the one of check_ins (repeatable/18).

CREATE TABLE worldvibe.events (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    session_id  uuid        NOT NULL REFERENCES worldvibe.sessions (id) ON DELETE CASCADE,
    event_type  text        NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    payload     jsonb       NOT NULL DEFAULT '{}'::jsonb
                CHECK (jsonb_typeof(payload) = 'object' AND pg_column_size(payload) <= 8192),
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE worldvibe.events_default PARTITION OF worldvibe.events DEFAULT;

CREATE INDEX events_occurred_at_brin ON worldvibe.events USING brin (occurred_at) WITH (pages_per_range = 32);
CREATE INDEX events_session_idx ON worldvibe.events (session_id);
CREATE INDEX events_type_idx ON worldvibe.events (event_type, occurred_at);

ALTER TABLE worldvibe.events OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.events_default OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE worldvibe.events FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE worldvibe.events IS
    'Interaction events of app sessions, one partition per UTC day (events_pYYYYMMDD) plus '
    'events_default. Removed with their session (cascade) and by partition retention. RLS: the '
    'app sees only events of its subject''s sessions.';
COMMENT ON COLUMN worldvibe.events.id IS 'Surrogate id; unique together with occurred_at (the partition key).';
COMMENT ON COLUMN worldvibe.events.occurred_at IS 'When the event happened (client time); partition key.';
COMMENT ON COLUMN worldvibe.events.event_type IS 'snake_case event name chosen by the app, e.g. page_view, check_in_submitted.';
COMMENT ON COLUMN worldvibe.events.payload IS 'Event properties: a JSON object of at most 8 kB, without identifiers.';
COMMENT ON TABLE worldvibe.events_default IS
    'Default partition of events: rows whose UTC day has no partition yet. Never silent: writing '
    'here raises a WARNING, health() reports it, create_partitions moves its rows out.';
