-- What: creates the equoria schema that holds every Equoria table, function and view.
-- Why:  all objects are schema-qualified so the database can share a cluster and a
--       search_path with other applications without name clashes.

CREATE SCHEMA equoria;

COMMENT ON SCHEMA equoria IS
  'Equoria horse breeding, training and competition game: tables, game rules and views.';
