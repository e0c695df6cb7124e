-- equoria.breed_horses(): the foal it creates (owner, stable, breed, stage, development
-- row), its genetics (one allele from each parent per gene, ordered by dominance, the
-- seed's three-part structure) and inherited hidden traits; and every refusal (same
-- horse, sexes, ages, parent and child, not the dam's owner, missing horse).
BEGIN;
SELECT plan(26);

INSERT INTO equoria.users (id, name, email) VALUES
  ('00000000-0000-4000-8000-0000000000e1', 'Breeder One', 'breeder.one@example.test'),
  ('00000000-0000-4000-8000-0000000000e2', 'Stud Owner',  'stud.owner@example.test');
INSERT INTO equoria.stables (owner_id, name) VALUES ('00000000-0000-4000-8000-0000000000e1', 'Breeding Barn');
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, stable_id, genetics, epigenetic_modifiers, development_stage)
SELECT v.name, v.age, v.gender,
       (SELECT id FROM equoria.breeds ORDER BY id OFFSET v.breed LIMIT 1),
       v.owner::uuid,
       CASE WHEN v.owner LIKE '%e1' THEN (SELECT id FROM equoria.stables WHERE name = 'Breeding Barn') END,
       v.genetics::jsonb, v.traits::jsonb, CASE WHEN v.age >= 3 THEN 'adult' ELSE 'two_year_old' END
  FROM (VALUES
    ('B Stud', 8, 'stallion', 1, '00000000-0000-4000-8000-0000000000e2',
     '{"dominant_alleles": {"coat_color": "bay", "markings": "none", "size": "large"},
       "recessive_alleles": {"coat_color": "chestnut", "markings": "star", "size": "small"},
       "inheritance_patterns": {"coat_color": "simple_dominant", "markings": "recessive", "size": "polygenic"}}',
     '{"positive": ["bold", "athletic"], "negative": ["nervous"], "hidden": ["calm"]}'),
    ('B Mare', 6, 'mare', 0, '00000000-0000-4000-8000-0000000000e1',
     '{"dominant_alleles": {"coat_color": "grey", "markings": "star", "size": "medium"},
       "recessive_alleles": {"coat_color": "black", "markings": "blaze", "size": "small"},
       "inheritance_patterns": {"coat_color": "simple_dominant", "markings": "recessive", "size": "polygenic"}}',
     '{"positive": ["intelligent"], "negative": [], "hidden": ["lazy"]}'),
    ('B Mare Two', 5, 'mare', 0, '00000000-0000-4000-8000-0000000000e1', NULL, NULL),
    ('B Young Mare', 2, 'mare', 0, '00000000-0000-4000-8000-0000000000e1', NULL, NULL),
    ('B Old Mare', 21, 'mare', 0, '00000000-0000-4000-8000-0000000000e1', NULL, NULL),
    ('B Gelding', 7, 'gelding', 0, '00000000-0000-4000-8000-0000000000e2', NULL, NULL),
    ('B Other Mare', 7, 'mare', 0, '00000000-0000-4000-8000-0000000000e2', NULL, NULL),
    ('B Old Stud', 21, 'stallion', 0, '00000000-0000-4000-8000-0000000000e2', NULL, NULL)
  ) AS v0 (name, age, gender, breed, owner, genetics, traits)
 CROSS JOIN LATERAL (SELECT v0.name, v0.age, v0.gender, v0.breed, v0.owner,
                            coalesce(v0.genetics, (SELECT genetics::text FROM equoria.horses ORDER BY id LIMIT 1)) AS genetics,
                            coalesce(v0.traits, '{"positive": [], "negative": [], "hidden": []}') AS traits) AS v;
-- A daughter of B Stud and a son of B Mare, both owned by player e1.
INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, sire_id, dam_id, genetics, development_stage)
SELECT v.name, 4, v.gender, (SELECT min(id) FROM equoria.breeds), '00000000-0000-4000-8000-0000000000e1',
       CASE WHEN v.name = 'B Daughter' THEN (SELECT id FROM equoria.horses WHERE name = 'B Stud') END,
       CASE WHEN v.name = 'B Son' THEN (SELECT id FROM equoria.horses WHERE name = 'B Mare') END,
       (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1), 'adult'
  FROM (VALUES ('B Daughter', 'mare'), ('B Son', 'stallion')) AS v (name, gender);
