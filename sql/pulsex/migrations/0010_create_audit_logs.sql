-- What: creates pulsex.audit_logs, range-partitioned per month on created_at, with a default
--       partition; row-level security enabled and forced; grants (SELECT only: rows are written
--       by the SECURITY DEFINER audit trigger and GDPR functions, never directly by a role).
-- Why: GDPR accountability: who (application user and database role) changed what (old and
--      new row images, credentials redacted) and every export, soft delete and erasure.
--      The default partition keeps an audited change from failing if monthly maintenance was
--      missed; it is not a silent sink: pulsex.partition_health and pulsex.database_health
--      report rows in it, and create_monthly_partitions() moves them into the new partition.
--      subject_user_id deliberately has no foreign key: the log must be able to describe the
--      deletion of the user it is about.

CREATE TABLE pulsex.audit_logs (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    subject_user_id uuid,
    actor_user_id   uuid,
    actor_is_admin  boolean     NOT NULL DEFAULT false,
    db_role         text        NOT NULL,
    db_session_user text        NOT NULL DEFAULT session_user,
    table_name      text        NOT NULL,
    operation       text        NOT NULL,
    old_data        jsonb,
    new_data        jsonb,
    changed_columns text[],
    details         jsonb,
    transaction_id  bigint      NOT NULL DEFAULT txid_current(),
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id, created_at),
    CONSTRAINT audit_logs_operation_check
        CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'EXPORT', 'SOFT_DELETE', 'ANONYMISE'))
) PARTITION BY RANGE (created_at);

CREATE INDEX audit_logs_subject_created_idx ON pulsex.audit_logs (subject_user_id, created_at);

CREATE TABLE pulsex.audit_logs_default PARTITION OF pulsex.audit_logs DEFAULT;

COMMENT ON TABLE pulsex.audit_logs IS
    'Audit trail of changes to sensitive tables (users, sessions, notification_tokens) and of '
    'GDPR actions. Partitioned by month on created_at (audit_logs_pYYYYMM) plus '
    'audit_logs_default, which should stay empty (see pulsex.partition_health).';
COMMENT ON COLUMN pulsex.audit_logs.subject_user_id IS 'Whose data the row is about (no foreign key on purpose).';
COMMENT ON COLUMN pulsex.audit_logs.actor_user_id IS 'Application user of the RLS context that made the change (NULL: none, e.g. a job).';
COMMENT ON COLUMN pulsex.audit_logs.actor_is_admin IS 'Whether the change was made under an admin context.';
COMMENT ON COLUMN pulsex.audit_logs.db_role IS 'Database role that made the change (after SET ROLE), e.g. pulsex_app.';
COMMENT ON COLUMN pulsex.audit_logs.db_session_user IS 'Login role of the connection.';
COMMENT ON COLUMN pulsex.audit_logs.table_name IS 'Audited table (without schema) the row image comes from.';
COMMENT ON COLUMN pulsex.audit_logs.operation IS 'INSERT, UPDATE, DELETE (row changes) or EXPORT, SOFT_DELETE, ANONYMISE (GDPR actions).';
COMMENT ON COLUMN pulsex.audit_logs.old_data IS 'Row before the change, credential columns removed; personal data keys removed on erasure.';
COMMENT ON COLUMN pulsex.audit_logs.new_data IS 'Row after the change, credential columns removed; personal data keys removed on erasure.';
COMMENT ON COLUMN pulsex.audit_logs.changed_columns IS 'UPDATE: the columns whose value changed (including redacted ones).';
COMMENT ON COLUMN pulsex.audit_logs.details IS 'GDPR actions: what was done (row counts per table, due dates).';
COMMENT ON COLUMN pulsex.audit_logs.transaction_id IS 'txid_current() of the change, to group rows of one transaction.';

ALTER TABLE pulsex.audit_logs OWNER TO pulsex_migrations;
ALTER TABLE pulsex.audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.audit_logs FORCE ROW LEVEL SECURITY;
SELECT pulsex.secure_partition('pulsex.audit_logs_default');

GRANT SELECT ON pulsex.audit_logs TO pulsex_app, pulsex_analytics, pulsex_backup;
GRANT SELECT ON SEQUENCE pulsex.audit_logs_id_seq TO pulsex_backup;  -- pg_dump reads sequence values
