-- What: drops gamification.user_badges and gamification.badges (undoes V028).
-- Why:  nothing else references them.

DROP TABLE gamification.user_badges;
DROP TABLE gamification.badges;
