-- What: creates worldvibe.regions, the 1 degree region cells seen so far (hash, centre, bounds),
--       filled by the rollup refresh, with a GiST index on the centre.
-- Why: region_hash is an opaque key; maps need the cell's position. The refresh records each new
--      region once (ON CONFLICT DO NOTHING) instead of every check-in carrying it, and map views
--      join it. It holds no personal data: a cell is public geography.

CREATE TABLE worldvibe.regions (
    region_hash   text        PRIMARY KEY CHECK (region_hash ~ '^[0-9a-f]{32}$'),
    center        public.geography(Point, 4326)  NOT NULL,
    bounds        public.geometry(Polygon, 4326) NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX regions_center_gist ON worldvibe.regions USING gist (center);

ALTER TABLE worldvibe.regions OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.regions IS
    'The 1 degree region cells that have check-ins, recorded by the rollup refresh: the position '
    'behind each opaque region_hash, for maps. Public geography, no personal data.';
COMMENT ON COLUMN worldvibe.regions.center IS 'Centre of the cell (what a map marker shows).';
COMMENT ON COLUMN worldvibe.regions.bounds IS 'The cell as a polygon, SRID 4326 (for choropleth maps).';
COMMENT ON COLUMN worldvibe.regions.first_seen_at IS 'When a refresh first met a check-in in this region.';
