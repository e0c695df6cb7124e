-- What: creates the daily partitions of check_ins and events for the documented seed range
--       (2024-03-04 to 2024-03-17, two weeks, UTC) and from yesterday to 7 days ahead.
-- Why: the database must accept today's rows as soon as it is migrated, and the development
--      seed (seed-data/worldvibe, fixed dates so that it is deterministic) must land in real
--      partitions, not in the default one. The days in between are not created (hundreds of
--      empty partitions would only slow planning); retention drops the seed days at the first
--      maintenance run of a production database. Later days are the daily job's work
--      (CALL worldvibe.run_maintenance()).

SELECT count(*) AS created FROM worldvibe.create_partitions('worldvibe.check_ins', DATE '2024-03-04', DATE '2024-03-17');
SELECT count(*) AS created FROM worldvibe.create_partitions('worldvibe.events', DATE '2024-03-04', DATE '2024-03-17');
SELECT count(*) AS created FROM worldvibe.create_partitions_ahead('worldvibe.check_ins', 7);
SELECT count(*) AS created FROM worldvibe.create_partitions_ahead('worldvibe.events', 7);
