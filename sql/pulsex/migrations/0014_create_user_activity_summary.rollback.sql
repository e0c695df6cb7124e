-- What: drops the materialized view pulsex.user_activity_summary.
-- Why: undoes 0014.

DROP MATERIALIZED VIEW pulsex.user_activity_summary;
