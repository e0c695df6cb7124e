-- Seed: horse breeds.
INSERT INTO equoria.breeds (name, description, created_at) VALUES
  ('Thoroughbred',     'Hot-blooded racing breed known for speed and spirit',           '2024-01-01 00:00:00+00'),
  ('Arabian',          'Ancient desert breed with great stamina and a dished face',      '2024-01-01 00:00:00+00'),
  ('Quarter Horse',    'Sprinter and ranch horse with a calm temperament',               '2024-01-01 00:00:00+00'),
  ('Andalusian',       'Iberian horse prized for collection and classical dressage',     '2024-01-01 00:00:00+00'),
  ('Friesian',         'Black Dutch breed with feathered legs and high knee action',     '2024-01-01 00:00:00+00'),
  ('Appaloosa',        'Spotted American breed bred by the Nez Perce',                   '2024-01-01 00:00:00+00'),
  ('Morgan',           'Compact, versatile American breed',                              '2024-01-01 00:00:00+00'),
  ('Hanoverian',       'German warmblood bred for dressage and show jumping',            '2024-01-01 00:00:00+00'),
  ('Standardbred',     'Harness racing breed that trots or paces',                       '2024-01-01 00:00:00+00'),
  ('Paint Horse',      'Stock-type horse with pinto colouring',                          '2024-01-01 00:00:00+00'),
  ('Mustang',          'Free-roaming horse of the American West, hardy and sure-footed', '2024-01-01 00:00:00+00'),
  ('Tennessee Walker', 'Gaited breed with the smooth running walk',                      '2024-01-01 00:00:00+00');
