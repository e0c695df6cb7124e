-- What: drops the leaderboard functions and the view pulseplus.leaderboard_ranking.
-- Why:  rollback of 30_fn_leaderboard.sql (the leaderboard table belongs to migration 0013).

DROP FUNCTION IF EXISTS pulseplus.season_leaderboard(uuid, integer);
DROP FUNCTION IF EXISTS pulseplus.competition_leaderboard(uuid, integer);
DROP VIEW IF EXISTS pulseplus.leaderboard_ranking;
DROP FUNCTION IF EXISTS pulseplus.record_competition_score(uuid, uuid, bigint);
