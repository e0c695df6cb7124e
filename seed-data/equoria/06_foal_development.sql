-- Seed: the enrichment program state of the 36 foals of 05_foals.sql (foal k = the k-th
-- horse with a recorded dam, by id), with the same activity formula.
INSERT INTO equoria.foal_development
       (foal_id, current_day, activities_completed, milestones_reached, created_at, updated_at)
SELECT f.id,
       pl.days_done,
       coalesce((SELECT jsonb_agg(jsonb_build_object('day', d, 'activity', a.code) ORDER BY d)
                   FROM generate_series(1, pl.days_done) AS d
                   JOIN LATERAL (SELECT ea.code FROM equoria.enrichment_activities ea ORDER BY ea.code
                                  OFFSET get_byte(decode(md5('equoria-seed-foal-' || f.k || '/day/' || d), 'hex'), 0) % 8
                                  LIMIT 1) AS a ON true), '[]'::jsonb),
       coalesce((SELECT jsonb_agg(m.code ORDER BY m.program_day)
                   FROM equoria.development_milestones m
                  WHERE m.program_day <= pl.days_done), '[]'::jsonb),
       f.created_at,
       f.created_at + pl.days_done * interval '1 day'
  FROM (SELECT h.id, h.created_at, row_number() OVER (ORDER BY h.id) AS k
          FROM equoria.horses h WHERE h.dam_id IS NOT NULL) AS f
 CROSS JOIN LATERAL (
       SELECT CASE WHEN f.k % 3 = 0 AND f.k % 2 = 0 THEN f.k % 7 ELSE 7 END AS days_done) AS pl
 ORDER BY f.k;
