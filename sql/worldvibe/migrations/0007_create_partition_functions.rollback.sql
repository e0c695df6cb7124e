-- What: undoes 0007: drops the partition maintenance functions.
-- Why: the partitioned tables are dropped by later rollbacks that run before this one.

DROP FUNCTION worldvibe.drop_partitions_older_than(regclass, timestamptz);
DROP FUNCTION worldvibe.create_partitions_ahead(regclass, integer);
DROP FUNCTION worldvibe.create_partitions(regclass, date, date);
DROP FUNCTION worldvibe.partition_key(regclass);
DROP FUNCTION worldvibe.partition_bounds(regclass);
