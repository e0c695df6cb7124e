-- What: creates equoria.breeds.
-- Why:  every horse belongs to a breed (horses.breed_id); operators maintain the list.

CREATE TABLE equoria.breeds (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL
              CONSTRAINT breeds_name_unique UNIQUE
              CONSTRAINT breeds_name_length CHECK (length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE equoria.breeds IS 'Horse breeds, maintained by game operators.';

GRANT SELECT ON equoria.breeds TO equoria_app, equoria_engine;
GRANT SELECT, DELETE ON equoria.breeds TO equoria_admin;
GRANT INSERT (name, description), UPDATE (name, description) ON equoria.breeds TO equoria_admin;
