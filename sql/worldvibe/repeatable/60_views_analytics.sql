-- What: the k-anonymous views, the only interface of analytics and public dashboards:
--         worldvibe.v_hourly_emotions     hourly groups (region x emotion, and the subtotals)
--         worldvibe.v_daily_emotions      daily groups (same levels)
--         worldvibe.v_region_map          per UTC day and region: position, counts, mood, GeoJSON
--         worldvibe.v_dashboard_last_24h  last 24 hours, per hour and emotion, all regions
--       worldvibe_analytics reads all four, worldvibe_dashboard the last two.
-- Why: k-anonymity. A group (hour or day x region x emotion, or a subtotal) is shown only when
--      at least k distinct contributors (subject hashes) are in it, k = settings.k_anonymity
--      (default 5, read from a table the readers cannot change, as a scalar subquery: evaluated
--      once per query, and it keeps the planner's row estimates independent of that table). This holds at every level,
--      including the map: a region with k-1 contributors on a day does not appear at all, and
--      its dominant emotion is chosen among the region's emotion groups that are themselves
--      shown. The views run as their owner (worldvibe_owner); the readers have no privilege on
--      the rollup tables underneath. security_barrier keeps a reader's own functions in WHERE
--      from being evaluated on the hidden rows before the k filter (a leak through side
--      effects). Each view is dropped and created again (not CREATE OR REPLACE) so that a change
--      of its columns re-applies too; nothing depends on them and the grants follow below.
--      Known limit, see README: k-anonymity is per published group; subtracting one
--      published number from another can reveal the sum of the suppressed groups.

DROP VIEW IF EXISTS worldvibe.v_hourly_emotions;
CREATE VIEW worldvibe.v_hourly_emotions
WITH (security_barrier = true) AS
SELECT r.bucket,
       r.region_hash,
       r.emotion,
       r.check_in_count,
       r.subject_count AS contributor_count,
       round(r.intensity_sum::numeric / r.check_in_count, 2) AS avg_intensity
  FROM worldvibe.hourly_rollups AS r
 WHERE r.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s);

COMMENT ON VIEW worldvibe.v_hourly_emotions IS
    'k-anonymous hourly check-in statistics: per UTC hour, region and emotion, plus subtotals '
    '(region_hash NULL = all regions, emotion NULL = all emotions). Only groups with at least k '
    'distinct contributors appear (settings.k_anonymity). Refreshed by the rollup job.';
COMMENT ON COLUMN worldvibe.v_hourly_emotions.contributor_count IS 'Distinct contributors in the group (always >= k).';

DROP VIEW IF EXISTS worldvibe.v_daily_emotions;
CREATE VIEW worldvibe.v_daily_emotions
WITH (security_barrier = true) AS
SELECT r.day,
       r.region_hash,
       r.emotion,
       r.check_in_count,
       r.subject_count AS contributor_count,
       round(r.intensity_sum::numeric / r.check_in_count, 2) AS avg_intensity
  FROM worldvibe.daily_rollups AS r
 WHERE r.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s);

COMMENT ON VIEW worldvibe.v_daily_emotions IS
    'k-anonymous daily (UTC) check-in statistics per region and emotion, plus subtotals (NULL = '
    'all). Only groups with at least k distinct contributors appear. Kept beyond raw retention.';
COMMENT ON COLUMN worldvibe.v_daily_emotions.contributor_count IS 'Distinct contributors in the group over the day (always >= k).';

DROP VIEW IF EXISTS worldvibe.v_region_map;
CREATE VIEW worldvibe.v_region_map
WITH (security_barrier = true) AS
SELECT t.day,
       t.region_hash,
       g.center,
       public.ST_AsGeoJSON(g.center)::jsonb AS center_geojson,
       public.ST_AsGeoJSON(g.bounds)::jsonb AS bounds_geojson,
       t.check_in_count,
       t.subject_count AS contributor_count,
       round(t.intensity_sum::numeric / t.check_in_count, 2) AS avg_intensity,
       dom.emotion AS dominant_emotion
  FROM worldvibe.daily_rollups AS t
  JOIN worldvibe.regions AS g ON g.region_hash = t.region_hash
  LEFT JOIN LATERAL (
      SELECT e.emotion
        FROM worldvibe.daily_rollups AS e
       WHERE e.day = t.day AND e.region_hash = t.region_hash AND e.emotion IS NOT NULL
         AND e.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s)
       ORDER BY e.check_in_count DESC, e.emotion
       LIMIT 1) AS dom ON true
 WHERE t.region_hash IS NOT NULL AND t.emotion IS NULL
   AND t.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s);

COMMENT ON VIEW worldvibe.v_region_map IS
    'k-anonymous map: per UTC day and 1 degree region with at least k distinct contributors, the '
    'cell centre and bounds (geography and GeoJSON), check-ins, contributors, average intensity '
    'and the most frequent emotion among the region''s emotion groups that are themselves shown '
    '(NULL when none is). A region with fewer than k contributors on a day is absent.';
COMMENT ON COLUMN worldvibe.v_region_map.dominant_emotion IS
    'Most frequent emotion among the region''s k-anonymous emotion groups of the day; NULL if none reaches k.';

DROP VIEW IF EXISTS worldvibe.v_dashboard_last_24h;
CREATE VIEW worldvibe.v_dashboard_last_24h
WITH (security_barrier = true) AS
SELECT r.bucket,
       r.emotion,
       r.check_in_count,
       r.subject_count AS contributor_count,
       round(r.intensity_sum::numeric / r.check_in_count, 2) AS avg_intensity,
       round(r.check_in_count::numeric / tot.check_in_count, 4) AS share_of_hour
  FROM worldvibe.hourly_rollups AS r
  LEFT JOIN worldvibe.hourly_rollups AS tot
         ON tot.bucket = r.bucket AND tot.region_hash IS NULL AND tot.emotion IS NULL
        AND tot.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s)
 WHERE r.region_hash IS NULL AND r.emotion IS NOT NULL
   AND r.subject_count >= (SELECT s.k_anonymity FROM worldvibe.settings AS s)
   AND r.bucket >= date_bin('1 hour', now(), '2000-01-01 00:00:00+00') - interval '23 hours';

COMMENT ON VIEW worldvibe.v_dashboard_last_24h IS
    'k-anonymous live dashboard: the last 24 UTC hours (current hour included), per hour and '
    'emotion over all regions, with the emotion''s share of the hour''s check-ins. Only groups '
    'with at least k distinct contributors appear.';
COMMENT ON COLUMN worldvibe.v_dashboard_last_24h.share_of_hour IS
    'check_in_count / all check-ins of that hour (NULL if the hour''s total itself has fewer than k contributors).';

ALTER VIEW worldvibe.v_hourly_emotions OWNER TO worldvibe_owner;
ALTER VIEW worldvibe.v_daily_emotions OWNER TO worldvibe_owner;
ALTER VIEW worldvibe.v_region_map OWNER TO worldvibe_owner;
ALTER VIEW worldvibe.v_dashboard_last_24h OWNER TO worldvibe_owner;

GRANT SELECT ON worldvibe.v_hourly_emotions, worldvibe.v_daily_emotions,
                worldvibe.v_region_map, worldvibe.v_dashboard_last_24h TO worldvibe_analytics;
GRANT SELECT ON worldvibe.v_region_map, worldvibe.v_dashboard_last_24h TO worldvibe_dashboard;
