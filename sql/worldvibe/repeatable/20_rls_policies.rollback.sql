-- What: takes down repeatable/20_rls_policies.sql: revokes the table privileges, then drops the
--       policies (grants go first so that no role is left with a grant and no policy).
-- Why: rollback of the repeatable; RLS stays enabled and forced (set by the table migrations),
--      so without policies the tables are closed to everyone but superusers.

REVOKE ALL ON worldvibe.events FROM worldvibe_app;
REVOKE ALL ON worldvibe.sessions FROM worldvibe_app;
REVOKE ALL ON worldvibe.check_ins FROM worldvibe_app;
REVOKE ALL ON worldvibe.privacy_consents FROM worldvibe_app;
REVOKE ALL ON worldvibe.consent_policy_versions FROM worldvibe_app, worldvibe_analytics;

DROP POLICY IF EXISTS owner_all ON worldvibe.rate_limits;
DROP POLICY IF EXISTS app_insert_own ON worldvibe.events;
DROP POLICY IF EXISTS app_select_own ON worldvibe.events;
DROP POLICY IF EXISTS owner_all ON worldvibe.events;
DROP POLICY IF EXISTS app_update_own ON worldvibe.sessions;
DROP POLICY IF EXISTS app_insert_own ON worldvibe.sessions;
DROP POLICY IF EXISTS app_select_own ON worldvibe.sessions;
DROP POLICY IF EXISTS owner_all ON worldvibe.sessions;
DROP POLICY IF EXISTS app_delete_own ON worldvibe.check_ins;
DROP POLICY IF EXISTS app_insert_own ON worldvibe.check_ins;
DROP POLICY IF EXISTS app_select_own ON worldvibe.check_ins;
DROP POLICY IF EXISTS owner_all ON worldvibe.check_ins;
DROP POLICY IF EXISTS app_withdraw_own ON worldvibe.privacy_consents;
DROP POLICY IF EXISTS app_insert_own ON worldvibe.privacy_consents;
DROP POLICY IF EXISTS app_select_own ON worldvibe.privacy_consents;
DROP POLICY IF EXISTS owner_all ON worldvibe.privacy_consents;
