-- What: takes down repeatable/60_views_analytics.sql: drops the k-anonymous views (their grants go with them).
-- Why: rollback of the repeatable.

DROP VIEW IF EXISTS worldvibe.v_dashboard_last_24h;
DROP VIEW IF EXISTS worldvibe.v_region_map;
DROP VIEW IF EXISTS worldvibe.v_daily_emotions;
DROP VIEW IF EXISTS worldvibe.v_hourly_emotions;
