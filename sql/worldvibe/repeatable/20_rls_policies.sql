-- What: the row-level security policies of the tables holding user data (privacy_consents,
--       check_ins, sessions, events, rate_limits), then the table privileges of every role.
-- Why: RLS is enabled and forced on those tables by their migrations, so until this file runs
--      nobody but superusers sees a row (deny by default). Policies come before grants. Each
--      table has:
--        owner_all   worldvibe_owner (SECURITY DEFINER functions, views): every row; FORCE makes
--                    the owner subject to policies, so this is stated rather than implied
--        app_*       worldvibe_app: only the rows of the subject it acts for
--                    (worldvibe.current_subject(), set per transaction by act_as_subject)
--      Column lists on INSERT/UPDATE keep generated and server-set columns (ids, region_hash,
--      received_at) out of the app's reach. worldvibe_analytics and worldvibe_dashboard get no
--      table at all: only the k-anonymous views (repeatable/60). The rollup tables, regions,
--      settings and the key table are reachable only through the owner's functions and views.
--      Policies on a partitioned table apply to every query through it; its partitions have no
--      grants, so nobody but the owner can query a partition directly.

-- privacy_consents --------------------------------------------------------------------------
DROP POLICY IF EXISTS owner_all ON worldvibe.privacy_consents;
CREATE POLICY owner_all ON worldvibe.privacy_consents
    FOR ALL TO worldvibe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS app_select_own ON worldvibe.privacy_consents;
CREATE POLICY app_select_own ON worldvibe.privacy_consents
    FOR SELECT TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject());

DROP POLICY IF EXISTS app_insert_own ON worldvibe.privacy_consents;
CREATE POLICY app_insert_own ON worldvibe.privacy_consents
    FOR INSERT TO worldvibe_app
    WITH CHECK (subject_hash = worldvibe.current_subject() AND withdrawn_at IS NULL);

-- the app may only withdraw (set withdrawn_at) an active consent of its subject
DROP POLICY IF EXISTS app_withdraw_own ON worldvibe.privacy_consents;
CREATE POLICY app_withdraw_own ON worldvibe.privacy_consents
    FOR UPDATE TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject() AND withdrawn_at IS NULL)
    WITH CHECK (subject_hash = worldvibe.current_subject() AND withdrawn_at IS NOT NULL);

-- check_ins ---------------------------------------------------------------------------------
DROP POLICY IF EXISTS owner_all ON worldvibe.check_ins;
CREATE POLICY owner_all ON worldvibe.check_ins
    FOR ALL TO worldvibe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS app_select_own ON worldvibe.check_ins;
CREATE POLICY app_select_own ON worldvibe.check_ins
    FOR SELECT TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject());

DROP POLICY IF EXISTS app_insert_own ON worldvibe.check_ins;
CREATE POLICY app_insert_own ON worldvibe.check_ins
    FOR INSERT TO worldvibe_app
    WITH CHECK (subject_hash = worldvibe.current_subject());

DROP POLICY IF EXISTS app_delete_own ON worldvibe.check_ins;
CREATE POLICY app_delete_own ON worldvibe.check_ins
    FOR DELETE TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject());

-- sessions ----------------------------------------------------------------------------------
DROP POLICY IF EXISTS owner_all ON worldvibe.sessions;
CREATE POLICY owner_all ON worldvibe.sessions
    FOR ALL TO worldvibe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS app_select_own ON worldvibe.sessions;
CREATE POLICY app_select_own ON worldvibe.sessions
    FOR SELECT TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject());

DROP POLICY IF EXISTS app_insert_own ON worldvibe.sessions;
CREATE POLICY app_insert_own ON worldvibe.sessions
    FOR INSERT TO worldvibe_app
    WITH CHECK (subject_hash = worldvibe.current_subject());

DROP POLICY IF EXISTS app_update_own ON worldvibe.sessions;
CREATE POLICY app_update_own ON worldvibe.sessions
    FOR UPDATE TO worldvibe_app
    USING (subject_hash = worldvibe.current_subject())
    WITH CHECK (subject_hash = worldvibe.current_subject());

-- events (the subject is the session's) -----------------------------------------------------
DROP POLICY IF EXISTS owner_all ON worldvibe.events;
CREATE POLICY owner_all ON worldvibe.events
    FOR ALL TO worldvibe_owner USING (true) WITH CHECK (true);

DROP POLICY IF EXISTS app_select_own ON worldvibe.events;
CREATE POLICY app_select_own ON worldvibe.events
    FOR SELECT TO worldvibe_app
    USING (EXISTS (SELECT 1 FROM worldvibe.sessions AS s
                    WHERE s.id = events.session_id AND s.subject_hash = worldvibe.current_subject()));

DROP POLICY IF EXISTS app_insert_own ON worldvibe.events;
CREATE POLICY app_insert_own ON worldvibe.events
    FOR INSERT TO worldvibe_app
    WITH CHECK (EXISTS (SELECT 1 FROM worldvibe.sessions AS s
                         WHERE s.id = events.session_id AND s.subject_hash = worldvibe.current_subject()));

-- rate_limits: only check_rate_limit() (owner) touches it ------------------------------------
DROP POLICY IF EXISTS owner_all ON worldvibe.rate_limits;
CREATE POLICY owner_all ON worldvibe.rate_limits
    FOR ALL TO worldvibe_owner USING (true) WITH CHECK (true);

-- grants ------------------------------------------------------------------------------------
GRANT SELECT ON worldvibe.consent_policy_versions TO worldvibe_app, worldvibe_analytics;

GRANT SELECT ON worldvibe.privacy_consents TO worldvibe_app;
GRANT INSERT (subject_hash, purpose, policy_version, preferences) ON worldvibe.privacy_consents TO worldvibe_app;
GRANT UPDATE (withdrawn_at) ON worldvibe.privacy_consents TO worldvibe_app;

GRANT SELECT, DELETE ON worldvibe.check_ins TO worldvibe_app;
GRANT INSERT (created_at, subject_hash, emotion, intensity, location, device_type) ON worldvibe.check_ins TO worldvibe_app;

GRANT SELECT ON worldvibe.sessions TO worldvibe_app;
GRANT INSERT (id, subject_hash, started_at, device_type, page_views) ON worldvibe.sessions TO worldvibe_app;
GRANT UPDATE (ended_at, page_views) ON worldvibe.sessions TO worldvibe_app;

GRANT SELECT ON worldvibe.events TO worldvibe_app;
GRANT INSERT (occurred_at, session_id, event_type, payload) ON worldvibe.events TO worldvibe_app;