CREATE TEMP TABLE h AS SELECT name, id FROM equoria.horses WHERE name LIKE 'B %' AND owner_id::text LIKE '00000000-0000-4000-8000-0000000000e%';
GRANT SELECT ON h TO PUBLIC;

SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Mare'), 'Nobody'),
  '42501', 'no acting player', 'breeding needs equoria.user_id');

SELECT set_config('equoria.user_id', '00000000-0000-4000-8000-0000000000e1', true);

-- Happy path, as the API: player e1 breeds their mare to player e2's stallion.
SET LOCAL ROLE equoria_app;
CREATE TEMP TABLE foal AS
SELECT equoria.breed_horses((SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Mare'), 'B Foal') AS id;
RESET ROLE;
SELECT results_eq(
  $$SELECT f.name, f.age::integer, f.development_stage, f.gender IN ('colt', 'filly'), f.owner_id::text,
           f.stable_id = (SELECT id FROM equoria.stables WHERE name = 'Breeding Barn'),
           f.breed_id = (SELECT breed_id FROM equoria.horses WHERE name = 'B Mare'),
           f.sire_id = (SELECT id FROM h WHERE name = 'B Stud'), f.dam_id = (SELECT id FROM h WHERE name = 'B Mare'),
           f.discipline_scores, f.bond_score::integer, f.stress_level::integer
      FROM equoria.horses f WHERE f.id = (SELECT id FROM foal)$$,
  $$VALUES ('B Foal'::text, 0, 'newborn'::text, true, '00000000-0000-4000-8000-0000000000e1'::text, true, true, true, true, '{}'::jsonb, 50, 30)$$,
  'the foal is a newborn colt or filly of the dam''s owner, in the dam''s stable, of the dam''s breed');
SELECT results_eq($$SELECT current_day::integer, activities_completed, milestones_reached FROM equoria.foal_development WHERE foal_id = (SELECT id FROM foal)$$,
  $$VALUES (0, '[]'::jsonb, '[]'::jsonb)$$, 'the foal starts the enrichment program');
SELECT is((SELECT count(*)::integer FROM equoria.foals WHERE id = (SELECT id FROM foal)), 1, 'the foal is listed in the foals view');

-- Thirty more foals to check the genetics and traits rules on random outcomes.
DO $$
BEGIN
  FOR i IN 1..30 LOOP
    PERFORM equoria.breed_horses((SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Mare'), format('B Foal %s', i));
  END LOOP;
END
$$;
CREATE TEMP TABLE foals AS
SELECT f.* FROM equoria.horses f WHERE f.dam_id = (SELECT id FROM h WHERE name = 'B Mare') AND f.name LIKE 'B Foal%';
SELECT is((SELECT count(*)::integer FROM foals), 31, '31 foals bred');
SELECT is(
  (SELECT count(*)::integer FROM foals f CROSS JOIN equoria.genes g
    WHERE f.genetics -> 'inheritance_patterns' ->> g.name IS DISTINCT FROM g.inheritance_pattern),
  0, 'inheritance_patterns are copied from the gene catalog');
SELECT is(
  (SELECT count(*)::integer
     FROM foals f
    CROSS JOIN equoria.genes g
    CROSS JOIN LATERAL (SELECT f.genetics -> 'dominant_alleles' ->> g.name AS dom,
                               f.genetics -> 'recessive_alleles' ->> g.name AS rec) a
    CROSS JOIN LATERAL (SELECT ARRAY[s.genetics -> 'dominant_alleles' ->> g.name, s.genetics -> 'recessive_alleles' ->> g.name] AS sire_pair,
                               ARRAY[d.genetics -> 'dominant_alleles' ->> g.name, d.genetics -> 'recessive_alleles' ->> g.name] AS dam_pair
                          FROM equoria.horses s, equoria.horses d WHERE s.id = f.sire_id AND d.id = f.dam_id) p
    WHERE NOT ((a.dom = ANY (p.sire_pair) AND a.rec = ANY (p.dam_pair))
            OR (a.dom = ANY (p.dam_pair) AND a.rec = ANY (p.sire_pair)))),
  0, 'every gene has one allele from the sire and one from the dam');
SELECT is(
  (SELECT count(*)::integer FROM foals f CROSS JOIN equoria.genes g
     JOIN equoria.gene_alleles da ON da.gene = g.name AND da.allele = f.genetics -> 'dominant_alleles' ->> g.name
     JOIN equoria.gene_alleles ra ON ra.gene = g.name AND ra.allele = f.genetics -> 'recessive_alleles' ->> g.name
    WHERE da.dominance_rank < ra.dominance_rank),
  0, 'the higher-ranked allele is stored as dominant');
SELECT ok((SELECT count(DISTINCT genetics -> 'dominant_alleles' ->> 'coat_color') > 1 FROM foals),
  'segregation is random: different coat colours appear (grey 50%, bay 25%, black 25%)');
SELECT is(
  (SELECT count(*)::integer FROM foals f, jsonb_array_elements_text(f.epigenetic_modifiers -> 'hidden') t
    WHERE t NOT IN ('bold', 'athletic', 'nervous', 'calm', 'intelligent', 'lazy')),
  0, 'inherited traits come from the parents');
SELECT is(
  (SELECT count(*)::integer FROM foals f
    WHERE f.epigenetic_modifiers -> 'positive' <> '[]' OR f.epigenetic_modifiers -> 'negative' <> '[]'),
  0, 'a newborn''s traits are all hidden');
SELECT ok((SELECT count(DISTINCT gender) = 2 FROM foals), 'colts and fillies are born');
SELECT is(equoria.genetic_phenotype('{"dominant_alleles": {"coat_color": "bay", "markings": "none", "size": "large"},
                                      "recessive_alleles": {"coat_color": "chestnut", "markings": "star", "size": "small"},
                                      "inheritance_patterns": {"coat_color": "simple_dominant", "markings": "recessive", "size": "polygenic"}}'),
  '{"coat_color": "bay", "markings": "none", "size": "medium"}'::jsonb,
  'phenotype: dominant coat and markings; polygenic size is the mean (large + small = medium)');

-- Refusals.
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Mare'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'EQB01', format('a horse cannot be bred with itself (horse %s)', (SELECT id FROM h WHERE name = 'B Mare')),
  'a horse cannot be bred with itself (EQB01)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Mare Two'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'EQB02', NULL, 'two mares cannot breed (EQB02)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Gelding'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'EQB02', NULL, 'a gelding cannot sire (EQB02)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Son'), 'X'),
  'EQB02', NULL, 'a stallion cannot be the dam (EQB02)');
SELECT throws_like(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Gelding'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'invalid breeding pair: sire % is a gelding, dam % is a mare (need a stallion and a mare)', 'the sex refusal says why');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Young Mare'), 'X'),
  'EQB03', 'invalid breeding pair: sire is 8, dam is 2 years old (both must be 3 to 20)', 'a 2-year-old mare cannot breed (EQB03)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Old Mare'), 'X'),
  'EQB03', NULL, 'a 21-year-old mare cannot breed (EQB03)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Old Stud'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'EQB03', NULL, 'a 21-year-old stallion cannot breed (EQB03)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Daughter'), 'X'),
  'EQB04', format('invalid breeding pair: horses %s and %s are parent and child', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Daughter')),
  'a sire cannot breed his daughter (EQB04)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Son'), (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'EQB04', NULL, 'a son cannot breed his dam (EQB04)');
SELECT throws_ok(format('SELECT equoria.breed_horses(%s, %s, %L)', (SELECT id FROM h WHERE name = 'B Stud'), (SELECT id FROM h WHERE name = 'B Other Mare'), 'X'),
  '42501', format('dam %s is not owned by the acting player', (SELECT id FROM h WHERE name = 'B Other Mare')),
  'only the dam''s owner can breed her (42501)');
SELECT throws_ok(format('SELECT equoria.breed_horses(-1, %s, %L)', (SELECT id FROM h WHERE name = 'B Mare'), 'X'),
  'P0002', 'horse -1 does not exist', 'a missing sire is reported (P0002)');
SELECT is((SELECT count(*)::integer FROM equoria.horses WHERE name = 'X'), 0, 'refused breedings create no foal');

SELECT * FROM finish();
ROLLBACK;
