-- What: creates pulsex.analytics_events, high-rate append-only event storage, range-partitioned
--       per month on occurred_at with a default partition, a BRIN index on time and a B-tree
--       on (user_id, occurred_at); row-level security enabled and forced; grants (SELECT and
--       INSERT only for the application).
-- Why: events arrive in time order, so BRIN answers time-range scans at a tiny fraction of a
--      B-tree's size and write cost; the (user_id, occurred_at) B-tree serves a user's own
--      events, GDPR export and erasure. The default partition catches events whose month has
--      no partition instead of losing them; pulsex.partition_health reports such rows and
--      create_monthly_partitions() moves them out. user_id is SET NULL on a hard delete so that
--      counts survive; anonymisation keeps the (then anonymous) user_id.

CREATE TABLE pulsex.analytics_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    user_id     uuid,
    session_id  uuid,
    event_type  text        NOT NULL,
    platform    text,
    ip_address  inet,
    user_agent  text,
    properties  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT analytics_events_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT analytics_events_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE SET NULL,
    CONSTRAINT analytics_events_event_type_check
        CHECK (event_type IN ('app_open', 'briefing_view', 'card_view', 'card_click', 'card_share',
                              'card_save', 'notification_open', 'search', 'session_start',
                              'session_end')),
    CONSTRAINT analytics_events_platform_check CHECK (platform IN ('ios', 'android', 'web')),
    CONSTRAINT analytics_events_user_agent_check CHECK (char_length(user_agent) <= 1024),
    CONSTRAINT analytics_events_properties_check CHECK (jsonb_typeof(properties) = 'object')
) PARTITION BY RANGE (occurred_at);

CREATE INDEX analytics_events_occurred_at_brin ON pulsex.analytics_events
    USING brin (occurred_at) WITH (pages_per_range = 32);
CREATE INDEX analytics_events_user_occurred_idx ON pulsex.analytics_events (user_id, occurred_at);

CREATE TABLE pulsex.analytics_events_default PARTITION OF pulsex.analytics_events DEFAULT;

COMMENT ON TABLE pulsex.analytics_events IS
    'Product analytics events, append-only. Partitioned by month on occurred_at '
    '(analytics_events_pYYYYMM) plus analytics_events_default, which should stay empty.';
COMMENT ON COLUMN pulsex.analytics_events.user_id IS 'NULL for events of signed-out visitors or after a hard delete.';
COMMENT ON COLUMN pulsex.analytics_events.session_id IS 'sessions.id at the time; no foreign key (sessions expire, events stay).';
COMMENT ON COLUMN pulsex.analytics_events.ip_address IS 'Client IP (personal data, cleared on erasure).';
COMMENT ON COLUMN pulsex.analytics_events.properties IS 'Event-specific attributes (object), e.g. {"card_id": "...", "position": 3}.';

ALTER TABLE pulsex.analytics_events OWNER TO pulsex_migrations;
ALTER TABLE pulsex.analytics_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.analytics_events FORCE ROW LEVEL SECURITY;
SELECT pulsex.secure_partition('pulsex.analytics_events_default');

GRANT SELECT ON pulsex.analytics_events TO pulsex_app, pulsex_analytics, pulsex_backup;
GRANT SELECT ON SEQUENCE pulsex.analytics_events_id_seq TO pulsex_backup;  -- pg_dump reads sequence values
GRANT INSERT (occurred_at, user_id, session_id, event_type, platform, ip_address, user_agent, properties)
    ON pulsex.analytics_events TO pulsex_app;
