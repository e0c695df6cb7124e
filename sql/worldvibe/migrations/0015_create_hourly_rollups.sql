-- What: creates worldvibe.hourly_rollups: per UTC hour, region and emotion the number of
--       check-ins, of distinct contributors and the sum of intensities, plus the subtotals per
--       hour and region, per hour and emotion and per hour (NULL region / emotion = all).
-- Why: the replacement of the seed's hourly continuous aggregate. Maintained by the refresh
--      functions (repeatable/40), which recompute whole hours, so a refresh is idempotent. The
--      distinct-contributor count is what k-anonymity is judged on, and distinct counts cannot
--      be added up across groups: the subtotals are therefore computed from the raw rows
--      (GROUPING SETS) rather than summed from the finer rows. The average intensity is
--      intensity_sum / check_in_count (kept as a sum so that coarser levels can add it up).

CREATE TABLE worldvibe.hourly_rollups (
    bucket         timestamptz NOT NULL CHECK (bucket = date_bin('1 hour', bucket, '2000-01-01 00:00:00+00')),
    region_hash    text        REFERENCES worldvibe.regions (region_hash) ON DELETE RESTRICT,
    emotion        text        CHECK (emotion IN ('JOY', 'CALM', 'STRESS', 'SADNESS', 'ANTICIPATION',
                                                  'ANGER', 'FEAR', 'DISGUST', 'SURPRISE', 'TRUST')),
    check_in_count integer     NOT NULL CHECK (check_in_count > 0),
    subject_count  integer     NOT NULL CHECK (subject_count BETWEEN 1 AND check_in_count),
    intensity_sum  bigint      NOT NULL CHECK (intensity_sum BETWEEN check_in_count AND 10::bigint * check_in_count),
    refreshed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hourly_rollups_key UNIQUE NULLS NOT DISTINCT (bucket, region_hash, emotion)
);

ALTER TABLE worldvibe.hourly_rollups OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.hourly_rollups IS
    'Hourly aggregates of check-ins per region and emotion, with subtotals (NULL region_hash = all '
    'regions, NULL emotion = all emotions). Contains groups smaller than k: no role but the owner '
    'reads it; the k-anonymous views are the interface.';
COMMENT ON COLUMN worldvibe.hourly_rollups.bucket IS 'Start of the UTC hour.';
COMMENT ON COLUMN worldvibe.hourly_rollups.region_hash IS 'Region of the group; NULL in the all-regions subtotals.';
COMMENT ON COLUMN worldvibe.hourly_rollups.emotion IS 'Emotion of the group; NULL in the all-emotions subtotals.';
COMMENT ON COLUMN worldvibe.hourly_rollups.subject_count IS 'Distinct contributors (subject hashes) in the group: what k-anonymity is judged on.';
COMMENT ON COLUMN worldvibe.hourly_rollups.intensity_sum IS 'Sum of intensities; average = intensity_sum / check_in_count.';
COMMENT ON COLUMN worldvibe.hourly_rollups.refreshed_at IS 'When the refresh that computed this row ran.';
