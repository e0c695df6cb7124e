-- What: drops gamification.user_achievements and gamification.achievements (undoes V029).
-- Why:  nothing else references them.

DROP TABLE gamification.user_achievements;
DROP TABLE gamification.achievements;
