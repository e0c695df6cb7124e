-- Seed: 36 foals (horses younger than 3 with a sire and a dam from the foundation stock).
-- Foal k (1-36) has dam = the k-th mare aged 3-20 (by id) and a stallion aged 3-20 picked
-- by md5; it belongs to the dam's owner and stands in the dam's stable. Age is k % 3;
-- age-0 foals with an even k are still 'newborn' and have done (k % 7) enrichment days,
-- all others finished the 7-day program. The activity of day d is
--   (enrichment activities by code)[1 + get_byte(md5('equoria-seed-foal-' || k || '/day/' || d), 0) % 8]
-- (06 and 07 use the same formula), bond and stress are 50 and 30 plus those activities'
-- impacts (never clamped: 7 days cannot leave 0-100), and one inherited hidden trait per
-- milestone reached has been discovered.
-- Genetics: each parent passes one of its two alleles, chosen by md5; the pair is ordered
-- by dominance rank, as equoria.breed_horses() does.
INSERT INTO equoria.horses
       (name, age, gender, breed_id, owner_id, stable_id, sire_id, dam_id, genetics,
        discipline_scores, epigenetic_modifiers, bond_score, stress_level, development_stage,
        created_at, updated_at)
SELECT (ARRAY['Little', 'Tiny', 'Sweet', 'Young', 'Bright', 'Happy'])[1 + k % 6] || ' '
         || split_part(dam.name, ' ', 2),
       pl.age,
       CASE WHEN get_byte(decode(md5('equoria-seed-foal-' || k), 'hex'), 0) < 128 THEN 'colt' ELSE 'filly' END,
       CASE WHEN sire.breed_id = dam.breed_id THEN sire.breed_id ELSE dam.breed_id END,
       dam.owner_id,
       dam.stable_id,
       sire.id,
       dam.id,
       gen.genetics,
       '{}'::jsonb,
       tr.modifiers,
       50 + act.bond,
       30 + act.stress,
       pl.stage,
       timestamptz '2024-06-01 06:00:00+00' + k * interval '1 hour',
       timestamptz '2024-06-01 06:00:00+00' + k * interval '1 hour'
  FROM generate_series(1, 36) AS k
 CROSS JOIN LATERAL (
       SELECT k % 3 AS age,
              CASE WHEN k % 3 = 1 THEN 'yearling'
                   WHEN k % 3 = 2 THEN 'two_year_old'
                   WHEN k % 2 = 0 THEN 'newborn'
                   ELSE 'weanling' END AS stage,
              CASE WHEN k % 3 = 0 AND k % 2 = 0 THEN k % 7 ELSE 7 END AS days_done) AS pl
 CROSS JOIN LATERAL (
       SELECT h.* FROM equoria.horses h
        WHERE h.gender = 'mare' AND h.age BETWEEN 3 AND 20 AND h.sire_id IS NULL
        ORDER BY h.id OFFSET k - 1 LIMIT 1) AS dam
 CROSS JOIN LATERAL (
       SELECT h.* FROM equoria.horses h
        WHERE h.gender = 'stallion' AND h.age BETWEEN 3 AND 20 AND h.sire_id IS NULL
        ORDER BY h.id
       OFFSET get_byte(decode(md5('equoria-seed-foal-' || k || '/sire'), 'hex'), 0) % 40 LIMIT 1) AS sire
 CROSS JOIN LATERAL (
       SELECT coalesce(sum(a.bonding_impact), 0)::integer AS bond,
              coalesce(sum(a.stress_impact), 0)::integer AS stress
         FROM generate_series(1, pl.days_done) AS d
         JOIN LATERAL (SELECT ea.* FROM equoria.enrichment_activities ea ORDER BY ea.code
                        OFFSET get_byte(decode(md5('equoria-seed-foal-' || k || '/day/' || d), 'hex'), 0) % 8
                        LIMIT 1) AS a ON true) AS act
 CROSS JOIN LATERAL (
       SELECT jsonb_build_object(
                'dominant_alleles',
                jsonb_object_agg(g.name, CASE WHEN sa.dominance_rank >= da.dominance_rank THEN sa.allele ELSE da.allele END),
                'recessive_alleles',
                jsonb_object_agg(g.name, CASE WHEN sa.dominance_rank >= da.dominance_rank THEN da.allele ELSE sa.allele END),
                'inheritance_patterns',
                jsonb_object_agg(g.name, g.inheritance_pattern)) AS genetics
         FROM equoria.genes g
         JOIN equoria.gene_alleles sa
           ON sa.gene = g.name
          AND sa.allele = sire.genetics
                -> (CASE WHEN get_byte(decode(md5('equoria-seed-foal-' || k || '/sire/' || g.name), 'hex'), 0) < 128
                         THEN 'dominant_alleles' ELSE 'recessive_alleles' END) ->> g.name
         JOIN equoria.gene_alleles da
           ON da.gene = g.name
          AND da.allele = dam.genetics
                -> (CASE WHEN get_byte(decode(md5('equoria-seed-foal-' || k || '/dam/' || g.name), 'hex'), 0) < 128
                         THEN 'dominant_alleles' ELSE 'recessive_alleles' END) ->> g.name) AS gen
 CROSS JOIN LATERAL (
       SELECT jsonb_build_object(
                'positive', coalesce(jsonb_agg(i.trait ORDER BY i.trait)
                                     FILTER (WHERE i.rn <= ms.reached AND i.polarity = 'positive'), '[]'::jsonb),
                'negative', coalesce(jsonb_agg(i.trait ORDER BY i.trait)
                                     FILTER (WHERE i.rn <= ms.reached AND i.polarity = 'negative'), '[]'::jsonb),
                'hidden',   coalesce(jsonb_agg(i.trait ORDER BY i.trait)
                                     FILTER (WHERE i.rn > ms.reached), '[]'::jsonb)) AS modifiers
         FROM (SELECT count(*) AS reached FROM equoria.development_milestones m
                WHERE m.program_day <= pl.days_done) AS ms
         LEFT JOIN (
               SELECT u.trait, t.polarity, row_number() OVER (ORDER BY u.trait) AS rn
                 FROM (SELECT DISTINCT e.trait
                         FROM (VALUES (sire.epigenetic_modifiers), (dam.epigenetic_modifiers)) AS p (em)
                        CROSS JOIN LATERAL (
                              SELECT jsonb_array_elements_text(p.em -> 'positive')
                              UNION ALL SELECT jsonb_array_elements_text(p.em -> 'negative')
                              UNION ALL SELECT jsonb_array_elements_text(p.em -> 'hidden')) AS e (trait)
                        WHERE get_byte(decode(md5('equoria-seed-foal-' || k || '/trait/' || e.trait), 'hex'), 0) < 128
                      ) AS u
                 JOIN equoria.traits t ON t.name = u.trait) AS i ON true) AS tr
 ORDER BY k;
