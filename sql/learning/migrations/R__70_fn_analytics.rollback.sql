-- What: drops the analytics trigger and functions (undoes R__70_fn_analytics.sql).
-- Why:  the trigger first, then the functions. Partitions created by
--       create_learning_event_partitions() stay: they belong to the table (dropped by U042).

DROP TRIGGER aggregate_daily ON analytics.learning_events;
DROP FUNCTION analytics.rebuild_daily_engagement(date, date);
DROP FUNCTION analytics.create_learning_event_partitions(integer, date);
DROP FUNCTION analytics.tg_learning_events__aggregate_daily();
DROP FUNCTION analytics.record_event(uuid, uuid, text, uuid, uuid, jsonb, timestamptz);
