-- What: drops gamification.streaks (undoes V030).
-- Why:  nothing references it.

DROP TABLE gamification.streaks;
