-- What: creates pulseplus.acting_user_id(), the user (sys_user.id) the current transaction
--       acts for, read from the custom setting pulseplus.user_id (NULL when unset or empty).
-- Why:  row-level security policies, the economy functions and the audit trigger all need
--       the acting user. Policies are versioned objects, so the function they call is
--       versioned too (a versioned migration never depends on a repeatable file).
--       The API sets it per transaction:  SELECT set_config('pulseplus.user_id', $1, true);

CREATE FUNCTION pulseplus.acting_user_id()
RETURNS uuid
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
  SELECT nullif(current_setting('pulseplus.user_id', true), '')::uuid
$$;

COMMENT ON FUNCTION pulseplus.acting_user_id() IS
  'The user (pulseplus.sys_user.id) this transaction acts for, from the setting pulseplus.user_id; NULL when unset. '
  'A value that is not a UUID raises 22P02.';
