-- What: the row-level security policies of every user-data table (RLS itself is enabled and
--       forced by the migration that created each table).
-- Why: pulsex_app sees and changes only the rows of the user in the transaction's context
--      (pulsex.app_user_id()), or every row under admin override (pulsex.app_is_admin());
--      without a context it sees nothing. pulsex_analytics reads every row. pulsex_migrations,
--      which owns the tables and is therefore subject to the forced RLS too, gets an explicit
--      all-rows policy: it is the identity of the maintenance and GDPR functions.
--      pulsex_backup has BYPASSRLS (pg_dump requires it) and needs no policy.
--      The context getters are wrapped in (SELECT ...) so that they are evaluated once per
--      statement (an InitPlan), not once per row.
--      Written as DROP POLICY IF EXISTS + CREATE POLICY so the file can run again.

-- users: the key is id; a soft-deleted account is hidden from its own user (admins see it)
DROP POLICY IF EXISTS users_app_select ON pulsex.users;
CREATE POLICY users_app_select ON pulsex.users
    FOR SELECT TO pulsex_app
    USING ((id = (SELECT pulsex.app_user_id()) AND deleted_at IS NULL)
           OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS users_app_insert ON pulsex.users;
CREATE POLICY users_app_insert ON pulsex.users
    FOR INSERT TO pulsex_app
    WITH CHECK (id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS users_app_update ON pulsex.users;
CREATE POLICY users_app_update ON pulsex.users
    FOR UPDATE TO pulsex_app
    USING ((id = (SELECT pulsex.app_user_id()) AND deleted_at IS NULL)
           OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS users_analytics_select ON pulsex.users;
CREATE POLICY users_analytics_select ON pulsex.users
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS users_maintenance ON pulsex.users;
CREATE POLICY users_maintenance ON pulsex.users
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- briefings
DROP POLICY IF EXISTS briefings_app_own ON pulsex.briefings;
CREATE POLICY briefings_app_own ON pulsex.briefings
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS briefings_analytics_select ON pulsex.briefings;
CREATE POLICY briefings_analytics_select ON pulsex.briefings
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS briefings_maintenance ON pulsex.briefings;
CREATE POLICY briefings_maintenance ON pulsex.briefings
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- user_feedback
DROP POLICY IF EXISTS user_feedback_app_own ON pulsex.user_feedback;
CREATE POLICY user_feedback_app_own ON pulsex.user_feedback
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS user_feedback_analytics_select ON pulsex.user_feedback;
CREATE POLICY user_feedback_analytics_select ON pulsex.user_feedback
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS user_feedback_maintenance ON pulsex.user_feedback;
CREATE POLICY user_feedback_maintenance ON pulsex.user_feedback
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- saved_cards
DROP POLICY IF EXISTS saved_cards_app_own ON pulsex.saved_cards;
CREATE POLICY saved_cards_app_own ON pulsex.saved_cards
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS saved_cards_analytics_select ON pulsex.saved_cards;
CREATE POLICY saved_cards_analytics_select ON pulsex.saved_cards
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS saved_cards_maintenance ON pulsex.saved_cards;
CREATE POLICY saved_cards_maintenance ON pulsex.saved_cards
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- notification_tokens
DROP POLICY IF EXISTS notification_tokens_app_own ON pulsex.notification_tokens;
CREATE POLICY notification_tokens_app_own ON pulsex.notification_tokens
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS notification_tokens_analytics_select ON pulsex.notification_tokens;
CREATE POLICY notification_tokens_analytics_select ON pulsex.notification_tokens
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS notification_tokens_maintenance ON pulsex.notification_tokens;
CREATE POLICY notification_tokens_maintenance ON pulsex.notification_tokens
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- sessions
DROP POLICY IF EXISTS sessions_app_own ON pulsex.sessions;
CREATE POLICY sessions_app_own ON pulsex.sessions
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS sessions_analytics_select ON pulsex.sessions;
CREATE POLICY sessions_analytics_select ON pulsex.sessions
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS sessions_maintenance ON pulsex.sessions;
CREATE POLICY sessions_maintenance ON pulsex.sessions
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- audit_logs: a user may read the trail of their own account (pulsex_app has SELECT only)
DROP POLICY IF EXISTS audit_logs_app_own ON pulsex.audit_logs;
CREATE POLICY audit_logs_app_own ON pulsex.audit_logs
    FOR SELECT TO pulsex_app
    USING (subject_user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS audit_logs_analytics_select ON pulsex.audit_logs;
CREATE POLICY audit_logs_analytics_select ON pulsex.audit_logs
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS audit_logs_maintenance ON pulsex.audit_logs;
CREATE POLICY audit_logs_maintenance ON pulsex.audit_logs
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);

-- analytics_events (pulsex_app has SELECT and INSERT only)
DROP POLICY IF EXISTS analytics_events_app_own ON pulsex.analytics_events;
CREATE POLICY analytics_events_app_own ON pulsex.analytics_events
    FOR ALL TO pulsex_app
    USING (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()))
    WITH CHECK (user_id = (SELECT pulsex.app_user_id()) OR (SELECT pulsex.app_is_admin()));

DROP POLICY IF EXISTS analytics_events_analytics_select ON pulsex.analytics_events;
CREATE POLICY analytics_events_analytics_select ON pulsex.analytics_events
    FOR SELECT TO pulsex_analytics USING (true);

DROP POLICY IF EXISTS analytics_events_maintenance ON pulsex.analytics_events;
CREATE POLICY analytics_events_maintenance ON pulsex.analytics_events
    FOR ALL TO pulsex_migrations USING (true) WITH CHECK (true);
