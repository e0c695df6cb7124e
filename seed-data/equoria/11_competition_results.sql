-- Seed: results of the 12 shows run in 2024, scored with equoria.run_show()'s formula and
-- a luck roll taken from md5 instead of random(); placements use rank() (ties share), the
-- purse is split 50/30/20 over places 1-3 and xp is 30/20/15/5.
INSERT INTO equoria.competition_results
       (show_id, horse_id, discipline, score, placement, prize_money, xp_awarded, run_date, created_at)
SELECT r.show_id, r.horse_id, r.discipline, r.score, r.placement,
       floor(r.prize * coalesce((SELECT sum(p.share)
                                   FROM unnest(ARRAY[0.50, 0.30, 0.20]) WITH ORDINALITY AS p (share, pos)
                                  WHERE p.pos BETWEEN r.placement AND r.placement + r.tied - 1), 0)
             / r.tied)::integer,
       CASE r.placement WHEN 1 THEN 30 WHEN 2 THEN 20 WHEN 3 THEN 15 ELSE 5 END,
       r.completed_at,
       r.completed_at
  FROM (SELECT sc.*,
               rank() OVER (PARTITION BY sc.show_id ORDER BY sc.score DESC) AS placement,
               count(*) OVER (PARTITION BY sc.show_id, sc.score) AS tied
          FROM (SELECT s.id AS show_id, s.discipline, s.prize, s.completed_at, e.horse_id,
                       round(greatest(0,
                               coalesce((h.discipline_scores ->> s.discipline)::numeric, 0)
                             + 2 * jsonb_array_length(h.epigenetic_modifiers -> 'positive')
                             - 2 * jsonb_array_length(h.epigenetic_modifiers -> 'negative')
                             + h.bond_score / 20.0
                             - h.stress_level / 10.0
                             + get_byte(decode(md5('equoria-seed-luck-' || e.id), 'hex'), 0) / 255.0 * s.luck_max),
                             2) AS score
                  FROM equoria.show_entries e
                  JOIN equoria.shows s ON s.id = e.show_id
                  JOIN equoria.horses h ON h.id = e.horse_id
                 WHERE s.completed_at IS NOT NULL) AS sc) AS r
 ORDER BY r.show_id, r.placement, r.horse_id;
