-- What: drops the three partition functions created by 0003.
-- Why: undoes 0003.

DROP FUNCTION pulsex.create_monthly_partitions(text, integer, date);
DROP FUNCTION pulsex.monthly_partitioned_table(text);
DROP FUNCTION pulsex.secure_partition(regclass);
