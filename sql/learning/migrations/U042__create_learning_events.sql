-- What: drops analytics.learning_events with all its partitions and its sequence (undoes V042).
-- Why:  dropping a partitioned table drops its partitions; the sequence is OWNED BY the id
--       column and goes with it.

DROP TABLE analytics.learning_events;
