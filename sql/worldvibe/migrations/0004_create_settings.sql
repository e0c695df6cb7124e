-- What: creates worldvibe.settings, a one-row table of the database's tunable parameters
--       (k of k-anonymity, retention periods, how many days of partitions to keep ready).
-- Why: k must be configurable but never by the reader it protects against: a custom GUC could be
--      changed by any session (SET worldvibe.k = 1), a row owned by worldvibe_owner cannot. The
--      views and maintenance functions read it; a DBA changes it with UPDATE.

CREATE TABLE worldvibe.settings (
    singleton                    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    k_anonymity                  integer     NOT NULL DEFAULT 5 CHECK (k_anonymity BETWEEN 2 AND 1000),
    check_in_retention_days      integer     NOT NULL DEFAULT 90 CHECK (check_in_retention_days BETWEEN 1 AND 3650),
    event_retention_days         integer     NOT NULL DEFAULT 90 CHECK (event_retention_days BETWEEN 1 AND 3650),
    hourly_rollup_retention_days integer     NOT NULL DEFAULT 400 CHECK (hourly_rollup_retention_days BETWEEN 1 AND 36500),
    partition_days_ahead         integer     NOT NULL DEFAULT 7 CHECK (partition_days_ahead BETWEEN 1 AND 366),
    updated_at                   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO worldvibe.settings DEFAULT VALUES;

ALTER TABLE worldvibe.settings OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.settings IS
    'Exactly one row: the tunable parameters of the WorldVibe database. Owned by worldvibe_owner, '
    'no grants: read by the views and SECURITY DEFINER functions, changed by a DBA with UPDATE.';
COMMENT ON COLUMN worldvibe.settings.singleton IS 'Always true: the primary key that allows only one row.';
COMMENT ON COLUMN worldvibe.settings.k_anonymity IS
    'k: no analytics or dashboard view shows a group with fewer than k distinct contributors '
    '(pseudonymous subjects). Default 5.';
COMMENT ON COLUMN worldvibe.settings.check_in_retention_days IS
    'Raw check-in partitions entirely older than this many days are dropped by run_maintenance '
    '(the rollups keep the aggregates). Default 90.';
COMMENT ON COLUMN worldvibe.settings.event_retention_days IS
    'Event partitions and sessions older than this many days are dropped/deleted by run_maintenance. Default 90.';
COMMENT ON COLUMN worldvibe.settings.hourly_rollup_retention_days IS
    'Hourly rollup rows older than this many days are deleted by run_maintenance; daily rollups are kept.';
COMMENT ON COLUMN worldvibe.settings.partition_days_ahead IS
    'How many days after today create_partitions_ahead keeps partitions ready for. Default 7.';
COMMENT ON COLUMN worldvibe.settings.updated_at IS 'When the row was last changed (set by whoever updates it).';
