-- What: drops gamification.weekly_points and gamification.point_balances (undoes V027).
-- Why:  nothing references them.

DROP TABLE gamification.weekly_points;
DROP TABLE gamification.point_balances;
