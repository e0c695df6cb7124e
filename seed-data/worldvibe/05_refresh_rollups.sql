-- Seed: computes the rollups of the seed range (idempotent, also after `runner seed --replace`,
-- whose TRUNCATE leaves no invalidations behind) and drains the invalidation log the inserts
-- above filled, so that the views show the seed at once and health() reports no backlog.

SELECT worldvibe.refresh_rollups('2024-03-04 00:00:00+00', '2024-03-18 00:00:00+00') AS hours_refreshed;
SELECT worldvibe.refresh_invalidated_rollups() AS hours_refreshed_from_log;
