-- What: consent functions and triggers:
--         worldvibe.current_policy_version(purpose)   the version a consent must be for
--         worldvibe.grant_consent(purpose, ...)       records a consent of the acting subject
--         worldvibe.withdraw_consent(purpose, ...)    withdraws it (erasure follows)
--         trigger protect_history   (tg_privacy_consents__protect_history)   consent rows are append-only
--         trigger erase_on_withdrawal (tg_privacy_consents__erase_on_withdrawal)
-- Why: a check-in or session without the needed consent is rejected, and withdrawing consent
--      erases the subject's raw rows of that purpose, whatever path sets withdrawn_at (function
--      or plain UPDATE). The consent checks themselves are the require_consent triggers of
--      check_ins and sessions (repeatable/14, 16); they lock the consent row FOR SHARE, so a
--      withdrawal running at the same time waits for the inserting transaction and its erasure
--      then sees (and deletes) the new row, and an insert that comes second waits for the
--      withdrawal and is then rejected.
--      The erasure runs as worldvibe_owner (SECURITY DEFINER) so that it reaches every row of
--      the subject whatever role withdraws.

CREATE OR REPLACE FUNCTION worldvibe.current_policy_version(p_purpose text)
RETURNS integer
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    RETURN (SELECT max(v.version)
              FROM worldvibe.consent_policy_versions AS v
             WHERE v.purpose = p_purpose AND v.effective_at <= now());
END
$$;

COMMENT ON FUNCTION worldvibe.current_policy_version(text) IS
    'The current version of a purpose''s consent text: the highest one already effective. NULL for an unknown purpose.';

CREATE OR REPLACE FUNCTION worldvibe.grant_consent(
    p_purpose      text,
    p_version      integer DEFAULT NULL,
    p_preferences  jsonb DEFAULT '{}'::jsonb,
    p_subject_hash text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    v_subject text := coalesce(p_subject_hash, worldvibe.current_subject());
    v_version integer := coalesce(p_version, worldvibe.current_policy_version(p_purpose));
    v_id      bigint;
BEGIN
    IF v_subject IS NULL THEN
        RAISE EXCEPTION 'no subject: call worldvibe.act_as_subject(identifier) first' USING ERRCODE = 'WVS01';
    END IF;
    IF v_version IS NULL THEN
        RAISE EXCEPTION 'no effective consent policy for purpose %', p_purpose USING ERRCODE = 'WVC02';
    END IF;
    INSERT INTO worldvibe.privacy_consents (subject_hash, purpose, policy_version, preferences)
    VALUES (v_subject, p_purpose, v_version, coalesce(p_preferences, '{}'::jsonb))
    ON CONFLICT (subject_hash, purpose, policy_version) WHERE withdrawn_at IS NULL DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN  -- already active: idempotent
        SELECT c.id INTO v_id
          FROM worldvibe.privacy_consents AS c
         WHERE c.subject_hash = v_subject AND c.purpose = p_purpose
           AND c.policy_version = v_version AND c.withdrawn_at IS NULL;
    END IF;
    RETURN v_id;
END
$$;

COMMENT ON FUNCTION worldvibe.grant_consent(text, integer, jsonb, text) IS
    'Records the consent of the acting subject (or p_subject_hash) to a purpose at a version '
    '(default: the current one); returns its id. Idempotent while the consent is active.';

CREATE OR REPLACE FUNCTION worldvibe.withdraw_consent(p_purpose text, p_subject_hash text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    v_subject text := coalesce(p_subject_hash, worldvibe.current_subject());
    v_count   integer;
BEGIN
    IF v_subject IS NULL THEN
        RAISE EXCEPTION 'no subject: call worldvibe.act_as_subject(identifier) first' USING ERRCODE = 'WVS01';
    END IF;
    UPDATE worldvibe.privacy_consents AS c
       SET withdrawn_at = greatest(now(), c.granted_at)
     WHERE c.subject_hash = v_subject AND c.purpose = p_purpose AND c.withdrawn_at IS NULL;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

COMMENT ON FUNCTION worldvibe.withdraw_consent(text, text) IS
    'Withdraws every active consent (all versions) of the acting subject (or p_subject_hash) for a '
    'purpose and returns how many; the trigger erase_on_withdrawal then erases the raw rows.';

CREATE OR REPLACE FUNCTION worldvibe.tg_privacy_consents__protect_history()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    IF NEW.subject_hash IS DISTINCT FROM OLD.subject_hash OR NEW.purpose IS DISTINCT FROM OLD.purpose
       OR NEW.policy_version IS DISTINCT FROM OLD.policy_version OR NEW.granted_at IS DISTINCT FROM OLD.granted_at
       OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at) THEN
        RAISE EXCEPTION 'consent % is a record: only withdrawn_at may be set, once', OLD.id
            USING ERRCODE = 'WVC03', HINT = 'record a new consent with worldvibe.grant_consent instead';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_privacy_consents__protect_history() IS
    'Trigger: a consent row never changes except for setting withdrawn_at once (raises WVC03).';

CREATE OR REPLACE FUNCTION worldvibe.tg_privacy_consents__erase_on_withdrawal()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- another consent of the same purpose still active (e.g. an older version): nothing to erase
    IF EXISTS (SELECT 1 FROM worldvibe.privacy_consents AS c
                WHERE c.subject_hash = NEW.subject_hash AND c.purpose = NEW.purpose
                  AND c.withdrawn_at IS NULL) THEN
        RETURN NULL;
    END IF;
    IF NEW.purpose = 'check_ins' THEN
        DELETE FROM worldvibe.check_ins AS c WHERE c.subject_hash = NEW.subject_hash;
    ELSIF NEW.purpose = 'product_analytics' THEN
        DELETE FROM worldvibe.sessions AS s WHERE s.subject_hash = NEW.subject_hash;  -- events by cascade
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_privacy_consents__erase_on_withdrawal() IS
    'Trigger: when the last active consent of a subject for a purpose is withdrawn, deletes the '
    'subject''s raw rows of that purpose (check_ins; or sessions and, by cascade, events). The '
    'rollups follow at the next refresh (the deletion is logged as an invalidation).';

CREATE OR REPLACE TRIGGER protect_history
    BEFORE UPDATE ON worldvibe.privacy_consents
    FOR EACH ROW EXECUTE FUNCTION worldvibe.tg_privacy_consents__protect_history();

CREATE OR REPLACE TRIGGER erase_on_withdrawal
    AFTER UPDATE OF withdrawn_at ON worldvibe.privacy_consents
    FOR EACH ROW
    WHEN (OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL)
    EXECUTE FUNCTION worldvibe.tg_privacy_consents__erase_on_withdrawal();

ALTER FUNCTION worldvibe.current_policy_version(text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.grant_consent(text, integer, jsonb, text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.withdraw_consent(text, text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_privacy_consents__protect_history() OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.tg_privacy_consents__erase_on_withdrawal() OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.current_policy_version(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.grant_consent(text, integer, jsonb, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.withdraw_consent(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_privacy_consents__protect_history() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_privacy_consents__erase_on_withdrawal() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.current_policy_version(text) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.grant_consent(text, integer, jsonb, text) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.withdraw_consent(text, text) TO worldvibe_app;
