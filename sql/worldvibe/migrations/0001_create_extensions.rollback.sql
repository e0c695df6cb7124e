-- What: undoes 0001: drops pgcrypto and PostGIS.
-- Why: whether 0001 created them or found them installed cannot be known afterwards; this
--      project owns its database, so the rollback drops them. No CASCADE: if anything outside
--      this project still uses them (a geometry column elsewhere), the rollback fails and says
--      what depends on them instead of destroying it.

DROP EXTENSION IF EXISTS pgcrypto;
DROP EXTENSION IF EXISTS postgis;
