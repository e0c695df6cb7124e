-- What: creates worldvibe.daily_rollups, the same aggregates per UTC day (with the same
--       subtotals), built on top of the hourly rollups.
-- Why: long-term history (hourly rows expire after settings.hourly_rollup_retention_days, daily
--      rows are kept) and the region map. Counts and intensity sums are the sums of the day's
--      hourly rows; distinct contributors per day cannot be derived from hourly distinct counts,
--      so the refresh counts them from the raw rows of that day (see repeatable/40).

CREATE TABLE worldvibe.daily_rollups (
    day            date        NOT NULL,
    region_hash    text        REFERENCES worldvibe.regions (region_hash) ON DELETE RESTRICT,
    emotion        text        CHECK (emotion IN ('JOY', 'CALM', 'STRESS', 'SADNESS', 'ANTICIPATION',
                                                  'ANGER', 'FEAR', 'DISGUST', 'SURPRISE', 'TRUST')),
    check_in_count integer     NOT NULL CHECK (check_in_count > 0),
    subject_count  integer     NOT NULL CHECK (subject_count BETWEEN 1 AND check_in_count),
    intensity_sum  bigint      NOT NULL CHECK (intensity_sum BETWEEN check_in_count AND 10::bigint * check_in_count),
    refreshed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT daily_rollups_key UNIQUE NULLS NOT DISTINCT (day, region_hash, emotion)
);

ALTER TABLE worldvibe.daily_rollups OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.daily_rollups IS
    'Daily (UTC) aggregates of check-ins per region and emotion with subtotals (NULL = all), on '
    'top of hourly_rollups. Kept after the raw partitions are dropped. Contains groups smaller '
    'than k: only the owner reads it; the k-anonymous views are the interface.';
COMMENT ON COLUMN worldvibe.daily_rollups.day IS 'The UTC day.';
COMMENT ON COLUMN worldvibe.daily_rollups.region_hash IS 'Region of the group; NULL in the all-regions subtotals.';
COMMENT ON COLUMN worldvibe.daily_rollups.emotion IS 'Emotion of the group; NULL in the all-emotions subtotals.';
COMMENT ON COLUMN worldvibe.daily_rollups.subject_count IS 'Distinct contributors in the group over the whole day (from the raw rows).';
COMMENT ON COLUMN worldvibe.daily_rollups.intensity_sum IS 'Sum of intensities (sum of the hourly sums).';
COMMENT ON COLUMN worldvibe.daily_rollups.refreshed_at IS 'When the refresh that computed this row ran.';
