-- pgbench: the top 100 of the bench competition (rank() with ties, every tie at the cut-off
-- included), read as the API reads it.
BEGIN;
SET LOCAL ROLE pulseplus_app;
SELECT count(*) FROM pulseplus.competition_leaderboard(md5('bench:competition')::uuid, 100);
END;
