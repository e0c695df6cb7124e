-- What: drops the monitoring views and statement_stats() (undoes R__76_views_monitoring.sql).
-- Why:  slow_statements depends on statement_stats(), so the views go first.

DROP VIEW analytics.table_sizes;
DROP VIEW analytics.index_usage;
DROP VIEW analytics.slow_statements;
DROP FUNCTION analytics.statement_stats(integer);
