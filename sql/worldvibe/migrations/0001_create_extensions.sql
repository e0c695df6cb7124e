-- What: installs PostGIS (geography type, grid snapping) and pgcrypto (HMAC, digest,
--       gen_random_bytes) in schema public, if they are not installed yet.
-- Why: check-ins store a coarse geography point and keyed-hash identifiers. Both extensions go
--      to public rather than a dedicated schema: PostGIS cannot be relocated once installed and
--      resolves some of its own helpers (spatial_ref_sys, casts) through the search_path, which
--      our SECURITY DEFINER functions pin to pg_catalog; public is where Debian's packages,
--      PostGIS's documentation and other tooling expect it, and since PostgreSQL 15 ordinary
--      roles cannot create objects in public, so it is no search_path trap. Every call in this
--      schema is written schema-qualified (public.ST_MakePoint, public.hmac, ...).
--      The runner checks before anything runs that the server offers both extensions and names
--      the Debian package (postgresql-15-postgis-3) when one is missing.

CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
