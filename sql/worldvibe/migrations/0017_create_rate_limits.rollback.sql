-- What: undoes 0017: drops worldvibe.rate_limits.
-- Why: check_rate_limit() is a repeatable object, taken down first.

DROP TABLE worldvibe.rate_limits;
