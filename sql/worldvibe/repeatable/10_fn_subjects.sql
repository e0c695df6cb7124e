-- What: the pseudonymous identity functions:
--         worldvibe.keyed_hash(context, value)  HMAC-SHA-256 with the database's secret key (internal)
--         worldvibe.pseudonymize(identifier)    the subject hash of an app user/device id
--         worldvibe.current_subject()           the subject the session acts for (setting worldvibe.subject_hash)
--         worldvibe.act_as_subject(identifier)  sets that for the current transaction, returns the hash
-- Why: raw identifiers never reach a table. The app calls act_as_subject() at the start of each
--      request transaction (like graphile's "become user"); row-level security compares rows
--      with current_subject(). The secret key is readable only by worldvibe_owner, hence
--      SECURITY DEFINER with a pinned search_path. The context string separates uses of the
--      key: a subject hash and a rate-limit key hash of the same text differ.

CREATE OR REPLACE FUNCTION worldvibe.keyed_hash(p_context text, p_value text)
RETURNS text
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_hash text;
BEGIN
    IF p_value IS NULL OR p_value = '' THEN
        RAISE EXCEPTION 'an empty % cannot be hashed', p_context USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT left(encode(public.hmac(convert_to(p_context || ':' || p_value, 'UTF8'), k.secret, 'sha256'), 'hex'), 32)
      INTO v_hash
      FROM worldvibe.pseudonym_keys AS k;
    IF v_hash IS NULL THEN
        RAISE EXCEPTION 'worldvibe.pseudonym_keys holds no key' USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN v_hash;
END
$$;

COMMENT ON FUNCTION worldvibe.keyed_hash(text, text) IS
    'Internal. First 32 hex digits (128 bits) of HMAC-SHA-256(context || '':'' || value) under the '
    'secret of worldvibe.pseudonym_keys. Raises on an empty value.';

CREATE OR REPLACE FUNCTION worldvibe.pseudonymize(p_identifier text)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT worldvibe.keyed_hash('subject', p_identifier)
$$;

COMMENT ON FUNCTION worldvibe.pseudonymize(text) IS
    'The subject hash stored for an app user/device identifier: keyed hash, 32 hex digits. The '
    'same identifier always gives the same hash in this database; without the key it cannot be '
    'reversed by hashing candidate ids.';

CREATE OR REPLACE FUNCTION worldvibe.current_subject()
RETURNS text
LANGUAGE sql
STABLE
AS $$
    SELECT nullif(pg_catalog.current_setting('worldvibe.subject_hash', true), '')
$$;

COMMENT ON FUNCTION worldvibe.current_subject() IS
    'The subject hash the session acts for (setting worldvibe.subject_hash, set by act_as_subject), '
    'or NULL. Row-level security policies compare rows with it.';

CREATE OR REPLACE FUNCTION worldvibe.act_as_subject(p_identifier text)
RETURNS text
LANGUAGE sql
VOLATILE
AS $$
    SELECT pg_catalog.set_config('worldvibe.subject_hash', worldvibe.pseudonymize(p_identifier), true)
$$;

COMMENT ON FUNCTION worldvibe.act_as_subject(text) IS
    'Makes the current transaction act for the subject of an app user/device identifier (sets '
    'worldvibe.subject_hash locally) and returns its hash. Call it first in every request transaction.';

ALTER FUNCTION worldvibe.keyed_hash(text, text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.pseudonymize(text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.current_subject() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.act_as_subject(text) OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.keyed_hash(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.pseudonymize(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.current_subject() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.act_as_subject(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.pseudonymize(text) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.current_subject() TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.act_as_subject(text) TO worldvibe_app;
