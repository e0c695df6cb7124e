-- Fetch today's briefing in the two-statement form (kept for comparison with fetch_briefing_fn.sql,
-- which the morning rush uses): set the RLS context and read the row, in one round trip (one
-- simple-protocol query with two statements = one implicit transaction). The explicit
-- user_id filter is what the application sends; RLS adds its own predicate on top.
-- The date is a literal (:today, passed by run.sh): the application computes the user's
-- "today" in the user's time zone, and a constant lets the planner prune to one partition
-- at plan time (CURRENT_DATE would make it plan every partition and prune at run time:
-- three times the planning cost here, growing with each retained month).
\set n random(1, :users)
SELECT pulsex.set_app_context(md5('pulsex-bench-:n')::uuid) \; SELECT cards, status FROM pulsex.briefings WHERE user_id = md5('pulsex-bench-:n')::uuid AND briefing_date = ':today';
