-- What: adds analytics.daily_engagement.refreshed_at and re-describes the table as a rollup,
--       written by analytics.rebuild_daily_engagement() (a scheduled job) instead of by the
--       learning_events and points-ledger triggers (R__70 and R__40 stop writing it).
-- Why:  the aggregates are analytics, not gamification: nothing in the live chain reads them.
--       Kept live, every lesson completion and quiz submission upserted the learner's row twice
--       (once for the event, once for the points), through a SECURITY DEFINER trigger, RLS and
--       the row's CHECK: 15% of the instructions of a typical lesson completion (measured with
--       callgrind on 300 completions). Dashboards now read the rows as of refreshed_at, which
--       the job sets on every row it writes.
-- Cost: adding a column with a constant default rewrites nothing (metadata only).

SET LOCAL ROLE learning_owner;

ALTER TABLE analytics.daily_engagement
  ADD COLUMN refreshed_at timestamptz NOT NULL DEFAULT '-infinity';

COMMENT ON TABLE analytics.daily_engagement IS
  'Daily activity counters per learner (UTC days): a rollup of learning_events and points_ledger written by analytics.rebuild_daily_engagement(), run by a scheduled job; not maintained live.';
COMMENT ON COLUMN analytics.daily_engagement.points_earned IS
  'Sum of the day''s points-ledger rows (UTC day of awarded_at; negative adjustments included).';
COMMENT ON COLUMN analytics.daily_engagement.refreshed_at IS
  'When the rollup wrote this row: the counters include what was committed by then (-infinity: written before V045, by the old live triggers).';

RESET ROLE;
