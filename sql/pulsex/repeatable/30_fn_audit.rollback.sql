-- What: drops the audit triggers and the functions tg__audit() and write_audit_log().
-- Why: rollback of 30_fn_audit.sql (the GDPR functions calling write_audit_log() are rolled
--      back before it).

DROP TRIGGER IF EXISTS notification_tokens_audit ON pulsex.notification_tokens;
DROP TRIGGER IF EXISTS sessions_audit ON pulsex.sessions;
DROP TRIGGER IF EXISTS users_audit ON pulsex.users;
DROP FUNCTION IF EXISTS pulsex.tg__audit();
DROP FUNCTION IF EXISTS pulsex.write_audit_log(uuid, text, text, jsonb, jsonb, text[], jsonb);
