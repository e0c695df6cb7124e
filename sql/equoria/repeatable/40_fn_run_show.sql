-- What: equoria.run_show(show_id), the show-scoring game rule, for game operators.
-- Why:  scoring, placing, paying prizes and awarding xp must happen exactly once per show
--       and all together. The show row is locked FOR UPDATE (waiting for in-flight
--       entries, which hold it FOR SHARE, and making later entries see it closed), and
--       the paid players are locked in id order so two shows run at once cannot deadlock.
--
-- Rules:
--   - the show must exist [P0002] and not have been run [EQS06]
--   - score = discipline score + 2 per positive trait - 2 per negative trait
--             + bond_score / 20 - stress_level / 10 + random() * luck_max, floored at 0,
--             rounded to 2 decimals
--   - placement = rank() by score: ties share a placement and skip the next (1, 1, 3)
--   - purse: 50% / 30% / 20% for places 1-3; horses tied over several places share those
--     places' percentages equally (rounded down; the remainder stays with the house)
--   - xp to the entry's owner: 30 / 20 / 15 for placements 1-3, 5 otherwise; the owner's
--     level becomes max(level, min(100, 1 + xp / 100))
--   - sets shows.completed_at. A show with no entries completes with no results.
-- Returns the number of results written.

CREATE OR REPLACE FUNCTION equoria.run_show(p_show_id bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c_shares constant numeric[] := ARRAY[0.50, 0.30, 0.20];
  v_show   equoria.shows%ROWTYPE;
  v_count  integer;
BEGIN
  SELECT * INTO v_show FROM equoria.shows s WHERE s.id = p_show_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'show % does not exist', p_show_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_show.completed_at IS NOT NULL THEN
    RAISE EXCEPTION 'show % was already run at %', p_show_id, v_show.completed_at
      USING ERRCODE = 'EQS06';
  END IF;

  PERFORM 1
     FROM equoria.users u
    WHERE u.id IN (SELECT e.owner_id FROM equoria.show_entries e WHERE e.show_id = p_show_id)
    ORDER BY u.id
      FOR UPDATE;

  WITH scored AS MATERIALIZED (
    SELECT e.horse_id,
           round(greatest(0,
                   coalesce((h.discipline_scores ->> v_show.discipline)::numeric, 0)
                 + 2 * jsonb_array_length(h.epigenetic_modifiers -> 'positive')
                 - 2 * jsonb_array_length(h.epigenetic_modifiers -> 'negative')
                 + h.bond_score / 20.0
                 - h.stress_level / 10.0
                 + random()::numeric * v_show.luck_max), 2) AS score
      FROM equoria.show_entries e
      JOIN equoria.horses h ON h.id = e.horse_id
     WHERE e.show_id = p_show_id
  ), ranked AS (
    SELECT s.horse_id, s.score,
           rank() OVER (ORDER BY s.score DESC) AS placement,
           count(*) OVER (PARTITION BY s.score) AS tied
      FROM scored s
  )
  INSERT INTO equoria.competition_results
         (show_id, horse_id, discipline, score, placement, prize_money, xp_awarded, run_date)
  SELECT p_show_id, r.horse_id, v_show.discipline, r.score, r.placement,
         floor(v_show.prize
               * coalesce((SELECT sum(p.share)
                             FROM unnest(c_shares) WITH ORDINALITY AS p (share, pos)
                            WHERE p.pos BETWEEN r.placement AND r.placement + r.tied - 1), 0)
               / r.tied)::integer,
         CASE r.placement WHEN 1 THEN 30 WHEN 2 THEN 20 WHEN 3 THEN 15 ELSE 5 END,
         now()
    FROM ranked r;
  GET DIAGNOSTICS v_count = ROW_COUNT;

  UPDATE equoria.users u
     SET money = u.money + w.prize,
         xp    = u.xp + w.xp,
         level = greatest(u.level, least(100, 1 + (u.xp + w.xp) / 100))
    FROM (SELECT e.owner_id, sum(r.prize_money) AS prize, sum(r.xp_awarded) AS xp
            FROM equoria.competition_results r
            JOIN equoria.show_entries e ON e.show_id = r.show_id AND e.horse_id = r.horse_id
           WHERE r.show_id = p_show_id
           GROUP BY e.owner_id) AS w
   WHERE u.id = w.owner_id;

  UPDATE equoria.shows s SET completed_at = now() WHERE s.id = p_show_id;

  RETURN v_count;
END
$$;

ALTER FUNCTION equoria.run_show(bigint) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.run_show(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION equoria.run_show(bigint) TO equoria_admin;

COMMENT ON FUNCTION equoria.run_show(bigint) IS
  'Score a show, place entries (ties share), pay the purse and xp, close the show; returns the result count. Refusals: P0002, EQS06.';
