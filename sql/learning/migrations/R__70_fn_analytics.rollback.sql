-- What: drops the analytics functions (undoes R__70_fn_analytics.sql).
-- Why:  partitions created by create_learning_event_partitions() stay: they belong to the
--       table (dropped by U042). The live aggregation trigger of earlier versions of R__70 is
--       gone since V045 and is not re-created.

DROP FUNCTION analytics.rebuild_daily_engagement(date, date);
DROP FUNCTION analytics.create_learning_event_partitions(integer, date);
DROP FUNCTION analytics.record_event(uuid, uuid, text, uuid, uuid, jsonb, timestamptz);
