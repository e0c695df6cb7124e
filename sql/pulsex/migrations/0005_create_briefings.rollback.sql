-- What: drops pulsex.briefings and all its partitions.
-- Why: undoes 0005 (partitions made later by create_monthly_partitions() go with it).

DROP TABLE pulsex.briefings;
