-- What: the trigger that checks users.timezone against the server's time zone database.
-- Why:  a CHECK constraint cannot consult pg_timezone_names (not immutable); an unknown zone
--       would make every streak computation for that learner fail later, so it is refused
--       when written.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION user_management.tg_users__check_timezone()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names WHERE name = NEW.timezone) THEN
    RAISE EXCEPTION 'unknown time zone %', NEW.timezone
      USING ERRCODE = 'invalid_parameter_value', HINT = 'use an IANA name such as Europe/Paris';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION user_management.tg_users__check_timezone() IS
  'BEFORE INSERT/UPDATE OF timezone on users: refuses a time zone PostgreSQL does not know.';

REVOKE EXECUTE ON FUNCTION user_management.tg_users__check_timezone() FROM PUBLIC;

CREATE OR REPLACE TRIGGER check_timezone
  BEFORE INSERT OR UPDATE OF timezone ON user_management.users
  FOR EACH ROW EXECUTE FUNCTION user_management.tg_users__check_timezone();

RESET ROLE;
