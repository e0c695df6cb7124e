-- What: drops analytics.daily_engagement.refreshed_at and restores the comments of V043
--       (undoes V045).
-- Why:  with R__70 and R__40 as before V045 the triggers maintain the table live again; run
--       analytics.rebuild_daily_engagement() over the days written meanwhile to fill it.

SET LOCAL ROLE learning_owner;

ALTER TABLE analytics.daily_engagement DROP COLUMN refreshed_at;

COMMENT ON TABLE analytics.daily_engagement IS
  'Daily activity counters per learner (UTC days), maintained by the learning_events and points_ledger triggers; rebuildable.';
COMMENT ON COLUMN analytics.daily_engagement.points_earned IS 'Sum of the day''s points-ledger rows (UTC day of awarded_at; negative adjustments included), maintained by the ledger trigger.';

RESET ROLE;
