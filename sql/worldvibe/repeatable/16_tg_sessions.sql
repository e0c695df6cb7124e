-- What: the trigger require_consent of worldvibe.sessions (tg_sessions__require_consent,
--       BEFORE INSERT, row): a session needs an active consent to the current product_analytics
--       policy (WVC01).
-- Why: sessions and events are stored only with that consent; events need no trigger of their
--      own because every event belongs to a session (foreign key), and withdrawing the consent
--      deletes the sessions with their events.

CREATE OR REPLACE FUNCTION worldvibe.tg_sessions__require_consent()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    -- FOR SHARE until the end of the transaction: a concurrent withdrawal (an UPDATE of this
    -- consent row) waits for this insert, and its erasure then sees the new row; an insert
    -- coming after a withdrawal waits for it and then finds no active consent. The current
    -- version is written out rather than calling current_policy_version(): this runs for every
    -- inserted row, and a nested function call costs more than the lookup itself.
    PERFORM 1
       FROM worldvibe.privacy_consents AS c
      WHERE c.subject_hash = NEW.subject_hash
        AND c.purpose = 'product_analytics'
        AND c.withdrawn_at IS NULL
        AND c.policy_version = (SELECT max(v.version)
                                  FROM worldvibe.consent_policy_versions AS v
                                 WHERE v.purpose = 'product_analytics' AND v.effective_at <= now())
        FOR SHARE OF c;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'subject % has no active consent to the current product_analytics policy', NEW.subject_hash
            USING ERRCODE = 'WVC01', HINT = 'record it first: SELECT worldvibe.grant_consent(''product_analytics'')';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION worldvibe.tg_sessions__require_consent() IS
    'Trigger: rejects a session whose subject has no active consent to the current product_analytics policy (WVC01).';

CREATE OR REPLACE TRIGGER require_consent
    BEFORE INSERT ON worldvibe.sessions
    FOR EACH ROW EXECUTE FUNCTION worldvibe.tg_sessions__require_consent();

ALTER FUNCTION worldvibe.tg_sessions__require_consent() OWNER TO worldvibe_owner;
REVOKE EXECUTE ON FUNCTION worldvibe.tg_sessions__require_consent() FROM PUBLIC;
