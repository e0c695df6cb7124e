-- What: pulsex.fetch_briefing(user_id, briefing_date): sets the RLS context of the current
--       transaction to that user (no admin override), exactly as set_app_context(user_id)
--       does, and returns the user's briefing of that day, in one statement.
-- Why: the hot path of the morning rush ("fetch today's briefing"). Sent as two statements
--      (SELECT pulsex.set_app_context(...); SELECT ... FROM pulsex.briefings ...) under the
--      simple protocol, which PgBouncer 1.18 in transaction pooling mode imposes (no prepared
--      statements), every fetch is parsed, rewritten with the RLS policies and planned against
--      the partitioned table again, and the context is set by a second PL/pgSQL call. Inside
--      this function the query's plan is cached per server connection (PL/pgSQL keeps it
--      across calls; pooled connections are long-lived), so a fetch is one trivial statement.
--      SECURITY INVOKER on purpose: the read goes through the caller's policies exactly like
--      the two-statement form, and the function grants nothing that set_app_context() does not
--      already grant to pulsex_app. The context stays set for the rest of the transaction, so
--      further statements of the same transaction act as the same user.
--      The date is a parameter, not CURRENT_DATE: the application knows the user's time zone.
--      plan_cache_mode is pinned to force_generic_plan: with the plan cache's default choice
--      every call would be planned again (the generic plan over all monthly partitions looks
--      dearer to the planner than a custom plan pruned to one), and the generic plan prunes to
--      the one partition of p_briefing_date at executor start-up anyway.

CREATE OR REPLACE FUNCTION pulsex.fetch_briefing(p_user_id uuid, p_briefing_date date)
RETURNS TABLE (
    briefing_date date,
    status        text,
    cards         jsonb,
    generated_at  timestamptz,
    delivered_at  timestamptz,
    opened_at     timestamptz)
LANGUAGE plpgsql
VOLATILE
SECURITY INVOKER
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF p_user_id IS NULL THEN
        RAISE EXCEPTION 'fetch_briefing: a user id is required'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- the same two settings set_app_context(p_user_id) sets, without a second function call
    PERFORM pg_catalog.set_config('pulsex.user_id', p_user_id::text, true);
    PERFORM pg_catalog.set_config('pulsex.is_admin', 'off', true);
    RETURN QUERY
        SELECT b.briefing_date, b.status, b.cards, b.generated_at, b.delivered_at, b.opened_at
          FROM pulsex.briefings AS b
         WHERE b.user_id = p_user_id
           AND b.briefing_date = p_briefing_date;
END
$$;

COMMENT ON FUNCTION pulsex.fetch_briefing(uuid, date) IS
    'Sets the RLS context of the current transaction to this user without admin override (as '
    'set_app_context(p_user_id) does; it stays set until COMMIT/ROLLBACK) and returns the user''s '
    'briefing of p_briefing_date (the user''s "today", computed by the application in the user''s '
    'time zone): no row when there is none. SECURITY INVOKER: the briefings policies apply. One '
    'statement with a plan cached per connection: the morning-rush fetch.';

ALTER FUNCTION pulsex.fetch_briefing(uuid, date) OWNER TO pulsex_migrations;
REVOKE EXECUTE ON FUNCTION pulsex.fetch_briefing(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulsex.fetch_briefing(uuid, date) TO pulsex_app;
