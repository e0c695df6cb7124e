-- What: creates equoria.disciplines, the catalog of the 23 competition disciplines, and
--       fills it.
-- Why:  discipline names are keys of horses.discipline_scores and are referenced by shows,
--       training logs and results; a catalog turns a typo ("Dresage") into an error
--       instead of a new, silently separate discipline.

CREATE TABLE equoria.disciplines (
  name        text PRIMARY KEY
              CONSTRAINT disciplines_name_format CHECK (name ~ '^[A-Z][A-Za-z ]{1,39}$'),
  description text NOT NULL DEFAULT ''
);

COMMENT ON TABLE equoria.disciplines IS
  'Competition disciplines. The name is also the key used in horses.discipline_scores.';
COMMENT ON COLUMN equoria.disciplines.name IS
  'Display name, used verbatim as the JSON key in horses.discipline_scores (e.g. "Show Jumping").';

INSERT INTO equoria.disciplines (name, description) VALUES
  ('Western Pleasure', 'Calm, collected western gaits on a loose rein'),
  ('Reining',          'Western pattern of spins, circles and sliding stops'),
  ('Cutting',          'Separating one cow from the herd and holding it'),
  ('Barrel Racing',    'Timed cloverleaf pattern around three barrels'),
  ('Roping',           'Calf and team roping against the clock'),
  ('Team Penning',     'Teams moving marked cattle into a pen'),
  ('Rodeo',            'Mixed rodeo events'),
  ('Hunter',           'Style and manners over fences'),
  ('Saddleseat',       'High-stepping English show gaits'),
  ('Endurance',        'Long-distance rides with veterinary checks'),
  ('Eventing',         'Dressage, cross country and show jumping combined'),
  ('Dressage',         'Precision, obedience and harmony on the flat'),
  ('Show Jumping',     'Clear rounds over coloured fences'),
  ('Vaulting',         'Gymnastics on a cantering horse'),
  ('Polo',             'Team ball game on horseback'),
  ('Cross Country',    'Solid obstacles over open country'),
  ('Combined Driving', 'Driven dressage, marathon and cones'),
  ('Fine Harness',     'Elegant driven show horses'),
  ('Gaited',           'Smooth four-beat gaits'),
  ('Gymkhana',         'Speed games and pattern races'),
  ('Steeplechase',     'Racing over fences'),
  ('Racing',           'Flat racing'),
  ('Harness Racing',   'Trotting and pacing races in harness');

GRANT SELECT ON equoria.disciplines TO equoria_app, equoria_admin, equoria_engine;
