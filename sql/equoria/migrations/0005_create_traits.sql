-- What: creates equoria.traits, the catalog of epigenetic traits with their polarity, and
--       fills it.
-- Why:  horses.epigenetic_modifiers lists traits under "positive", "negative" and "hidden";
--       the catalog says which list a discovered hidden trait moves to, and lets a trigger
--       reject unknown or misfiled trait names.

CREATE TABLE equoria.traits (
  name        text PRIMARY KEY
              CONSTRAINT traits_name_format CHECK (name ~ '^[a-z][a-z_]{1,39}$'),
  polarity    text NOT NULL
              CONSTRAINT traits_polarity_valid CHECK (polarity IN ('positive', 'negative')),
  description text NOT NULL DEFAULT ''
);

COMMENT ON TABLE equoria.traits IS
  'Epigenetic traits. A trait is filed under its polarity once discovered, under "hidden" before.';
COMMENT ON COLUMN equoria.traits.polarity IS
  'positive or negative: the list of horses.epigenetic_modifiers the trait belongs to once discovered.';

INSERT INTO equoria.traits (name, polarity, description) VALUES
  ('resilient',          'positive', 'Recovers quickly from stress'),
  ('bold',               'positive', 'Faces new obstacles without hesitation'),
  ('intelligent',        'positive', 'Learns faster in training (+1 score per session)'),
  ('athletic',           'positive', 'Naturally strong and supple'),
  ('calm',               'positive', 'Keeps its head in busy show grounds'),
  ('trainability_boost', 'positive', 'Responds unusually well to training (+1 score per session)'),
  ('social',             'positive', 'Bonds easily with people and herd mates'),
  ('curious',            'positive', 'Explores and accepts new things'),
  ('nervous',            'negative', 'Spooks easily'),
  ('stubborn',           'negative', 'Resists training (-1 score per session)'),
  ('fragile',            'negative', 'Prone to minor injuries'),
  ('lazy',               'negative', 'Puts in little effort (-1 score per session)'),
  ('aggressive',         'negative', 'Kicks or bites when crowded'),
  ('insecure',           'negative', 'Needs company to settle');

GRANT SELECT ON equoria.traits TO equoria_app, equoria_admin, equoria_engine;
