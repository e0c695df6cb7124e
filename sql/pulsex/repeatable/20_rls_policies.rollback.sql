-- What: drops every policy created by 20_rls_policies.sql.
-- Why: rollback of the repeatable. With the policies gone the forced RLS denies every row to
--      every role but pulsex_backup and superusers, until the tables themselves are dropped.

DROP POLICY IF EXISTS users_app_select ON pulsex.users;
DROP POLICY IF EXISTS users_app_insert ON pulsex.users;
DROP POLICY IF EXISTS users_app_update ON pulsex.users;
DROP POLICY IF EXISTS users_analytics_select ON pulsex.users;
DROP POLICY IF EXISTS users_maintenance ON pulsex.users;
DROP POLICY IF EXISTS briefings_app_own ON pulsex.briefings;
DROP POLICY IF EXISTS briefings_analytics_select ON pulsex.briefings;
DROP POLICY IF EXISTS briefings_maintenance ON pulsex.briefings;
DROP POLICY IF EXISTS user_feedback_app_own ON pulsex.user_feedback;
DROP POLICY IF EXISTS user_feedback_analytics_select ON pulsex.user_feedback;
DROP POLICY IF EXISTS user_feedback_maintenance ON pulsex.user_feedback;
DROP POLICY IF EXISTS saved_cards_app_own ON pulsex.saved_cards;
DROP POLICY IF EXISTS saved_cards_analytics_select ON pulsex.saved_cards;
DROP POLICY IF EXISTS saved_cards_maintenance ON pulsex.saved_cards;
DROP POLICY IF EXISTS notification_tokens_app_own ON pulsex.notification_tokens;
DROP POLICY IF EXISTS notification_tokens_analytics_select ON pulsex.notification_tokens;
DROP POLICY IF EXISTS notification_tokens_maintenance ON pulsex.notification_tokens;
DROP POLICY IF EXISTS sessions_app_own ON pulsex.sessions;
DROP POLICY IF EXISTS sessions_analytics_select ON pulsex.sessions;
DROP POLICY IF EXISTS sessions_maintenance ON pulsex.sessions;
DROP POLICY IF EXISTS audit_logs_app_own ON pulsex.audit_logs;
DROP POLICY IF EXISTS audit_logs_analytics_select ON pulsex.audit_logs;
DROP POLICY IF EXISTS audit_logs_maintenance ON pulsex.audit_logs;
DROP POLICY IF EXISTS analytics_events_app_own ON pulsex.analytics_events;
DROP POLICY IF EXISTS analytics_events_analytics_select ON pulsex.analytics_events;
DROP POLICY IF EXISTS analytics_events_maintenance ON pulsex.analytics_events;
