-- What: the leaderboards: the views gamification.leaderboard_all_time and
--       gamification.leaderboard_weekly (every learner, ranked), and the functions
--       gamification.top_learners() and gamification.top_learners_of_week() (the top N of
--       the context organization: what a leaderboard page asks for).
-- Why:  leaderboards per organization, read straight from the trigger-maintained
--       point_balances and weekly_points, so a board never sums the ledger. Everything here
--       runs as the caller (security_invoker views, SECURITY INVOKER functions), so RLS shows
--       each organization only its own board. The views rank a whole organization; the top-N
--       functions read the (organization_id, points DESC) index and stop after N rows (ties at
--       the cut included: FETCH FIRST ... WITH TIES), which keeps "top 50" fast however many
--       learners an organization has. The names come from the balance rows themselves
--       (display_name, kept equal to users by a cascading foreign key, V044): no join to
--       users and its per-row membership policy. Typical queries:
--         SELECT * FROM gamification.top_learners(50);
--         SELECT * FROM gamification.top_learners_of_week();      -- this ISO week (UTC)
--         SELECT * FROM gamification.leaderboard_all_time WHERE user_id = $1;  -- my rank
--       The top-N functions are PL/pgSQL (RETURN QUERY) rather than SQL: an inlined SQL
--       function is planned again inside every calling statement (about as long as running
--       it, at the benchmark's 1-2 ms per call), whereas PL/pgSQL keeps the query's plan for
--       the session. The plan stays valid across tenants: the organization is read at run
--       time through (SELECT current_organization_id()), an InitPlan. plan_cache_mode is
--       force_generic_plan because the generic plan's estimate of FETCH FIRST p_limit is a
--       tenth of the table, which made PL/pgSQL re-plan every call for a "cheaper" custom
--       plan that is the same plan.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE VIEW gamification.leaderboard_all_time
WITH (security_invoker = true)
AS
SELECT r.organization_id,
       r.rank,
       r.user_id,
       r.display_name,
       r.total_points,
       r.level_number,
       l.name AS level_name
  FROM (SELECT b.organization_id, b.user_id, b.display_name, b.total_points, b.level_number,
               rank() OVER (PARTITION BY b.organization_id ORDER BY b.total_points DESC) AS rank
          FROM gamification.point_balances b) AS r
  LEFT JOIN gamification.levels l
    ON l.organization_id = r.organization_id AND l.level_number = r.level_number;

COMMENT ON VIEW gamification.leaderboard_all_time IS
  'All-time leaderboard per organization: rank by total points (ties share a rank).';

CREATE OR REPLACE VIEW gamification.leaderboard_weekly
WITH (security_invoker = true)
AS
SELECT r.organization_id,
       r.week_start,
       r.rank,
       r.user_id,
       r.display_name,
       r.points
  FROM (SELECT w.organization_id, w.week_start, w.user_id, w.display_name, w.points,
               rank() OVER (PARTITION BY w.organization_id, w.week_start ORDER BY w.points DESC) AS rank
          FROM gamification.weekly_points w) AS r;

COMMENT ON VIEW gamification.leaderboard_weekly IS
  'Weekly leaderboards per organization and ISO week (Monday, UTC); filter on week_start.';

CREATE OR REPLACE FUNCTION gamification.top_learners(p_limit integer DEFAULT 50)
RETURNS TABLE (rank bigint, user_id uuid, display_name text, total_points bigint, level_number integer, level_name text)
LANGUAGE plpgsql
STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT rank() OVER (ORDER BY t.total_points DESC), t.user_id, t.display_name, t.total_points,
         t.level_number, l.name
    FROM (SELECT b.organization_id, b.user_id, b.display_name, b.total_points, b.level_number
            FROM gamification.point_balances b
           WHERE b.organization_id = (SELECT user_management.current_organization_id())
           ORDER BY b.total_points DESC
           FETCH FIRST (greatest(coalesce(p_limit, 50), 0)) ROWS WITH TIES) AS t
    LEFT JOIN gamification.levels l
      ON l.organization_id = t.organization_id AND l.level_number = t.level_number
   ORDER BY 1, 3, 2;
END
$$;

COMMENT ON FUNCTION gamification.top_learners(integer) IS
  'All-time top N learners of the context organization (more than N when there are ties at the cut), with rank, points and level.';

CREATE OR REPLACE FUNCTION gamification.top_learners_of_week(p_week_start date DEFAULT NULL, p_limit integer DEFAULT 50)
RETURNS TABLE (rank bigint, user_id uuid, display_name text, points bigint)
LANGUAGE plpgsql
STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT rank() OVER (ORDER BY t.points DESC), t.user_id, t.display_name, t.points
    FROM (SELECT w.user_id, w.display_name, w.points
            FROM gamification.weekly_points w
           WHERE w.organization_id = (SELECT user_management.current_organization_id())
             AND w.week_start = (SELECT coalesce(p_week_start, date_trunc('week', now() AT TIME ZONE 'UTC')::date))
           ORDER BY w.points DESC
           FETCH FIRST (greatest(coalesce(p_limit, 50), 0)) ROWS WITH TIES) AS t
   ORDER BY 1, 3, 2;
END
$$;

COMMENT ON FUNCTION gamification.top_learners_of_week(date, integer) IS
  'Top N learners of the context organization for the ISO week starting p_week_start (default: this week, UTC), ties at the cut included.';

REVOKE EXECUTE ON FUNCTION gamification.top_learners(integer), gamification.top_learners_of_week(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gamification.top_learners(integer), gamification.top_learners_of_week(date, integer)
   TO learning_app, learning_reporting;
GRANT SELECT ON gamification.leaderboard_all_time, gamification.leaderboard_weekly TO learning_app, learning_reporting;

RESET ROLE;
