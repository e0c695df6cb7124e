-- Seed: 12 shows that were run in 2024 (results in 11_competition_results.sql) and 8 open
-- shows scheduled in 2030.
INSERT INTO equoria.shows
       (name, discipline, level_min, level_max, entry_fee, prize, luck_max, run_date,
        completed_at, created_at, updated_at)
SELECT s.name, s.discipline, s.level_min, s.level_max, s.entry_fee, s.prize, s.luck_max,
       s.run_date,
       CASE WHEN s.run_date < timestamptz '2025-01-01 00:00:00+00' THEN s.run_date + interval '3 hours' END,
       s.run_date - interval '30 days',
       s.run_date - interval '30 days'
  FROM (VALUES
    ('Spring Classic Dressage',       'Dressage',         1,  4,  50, 1000, 10.0, timestamptz '2024-04-06 10:00:00+00'),
    ('Meadowlands Derby',             'Racing',           3,  7, 120, 3000, 15.0, timestamptz '2024-05-11 13:00:00+00'),
    ('Oakridge Jumping Open',         'Show Jumping',     1, 10,  80, 2000, 10.0, timestamptz '2024-05-25 09:00:00+00'),
    ('Highland Cross Country Trial',  'Cross Country',    2,  6,  60, 1200, 12.0, timestamptz '2024-06-15 08:30:00+00'),
    ('Summer Hunter Series',          'Hunter',           1,  5,  40,  800,  8.0, timestamptz '2024-07-06 09:00:00+00'),
    ('Desert Endurance Ride',         'Endurance',        1, 10,  70, 1500, 20.0, timestamptz '2024-07-27 06:00:00+00'),
    ('Autumn Grand Prix Dressage',    'Dressage',         5, 10, 200, 5000,  5.0, timestamptz '2024-09-14 11:00:00+00'),
    ('Harvest Cup Racing',            'Racing',           1,  4,  30,  600, 15.0, timestamptz '2024-10-05 14:00:00+00'),
    ('Western Pleasure Futurity',     'Western Pleasure', 1,  6,  50,  900, 10.0, timestamptz '2024-10-19 10:00:00+00'),
    ('Reining Masters',               'Reining',          4, 10, 150, 3500, 10.0, timestamptz '2024-11-09 12:00:00+00'),
    ('Barrel Blitz',                  'Barrel Racing',    1, 10,  35,  700, 25.0, timestamptz '2024-11-23 15:00:00+00'),
    ('Winter Indoor Jumping',         'Show Jumping',     3,  8, 100, 2500, 10.0, timestamptz '2024-12-14 10:00:00+00'),
    ('Spring Classic Dressage 2030',  'Dressage',         1,  4,  50, 1000, 10.0, timestamptz '2030-04-06 10:00:00+00'),
    ('Meadowlands Derby 2030',        'Racing',           3,  7, 120, 3000, 15.0, timestamptz '2030-05-11 13:00:00+00'),
    ('Coastal Eventing Challenge',    'Eventing',         1, 10,  90, 2200, 10.0, timestamptz '2030-06-08 09:00:00+00'),
    ('Polo Cup',                      'Polo',             2,  8, 110, 2600, 10.0, timestamptz '2030-06-22 15:00:00+00'),
    ('Junior Show Jumping',           'Show Jumping',     1,  3,  25,  400, 10.0, timestamptz '2030-07-06 09:00:00+00'),
    ('Steeplechase Stakes',           'Steeplechase',     4, 10, 160, 4000, 15.0, timestamptz '2030-08-17 13:30:00+00'),
    ('Gymkhana Fun Day',              'Gymkhana',         1, 10,  10,  200, 30.0, timestamptz '2030-09-07 10:00:00+00'),
    ('Combined Driving Championship', 'Combined Driving', 3, 10, 140, 3200, 10.0, timestamptz '2030-10-12 09:00:00+00')
  ) AS s (name, discipline, level_min, level_max, entry_fee, prize, luck_max, run_date)
 ORDER BY s.run_date;
