-- What: creates the schema worldvibe.
-- Why: every object of the WorldVibe database lives here and is referenced schema-qualified;
--      nothing is created in public except the extensions of 0001.

CREATE SCHEMA worldvibe;

COMMENT ON SCHEMA worldvibe IS
    'WorldVibe: privacy-preserving emotional check-ins (daily partitioned time series with coarse '
    'PostGIS locations), sessions and events, incremental hourly/daily rollups, k-anonymous '
    'analytics views, consents, rate limits and health. See sql/worldvibe/README.md.';
