-- What: undoes 0012: drops worldvibe.events with its default partition and indexes.
-- Why: the daily partitions were dropped by the rollback of 0018 (which runs first).

DROP TABLE worldvibe.events;
