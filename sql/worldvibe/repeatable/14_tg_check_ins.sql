-- What: the triggers of worldvibe.check_ins:
--         sanitize            (tg_check_ins__sanitize, BEFORE INSERT/UPDATE, row)
--             snaps the location to the 0.1 degree grid, rejects times in the future (WVT01)
--         require_consent     (tg_check_ins__require_consent, AFTER INSERT, statement)
--             rejects a statement with a check-in whose subject has no active consent to the
--             current check_ins policy (WVC01), locking the consents it relies on
--         invalidate_rollups_after_insert / _update / _delete
--             (tg_check_ins__invalidate_rollups, AFTER, statement, with transition tables)
--             log the hours the statement changed in rollup_invalidations
-- Why: privacy and consent are enforced by the database whatever the client does. The row
--      trigger is defined on the partitioned table, so PostgreSQL clones it onto every
--      partition, present and future. The consent check and the invalidation log are per
--      statement, over the transition table: a COPY of 10,000 rows checks its distinct subjects
--      and logs its distinct hours in one query each instead of 10,000 lookups (measured: a
--      per-row consent lookup cost about 40 us a row, most of the insert). A rejected
--      statement is undone whole. The invalidation trigger runs as worldvibe_owner (the app has
--      no privilege on the log).

CREATE OR REPLACE FUNCTION worldvibe.tg_check_ins__sanitize()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    IF NEW.created_at > statement_timestamp() + interval '5 minutes' THEN
        RAISE EXCEPTION 'check-in time % is in the future', NEW.created_at
            USING ERRCODE = 'WVT01', HINT = 'send the device time with its time zone; 5 minutes of clock skew are accepted';
    END IF;
    NEW.location := worldvibe.snap_location(NEW.location);
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_check_ins__sanitize() IS
    'Trigger: snaps the location to the 0.1 degree grid (no finer position is ever stored) and '
    'rejects check-ins more than 5 minutes in the future (WVT01).';

CREATE OR REPLACE FUNCTION worldvibe.tg_check_ins__require_consent()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    v_consented text[];
    v_missing   text;
BEGIN
    -- 1. lock, in one statement, the active consent to the current version of every subject of
    --    the statement, FOR SHARE until the end of the transaction: a concurrent withdrawal (an
    --    UPDATE of that row) waits for this transaction, and its erasure then sees these rows;
    --    a statement coming after a withdrawal waits for it and then finds no active consent.
    SELECT array_agg(l.subject_hash) INTO v_consented
      FROM (SELECT c.subject_hash
              FROM worldvibe.privacy_consents AS c
             WHERE c.subject_hash IN (SELECT n.subject_hash FROM new_rows AS n)
               AND c.purpose = 'check_ins'
               AND c.withdrawn_at IS NULL
               AND c.policy_version = (SELECT max(v.version)
                                         FROM worldvibe.consent_policy_versions AS v
                                        WHERE v.purpose = 'check_ins' AND v.effective_at <= now())
               FOR SHARE OF c) AS l;
    -- 2. any subject without one rejects the whole statement
    SELECT m.subject_hash INTO v_missing
      FROM (SELECT n.subject_hash FROM new_rows AS n
            EXCEPT
            SELECT unnest(v_consented)) AS m
     LIMIT 1;
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'subject % has no active consent to the current check_ins policy', v_missing
            USING ERRCODE = 'WVC01', HINT = 'record it first: SELECT worldvibe.grant_consent(''check_ins'')';
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_check_ins__require_consent() IS
    'Trigger (per statement): rejects the statement (WVC01) if one of its check-ins belongs to a '
    'subject without an active consent to the current check_ins policy; locks those consents FOR '
    'SHARE so that a concurrent withdrawal cannot miss the new rows.';

CREATE OR REPLACE FUNCTION worldvibe.tg_check_ins__invalidate_rollups()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- new_rows / old_rows exist only for the operations that declare them; each branch is
    -- planned only when it runs.
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO worldvibe.rollup_invalidations (bucket)
        SELECT DISTINCT date_bin('1 hour', n.created_at, '2000-01-01 00:00:00+00') FROM new_rows AS n;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO worldvibe.rollup_invalidations (bucket)
        SELECT DISTINCT date_bin('1 hour', o.created_at, '2000-01-01 00:00:00+00') FROM old_rows AS o;
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_check_ins__invalidate_rollups() IS
    'Trigger (per statement): appends the distinct hours of the inserted, updated or deleted '
    'check-ins to rollup_invalidations, so that the next refresh recomputes them.';

CREATE OR REPLACE TRIGGER sanitize
    BEFORE INSERT OR UPDATE OF location, created_at ON worldvibe.check_ins
    FOR EACH ROW EXECUTE FUNCTION worldvibe.tg_check_ins__sanitize();

CREATE OR REPLACE TRIGGER require_consent
    AFTER INSERT ON worldvibe.check_ins
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION worldvibe.tg_check_ins__require_consent();

CREATE OR REPLACE TRIGGER invalidate_rollups_after_insert
    AFTER INSERT ON worldvibe.check_ins
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION worldvibe.tg_check_ins__invalidate_rollups();

CREATE OR REPLACE TRIGGER invalidate_rollups_after_update
    AFTER UPDATE ON worldvibe.check_ins
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION worldvibe.tg_check_ins__invalidate_rollups();

CREATE OR REPLACE TRIGGER invalidate_rollups_after_delete
    AFTER DELETE ON worldvibe.check_ins
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION worldvibe.tg_check_ins__invalidate_rollups();

ALTER FUNCTION worldvibe.tg_check_ins__sanitize() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_check_ins__require_consent() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_check_ins__invalidate_rollups() OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.tg_check_ins__sanitize() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_check_ins__require_consent() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_check_ins__invalidate_rollups() FROM PUBLIC;
