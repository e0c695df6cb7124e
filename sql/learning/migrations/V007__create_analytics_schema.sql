-- What: creates the analytics schema.
-- Why:  reporting reads from here; the events table is the append-only activity log that the aggregates are rebuilt from.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA analytics;

COMMENT ON SCHEMA analytics IS
  'E-learning platform: learning events (partitioned by month), daily engagement aggregates and the monitoring views (slow statements, index usage, table sizes).';
