-- Seed: past training sessions (all in 2024, so no cooldown is in force) for horses aged
-- 3-20: roughly 40% of the disciplines each horse has a score in.
INSERT INTO equoria.training_logs (horse_id, discipline, score_gain, trained_at)
SELECT h.id, d.discipline, 5,
       timestamptz '2024-03-01 07:00:00+00'
         + get_byte(decode(md5('equoria-seed-log-' || h.id || '/' || d.discipline), 'hex'), 1) * interval '1 day'
         + get_byte(decode(md5('equoria-seed-log-' || h.id || '/' || d.discipline), 'hex'), 2) * interval '1 minute'
  FROM equoria.horses h
 CROSS JOIN LATERAL jsonb_object_keys(h.discipline_scores) AS d (discipline)
 WHERE h.age BETWEEN 3 AND 20
   AND get_byte(decode(md5('equoria-seed-log-' || h.id || '/' || d.discipline), 'hex'), 0) < 100
 ORDER BY h.id, d.discipline;
