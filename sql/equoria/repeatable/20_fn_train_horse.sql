-- What: equoria.train_horse(horse_id, discipline), the training game rule.
-- Why:  training must be checked and applied atomically and stay correct when the same
--       horse is trained from two sessions at once. The horse row is locked FOR UPDATE
--       first, so concurrent calls for one horse run one after the other and the second
--       sees the first one's training log (READ COMMITTED takes a new snapshot per
--       statement; under REPEATABLE READ the second call fails with 40001 instead).
--
-- Rules (refusal SQLSTATE in brackets):
--   - the acting player (equoria.user_id) must own the horse            [42501]
--   - the discipline must exist                                          [EQT04]
--   - the horse must be 3-20 years old                                   [EQT01]
--   - 7-day cooldown per discipline, from the last training_logs row     [EQT02]
--   - one session per day: horses.training_cooldown must have passed     [EQT03]
--   - gain: 5, +1 if positive traits include intelligent, +1 trainability_boost,
--     -1 if negative traits include stubborn, -1 lazy; at least 1; score capped at 100
--   - writes the score, sets training_cooldown to now() + 1 day, logs the session.
-- Returns the new discipline score.

CREATE OR REPLACE FUNCTION equoria.train_horse(p_horse_id bigint, p_discipline text)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c_min_age     constant smallint := 3;
  c_max_age     constant smallint := 20;
  c_cooldown    constant interval := interval '7 days';
  c_daily_rest  constant interval := interval '1 day';
  c_base_gain   constant integer  := 5;
  v_player      uuid := equoria.require_player();
  v_horse       equoria.horses%ROWTYPE;
  v_last        timestamptz;
  v_old         numeric;
  v_gain        integer;
  v_new         integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM equoria.disciplines d WHERE d.name = p_discipline) THEN
    RAISE EXCEPTION 'unknown discipline "%"', p_discipline USING ERRCODE = 'EQT04';
  END IF;

  SELECT * INTO v_horse FROM equoria.horses h WHERE h.id = p_horse_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_horse_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_horse.owner_id <> v_player THEN
    RAISE EXCEPTION 'horse % is not owned by the acting player', p_horse_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_horse.age NOT BETWEEN c_min_age AND c_max_age THEN
    RAISE EXCEPTION 'horse % is % years old; training is for horses aged % to %',
                    p_horse_id, v_horse.age, c_min_age, c_max_age
      USING ERRCODE = 'EQT01';
  END IF;

  SELECT max(l.trained_at) INTO v_last
    FROM equoria.training_logs l
   WHERE l.horse_id = p_horse_id AND l.discipline = p_discipline;
  IF v_last > now() - c_cooldown THEN
    RAISE EXCEPTION 'horse % trained % on %; % cooldown is not over',
                    p_horse_id, p_discipline, v_last, c_cooldown
      USING ERRCODE = 'EQT02',
            HINT = format('It can train %s again from %s.', p_discipline, v_last + c_cooldown);
  END IF;
  IF v_horse.training_cooldown > now() THEN
    RAISE EXCEPTION 'horse % is resting until %', p_horse_id, v_horse.training_cooldown
      USING ERRCODE = 'EQT03';
  END IF;

  v_old  := coalesce((v_horse.discipline_scores ->> p_discipline)::numeric, 0);
  v_gain := greatest(1, c_base_gain
              + ((v_horse.epigenetic_modifiers -> 'positive') ? 'intelligent')::integer
              + ((v_horse.epigenetic_modifiers -> 'positive') ? 'trainability_boost')::integer
              - ((v_horse.epigenetic_modifiers -> 'negative') ? 'stubborn')::integer
              - ((v_horse.epigenetic_modifiers -> 'negative') ? 'lazy')::integer);
  v_new  := least(100, floor(v_old) + v_gain);

  UPDATE equoria.horses h
     SET discipline_scores = jsonb_set(h.discipline_scores, ARRAY[p_discipline], to_jsonb(v_new)),
         training_cooldown = now() + c_daily_rest
   WHERE h.id = p_horse_id;

  INSERT INTO equoria.training_logs (horse_id, discipline, score_gain)
  VALUES (p_horse_id, p_discipline, greatest(0, v_new - v_old)::smallint);

  RETURN v_new;
END
$$;

ALTER FUNCTION equoria.train_horse(bigint, text) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.train_horse(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION equoria.train_horse(bigint, text) TO equoria_app;

COMMENT ON FUNCTION equoria.train_horse(bigint, text) IS
  'Train a horse of the acting player in one discipline; returns the new score. Refusals: 42501, P0002, EQT01-EQT04.';
