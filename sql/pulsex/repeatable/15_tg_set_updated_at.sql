-- What: the generic trigger function tg__set_updated_at() and its trigger on pulsex.users.
-- Why: updated_at is kept right by the database, whoever writes the row; the trigger only
--      fires when the row really changes.

CREATE OR REPLACE FUNCTION pulsex.tg__set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- strictly increasing even within one transaction (now() is the transaction start)
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION pulsex.tg__set_updated_at() IS
    'BEFORE UPDATE trigger function: sets NEW.updated_at (never going backwards).';

ALTER FUNCTION pulsex.tg__set_updated_at() OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.tg__set_updated_at() FROM PUBLIC;

CREATE OR REPLACE TRIGGER users_set_updated_at
    BEFORE UPDATE ON pulsex.users
    FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION pulsex.tg__set_updated_at();
