-- What: drops the leaderboard functions and views (undoes R__75_views_leaderboards.sql).
-- Why:  nothing depends on them.

DROP FUNCTION gamification.top_learners_of_week(date, integer);
DROP FUNCTION gamification.top_learners(integer);
DROP VIEW gamification.leaderboard_weekly;
DROP VIEW gamification.leaderboard_all_time;
