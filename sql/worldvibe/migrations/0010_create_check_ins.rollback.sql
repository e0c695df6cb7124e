-- What: undoes 0010: drops worldvibe.check_ins with its default partition and indexes.
-- Why: the daily partitions were dropped by the rollback of 0018 (which runs first); this loses
--      every check-in still stored, as rolling back a table does.

DROP TABLE worldvibe.check_ins;
