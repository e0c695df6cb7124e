-- What: drops gamification.levels (undoes V025).
-- Why:  nothing references it.

DROP TABLE gamification.levels;
