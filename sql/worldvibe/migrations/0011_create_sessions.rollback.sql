-- What: undoes 0011: drops worldvibe.sessions.
-- Why: events, which references it, is dropped by the rollback of 0012 (which runs first).

DROP TABLE worldvibe.sessions;
