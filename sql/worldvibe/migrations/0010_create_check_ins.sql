-- What: creates worldvibe.check_ins, range-partitioned by created_at (one partition per UTC day,
--       made by create_partitions), its default partition check_ins_default, a BRIN index on
--       time and a B-tree on the subject; enables and forces row-level security.
-- Why: the emotional check-ins are the time series of the application (a TimescaleDB hypertable
--      with one-day chunks in the seed). Privacy is built into the columns: subject_hash is a
--      keyed hash, never a user id; location is a point on the 0.1 degree grid (CHECK, and a
--      trigger snaps whatever is inserted, repeatable/14); region_hash is derived from it.
--      emotion is one of the app's ten emotions, as it sends them (upper case): JOY, CALM,
--      STRESS, SADNESS, ANTICIPATION, ANGER, FEAR, DISGUST, SURPRISE, TRUST, enforced by a
--      CHECK (the rollup tables repeat it). Not a domain: adding a value to a constrained domain
--      re-checks every table using it under lock (squawk: ban-create-domain-with-constraint);
--      a new emotion is a migration that swaps these CHECK constraints (NOT VALID, then VALIDATE).
--      BRIN on created_at: rows arrive roughly in time order, so a few pages of BRIN summarise a
--      day (the rollup refresh reads hour ranges). The B-tree on subject_hash serves the erasure
--      on withdrawal and the app's "my check-ins". The default partition keeps rows whose day
--      has no partition yet instead of losing the request, but it is not a silent sink: a
--      trigger (repeatable/18) warns on every transaction that writes there and rejects rows
--      older than the oldest partition, health() reports it, and create_partitions moves its
--      rows into the right partition when their day is created.

CREATE TABLE worldvibe.check_ins (
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    received_at  timestamptz NOT NULL DEFAULT now(),
    subject_hash text        NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{32}$'),
    emotion      text        NOT NULL
                 CHECK (emotion IN ('JOY', 'CALM', 'STRESS', 'SADNESS', 'ANTICIPATION',
                                    'ANGER', 'FEAR', 'DISGUST', 'SURPRISE', 'TRUST')),
    intensity    smallint    NOT NULL CHECK (intensity BETWEEN 1 AND 10),
    location     public.geography(Point, 4326) NOT NULL
                 CONSTRAINT check_ins_location_on_grid CHECK (worldvibe.is_on_grid(location)),
    region_hash  text        GENERATED ALWAYS AS (worldvibe.region_hash_of(location)) STORED,
    device_type  text        NOT NULL DEFAULT 'OTHER'
                 CHECK (device_type IN ('MOBILE', 'TABLET', 'DESKTOP', 'OTHER')),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE worldvibe.check_ins_default PARTITION OF worldvibe.check_ins DEFAULT;

CREATE INDEX check_ins_created_at_brin ON worldvibe.check_ins USING brin (created_at) WITH (pages_per_range = 32);
CREATE INDEX check_ins_subject_idx ON worldvibe.check_ins (subject_hash, created_at);

ALTER TABLE worldvibe.check_ins OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.check_ins_default OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.check_ins ENABLE ROW LEVEL SECURITY;
ALTER TABLE worldvibe.check_ins FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE worldvibe.check_ins IS
    'Emotional check-ins, one partition per UTC day (check_ins_pYYYYMMDD) plus check_ins_default. '
    'Pseudonymous (subject_hash) and coarse (location on the 0.1 degree grid). A check-in needs an '
    'active consent to the current check_ins policy version. RLS: the app sees only its subject''s rows.';
COMMENT ON COLUMN worldvibe.check_ins.id IS 'Surrogate id; unique together with created_at (the partition key).';
COMMENT ON COLUMN worldvibe.check_ins.created_at IS
    'When the user checked in (client time, may be hours late when a device was offline); partition key.';
COMMENT ON COLUMN worldvibe.check_ins.received_at IS 'When the database stored the row (received_at - created_at is the lateness).';
COMMENT ON COLUMN worldvibe.check_ins.subject_hash IS
    'Keyed hash (worldvibe.pseudonymize, HMAC-SHA-256, 32 hex digits) of the app''s user/device id; never the raw id.';
COMMENT ON COLUMN worldvibe.check_ins.emotion IS
    'One of JOY, CALM, STRESS, SADNESS, ANTICIPATION, ANGER, FEAR, DISGUST, SURPRISE, TRUST (the app''s fixed set, upper case).';
COMMENT ON COLUMN worldvibe.check_ins.intensity IS 'How strongly the emotion is felt, 1 (barely) to 10 (overwhelming).';
COMMENT ON COLUMN worldvibe.check_ins.location IS
    'Coarse location: a node of the 0.1 degree grid (about 11 km). Inserted points are snapped by a '
    'trigger; the CHECK check_ins_location_on_grid guarantees no finer position is ever stored.';
COMMENT ON COLUMN worldvibe.check_ins.region_hash IS
    'Generated: opaque key of the 1 degree region cell containing the location (worldvibe.region_hash_of).';
COMMENT ON COLUMN worldvibe.check_ins.device_type IS 'MOBILE, TABLET, DESKTOP or OTHER, as reported by the app.';
COMMENT ON TABLE worldvibe.check_ins_default IS
    'Default partition of check_ins: rows whose UTC day has no partition yet (maintenance missed). '
    'Never silent: writing here raises a WARNING, health() reports it, and create_partitions moves '
    'its rows out when the day''s partition is created. Rows older than the oldest partition are rejected.';
