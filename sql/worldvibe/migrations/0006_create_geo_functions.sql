-- What: creates the pure geography helpers the check-in table is built on:
--         worldvibe.snap_location(geography)    the point snapped to the 0.1 degree grid
--         worldvibe.is_on_grid(geography)       true when a point is exactly on that grid
--         worldvibe.region_cell_of(geography)   {lon, lat} of the 1 degree region cell (south-west corner)
--         worldvibe.region_hash_of(geography)   opaque 32-hex key of that region cell
--         worldvibe.region_center_of(geography) centre point of that region cell
--         worldvibe.region_bounds_of(geography) the region cell as a polygon (for maps)
-- Why: privacy by coarseness. No stored location is more precise than 0.1 degree (about 11 km
--      north-south); a CHECK constraint on check_ins uses is_on_grid() and a generated column
--      uses region_hash_of(), so these are IMMUTABLE and live in a versioned migration (a
--      repeatable file could change them under existing rows). Regions are 1 degree cells
--      (about 111 km north-south); their hash is an opaque, fixed-length grouping key, not a
--      secret: the cell is public knowledge, privacy comes from coarseness and k-anonymity.
--      Each is one SQL expression (no FROM, no SET clause, not STRICT where the body has CASE,
--      AND or ARRAY) so that the planner inlines it: they run for every inserted row (CHECK,
--      generated column, trigger), and a non-inlined SQL function costs about 100 us a call.
--      Fully schema-qualified. Executable by PUBLIC on purpose: constraint and generated-column
--      expressions are evaluated with the privileges of whoever inserts.

CREATE FUNCTION worldvibe.snap_location(p_location public.geography)
RETURNS public.geography
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
AS $$
    -- round(x * 10) / 10 rather than ST_SnapToGrid's rint(x / 0.1) * 0.1: the same node, but the
    -- nearest double to the decimal (48.9, not 48.900000000000006), so GeoJSON and text read well
    SELECT public.geography(public.ST_SetSRID(
               public.ST_MakePoint(round(public.ST_X(public.geometry(p_location)) * 10) / 10,
                                   round(public.ST_Y(public.geometry(p_location)) * 10) / 10), 4326))
$$;

CREATE FUNCTION worldvibe.is_on_grid(p_location public.geography)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT public.ST_X(public.geometry(p_location)) = round(public.ST_X(public.geometry(p_location)) * 10) / 10
       AND public.ST_Y(public.geometry(p_location)) = round(public.ST_Y(public.geometry(p_location)) * 10) / 10
$$;

CREATE FUNCTION worldvibe.region_cell_of(p_location public.geography)
RETURNS integer[]
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    -- whole tenths of a degree first (exact integers), then the 1 degree cell; longitude 180 is
    -- the same cell as -180, latitude 90 belongs to the cell 89..90
    SELECT ARRAY[CASE WHEN round(public.ST_X(public.geometry(p_location)) * 10) >= 1800 THEN -180
                      ELSE floor(round(public.ST_X(public.geometry(p_location)) * 10) / 10)::integer END,
                 least(floor(round(public.ST_Y(public.geometry(p_location)) * 10) / 10)::integer, 89)]
$$;

CREATE FUNCTION worldvibe.region_hash_of(p_location public.geography)
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT left(encode(public.digest('worldvibe:region:1deg:' || (worldvibe.region_cell_of(p_location))[1]::text
                                     || ':' || (worldvibe.region_cell_of(p_location))[2]::text, 'sha256'), 'hex'), 32)
$$;

CREATE FUNCTION worldvibe.region_center_of(p_location public.geography)
RETURNS public.geography
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT public.geography(public.ST_SetSRID(public.ST_MakePoint((worldvibe.region_cell_of(p_location))[1] + 0.5,
                                                                  (worldvibe.region_cell_of(p_location))[2] + 0.5), 4326))
$$;

CREATE FUNCTION worldvibe.region_bounds_of(p_location public.geography)
RETURNS public.geometry
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT public.ST_MakeEnvelope((worldvibe.region_cell_of(p_location))[1], (worldvibe.region_cell_of(p_location))[2],
                                  (worldvibe.region_cell_of(p_location))[1] + 1, (worldvibe.region_cell_of(p_location))[2] + 1,
                                  4326)
$$;

ALTER FUNCTION worldvibe.snap_location(public.geography) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.is_on_grid(public.geography) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.region_cell_of(public.geography) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.region_hash_of(public.geography) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.region_center_of(public.geography) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.region_bounds_of(public.geography) OWNER TO worldvibe_owner;

COMMENT ON FUNCTION worldvibe.snap_location(public.geography) IS
    'The point moved to the nearest node of the 0.1 degree grid (coordinates rounded to one '
    'decimal). Idempotent: snapping a snapped point returns it unchanged.';
COMMENT ON FUNCTION worldvibe.is_on_grid(public.geography) IS
    'True when both coordinates are exactly a whole number of tenths of a degree, i.e. the point '
    'carries no finer position. '
    'Used by the CHECK constraint check_ins_location_on_grid.';
COMMENT ON FUNCTION worldvibe.region_cell_of(public.geography) IS
    'The 1 degree region cell containing the point, as {longitude, latitude} of its south-west corner.';
COMMENT ON FUNCTION worldvibe.region_hash_of(public.geography) IS
    'Opaque region key: the first 32 hex digits of SHA-256 over the 1 degree cell. Not a secret '
    '(the cell can be recovered by trying all 64,800 cells); a fixed-length grouping key.';
COMMENT ON FUNCTION worldvibe.region_center_of(public.geography) IS
    'Centre of the 1 degree region cell containing the point (what maps show for a region).';
COMMENT ON FUNCTION worldvibe.region_bounds_of(public.geography) IS
    'The 1 degree region cell containing the point, as a polygon (SRID 4326).';
