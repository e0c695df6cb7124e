-- What: drops pulsex.analytics_events and all its partitions (default included).
-- Why: undoes 0011.

DROP TABLE pulsex.analytics_events;
