-- What: pulseplus.audit_log, the append-only record of inserts, updates and deletes of the
--       audited tables; indexes, row-level security, grants.
-- Why:  the seed's audit group. Rows are written only by the generic trigger function
--       pulseplus.tg__audit (repeatable 11_tg__audit.sql), which runs as pulseplus_engine:
--       no application role can write, change or delete audit rows; operators read them.
--       For an UPDATE only the changed columns are kept (old and new values of those
--       columns, and their names in changed_columns). actor_id has no foreign key on
--       purpose: the log must outlive the accounts it names.
--       Not partitioned yet: at the expected volume (thousands of changes a day) one table
--       with a BRIN index on occurred_at is enough; see the README for when to partition.

CREATE TABLE pulseplus.audit_log (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  table_name      text NOT NULL,
  operation       text NOT NULL
                  CONSTRAINT audit_log_operation_valid CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  row_id          uuid NOT NULL,
  actor_id        uuid,
  db_role         text NOT NULL,
  old_data        jsonb,
  new_data        jsonb,
  changed_columns text[],
  transaction_id  bigint NOT NULL DEFAULT txid_current(),
  CONSTRAINT audit_log_images_match CHECK (
    CASE operation
      WHEN 'INSERT' THEN old_data IS NULL AND new_data IS NOT NULL AND changed_columns IS NULL
      WHEN 'DELETE' THEN old_data IS NOT NULL AND new_data IS NULL AND changed_columns IS NULL
      WHEN 'UPDATE' THEN old_data IS NOT NULL AND new_data IS NOT NULL AND cardinality(changed_columns) >= 1
    END)
);

CREATE INDEX audit_log_table_row_idx ON pulseplus.audit_log (table_name, row_id, occurred_at);
CREATE INDEX audit_log_actor_idx ON pulseplus.audit_log (actor_id, occurred_at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_occurred_at_brin ON pulseplus.audit_log USING brin (occurred_at);

COMMENT ON TABLE pulseplus.audit_log IS
  'Append-only audit trail of INSERT/UPDATE/DELETE on the audited tables, written by the trigger pulseplus.tg__audit.';
COMMENT ON COLUMN pulseplus.audit_log.occurred_at IS 'Wall-clock time of the change (clock_timestamp(), so rows of one transaction are ordered).';
COMMENT ON COLUMN pulseplus.audit_log.table_name IS 'Audited table (without schema).';
COMMENT ON COLUMN pulseplus.audit_log.row_id IS 'id of the changed row.';
COMMENT ON COLUMN pulseplus.audit_log.actor_id IS 'Acting user from the per-transaction setting pulseplus.user_id; NULL: none (jobs, seeding, migrations).';
COMMENT ON COLUMN pulseplus.audit_log.db_role IS 'Database role that made the change (the SET ROLE role, else the login role).';
COMMENT ON COLUMN pulseplus.audit_log.old_data IS 'DELETE: the whole row; UPDATE: the old values of the changed columns only.';
COMMENT ON COLUMN pulseplus.audit_log.new_data IS 'INSERT: the whole row; UPDATE: the new values of the changed columns only.';
COMMENT ON COLUMN pulseplus.audit_log.changed_columns IS 'UPDATE: names of the columns whose value changed (updated_at left out), sorted.';
COMMENT ON COLUMN pulseplus.audit_log.transaction_id IS 'txid_current() of the change, to group the rows of one transaction.';

ALTER TABLE pulseplus.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.audit_log FORCE ROW LEVEL SECURITY;

CREATE POLICY audit_log_select_admin ON pulseplus.audit_log
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY audit_log_insert_engine ON pulseplus.audit_log
  FOR INSERT TO pulseplus_engine
  WITH CHECK (true);

GRANT SELECT ON pulseplus.audit_log TO pulseplus_admin;
GRANT INSERT ON pulseplus.audit_log TO pulseplus_engine;
