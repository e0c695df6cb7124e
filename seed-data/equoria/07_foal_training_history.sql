-- Seed: one foal_training_history row per completed program day of the seeded foals,
-- matching 06_foal_development.sql.
INSERT INTO equoria.foal_training_history
       (horse_id, activity, program_day, bonding_impact, stress_impact, created_at)
SELECT f.id, a.code, d, a.bonding_impact, a.stress_impact, f.created_at + d * interval '1 day'
  FROM (SELECT h.id, h.created_at, row_number() OVER (ORDER BY h.id) AS k
          FROM equoria.horses h WHERE h.dam_id IS NOT NULL) AS f
 CROSS JOIN LATERAL (
       SELECT CASE WHEN f.k % 3 = 0 AND f.k % 2 = 0 THEN f.k % 7 ELSE 7 END AS days_done) AS pl
 CROSS JOIN LATERAL generate_series(1, pl.days_done) AS d
 CROSS JOIN LATERAL (SELECT ea.* FROM equoria.enrichment_activities ea ORDER BY ea.code
                      OFFSET get_byte(decode(md5('equoria-seed-foal-' || f.k || '/day/' || d), 'hex'), 0) % 8
                      LIMIT 1) AS a
 ORDER BY f.k, d;
