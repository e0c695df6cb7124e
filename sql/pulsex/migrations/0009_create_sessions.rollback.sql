-- What: drops pulsex.sessions.
-- Why: undoes 0009.

DROP TABLE pulsex.sessions;
