-- What: drops pulsex.audit_logs and all its partitions (default included).
-- Why: undoes 0010.

DROP TABLE pulsex.audit_logs;
