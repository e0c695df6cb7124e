-- Seed: 300 foundation horses (no recorded parents), aged 3-24, spread over the 24 players.
-- Every value comes from md5 of a fixed label, so the data is the same on every load:
--   - genetics: two alleles per gene drawn from equoria.gene_alleles, the higher-ranked
--     one stored as dominant;
--   - discipline_scores: each discipline with probability ~16% (~35% for Racing,
--     Dressage, Show Jumping and Cross Country), score 0-100;
--   - epigenetic_modifiers: discovered positive/negative traits and hidden ones, each
--     trait in at most one list.
-- Every tenth horse is unstabled; the others stand in their owner's first stable.
INSERT INTO equoria.horses
       (name, age, gender, breed_id, owner_id, stable_id, genetics, discipline_scores,
        epigenetic_modifiers, bond_score, stress_level, development_stage, created_at, updated_at)
SELECT (ARRAY['Midnight', 'Silver', 'Golden', 'Storm', 'Desert', 'Royal', 'Lucky', 'Wild',
              'Northern', 'Velvet', 'Copper', 'Shadow', 'Autumn', 'Crimson', 'Misty',
              'Thunder', 'Dancing', 'Brave'])[1 + n % 18]
       || ' ' ||
       (ARRAY['Star', 'Arrow', 'Dream', 'Comet', 'Whisper', 'Legend', 'Spirit', 'Blaze',
              'Breeze', 'Echo', 'Flame', 'Rose', 'Knight', 'Melody', 'River', 'Sky',
              'Dancer'])[1 + (n / 18) % 17],
       3 + get_byte(r.b, 0) % 22,
       CASE WHEN get_byte(r.b, 1) < 77 THEN 'stallion'
            WHEN get_byte(r.b, 1) < 190 THEN 'mare'
            ELSE 'gelding' END,
       (SELECT b.id FROM equoria.breeds b ORDER BY b.id OFFSET get_byte(r.b, 2) % 12 LIMIT 1),
       o.owner_id,
       CASE WHEN n % 10 = 0 THEN NULL
            ELSE (SELECT s.id FROM equoria.stables s WHERE s.owner_id = o.owner_id ORDER BY s.id LIMIT 1) END,
       gen.genetics,
       coalesce(sc.scores, '{}'::jsonb),
       tr.modifiers,
       40 + get_byte(r.b, 3) % 51,
       10 + get_byte(r.b, 4) % 51,
       'adult',
       timestamptz '2024-02-01 08:00:00+00' + n * interval '1 hour',
       timestamptz '2024-02-01 08:00:00+00' + n * interval '1 hour'
  FROM generate_series(1, 300) AS n
 CROSS JOIN LATERAL (SELECT decode(md5('equoria-seed-horse-' || n), 'hex') AS b) AS r
 CROSS JOIN LATERAL (SELECT md5('equoria-seed-user-' || (1 + (n - 1) % 24))::uuid AS owner_id) AS o
 CROSS JOIN LATERAL (
       SELECT jsonb_build_object(
                'dominant_alleles',
                jsonb_object_agg(g.name, CASE WHEN a1.dominance_rank >= a2.dominance_rank THEN a1.allele ELSE a2.allele END),
                'recessive_alleles',
                jsonb_object_agg(g.name, CASE WHEN a1.dominance_rank >= a2.dominance_rank THEN a2.allele ELSE a1.allele END),
                'inheritance_patterns',
                jsonb_object_agg(g.name, g.inheritance_pattern)) AS genetics
         FROM equoria.genes g
        CROSS JOIN LATERAL (SELECT a.allele, a.dominance_rank FROM equoria.gene_alleles a
                             WHERE a.gene = g.name
                             ORDER BY md5(n || '/' || g.name || '/1/' || a.allele) LIMIT 1) AS a1
        CROSS JOIN LATERAL (SELECT a.allele, a.dominance_rank FROM equoria.gene_alleles a
                             WHERE a.gene = g.name
                             ORDER BY md5(n || '/' || g.name || '/2/' || a.allele) LIMIT 1) AS a2) AS gen
 CROSS JOIN LATERAL (
       SELECT jsonb_object_agg(d.name, get_byte(decode(md5(n || '/score/' || d.name), 'hex'), 1) % 101) AS scores
         FROM equoria.disciplines d
        WHERE get_byte(decode(md5(n || '/score/' || d.name), 'hex'), 0)
              < CASE WHEN d.name IN ('Racing', 'Dressage', 'Show Jumping', 'Cross Country') THEN 90 ELSE 40 END) AS sc
 CROSS JOIN LATERAL (
       SELECT jsonb_build_object(
                'positive', coalesce(jsonb_agg(t.name ORDER BY t.name) FILTER (WHERE t.list = 'positive'), '[]'::jsonb),
                'negative', coalesce(jsonb_agg(t.name ORDER BY t.name) FILTER (WHERE t.list = 'negative'), '[]'::jsonb),
                'hidden',   coalesce(jsonb_agg(t.name ORDER BY t.name) FILTER (WHERE t.list = 'hidden'), '[]'::jsonb)) AS modifiers
         FROM (SELECT x.name,
                      CASE WHEN x.polarity = 'positive' AND x.roll < 45 THEN 'positive'
                           WHEN x.polarity = 'negative' AND x.roll < 35 THEN 'negative'
                           WHEN x.roll BETWEEN 200 AND 239 THEN 'hidden' END AS list
                 FROM (SELECT tt.name, tt.polarity,
                              get_byte(decode(md5(n || '/trait/' || tt.name), 'hex'), 0) AS roll
                         FROM equoria.traits tt) AS x) AS t) AS tr
 ORDER BY n;
