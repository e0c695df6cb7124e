-- What: equoria.enter_show(horse_id, show_id), the show-entry game rule.
-- Why:  an entry checks eligibility, takes the entry fee and records the entry in one
--       transaction. Locks are taken in a fixed order - show (FOR SHARE), horse, owner
--       (FOR UPDATE) - so two entries paid by the same player queue on the owner's row:
--       the second re-reads the balance after the first commits and is refused instead of
--       overdrawing. users.money >= 0 (CHECK) is the last line of defence; the unique
--       (show_id, horse_id) key is the last line against double entry.
--
-- Rules (refusal SQLSTATE in brackets):
--   - show and horse must exist                                          [P0002]
--   - the acting player (equoria.user_id) must own the horse            [42501]
--   - the show must be open: not run yet and run_date still in the future [EQS01]
--   - the horse must be 3-20 years old                                   [EQS02]
--   - discipline_level(score in the show's discipline) must lie in
--     [level_min, level_max]                                            [EQS03]
--   - the horse must not be entered already                              [EQS04]
--   - the owner must have at least entry_fee coins                       [EQS05]
-- Returns the new show_entries.id.

CREATE OR REPLACE FUNCTION equoria.enter_show(p_horse_id bigint, p_show_id bigint)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c_min_age constant smallint := 3;
  c_max_age constant smallint := 20;
  v_player  uuid := equoria.require_player();
  v_show    equoria.shows%ROWTYPE;
  v_horse   equoria.horses%ROWTYPE;
  v_level   smallint;
  v_money   integer;
  v_entry   bigint;
BEGIN
  SELECT * INTO v_show FROM equoria.shows s WHERE s.id = p_show_id FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'show % does not exist', p_show_id USING ERRCODE = 'no_data_found';
  END IF;

  SELECT * INTO v_horse FROM equoria.horses h WHERE h.id = p_horse_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_horse_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_horse.owner_id <> v_player THEN
    RAISE EXCEPTION 'horse % is not owned by the acting player', p_horse_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  IF v_show.completed_at IS NOT NULL OR v_show.run_date <= now() THEN
    RAISE EXCEPTION 'entries for show % are closed', p_show_id USING ERRCODE = 'EQS01';
  END IF;
  IF v_horse.age NOT BETWEEN c_min_age AND c_max_age THEN
    RAISE EXCEPTION 'horse % is % years old; shows are for horses aged % to %',
                    p_horse_id, v_horse.age, c_min_age, c_max_age
      USING ERRCODE = 'EQS02';
  END IF;

  v_level := equoria.discipline_level(
               coalesce((v_horse.discipline_scores ->> v_show.discipline)::numeric, 0));
  IF v_level NOT BETWEEN v_show.level_min AND v_show.level_max THEN
    RAISE EXCEPTION 'horse % is level % in %; show % admits levels % to %',
                    p_horse_id, v_level, v_show.discipline, p_show_id,
                    v_show.level_min, v_show.level_max
      USING ERRCODE = 'EQS03';
  END IF;

  IF EXISTS (SELECT 1 FROM equoria.show_entries e
              WHERE e.show_id = p_show_id AND e.horse_id = p_horse_id) THEN
    RAISE EXCEPTION 'horse % is already entered in show %', p_horse_id, p_show_id
      USING ERRCODE = 'EQS04';
  END IF;

  SELECT u.money INTO v_money FROM equoria.users u WHERE u.id = v_horse.owner_id FOR UPDATE;
  IF v_money < v_show.entry_fee THEN
    RAISE EXCEPTION 'not enough money: entry fee is %, balance is %', v_show.entry_fee, v_money
      USING ERRCODE = 'EQS05';
  END IF;

  UPDATE equoria.users u SET money = u.money - v_show.entry_fee WHERE u.id = v_horse.owner_id;

  INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid)
  VALUES (p_show_id, p_horse_id, v_horse.owner_id, v_show.entry_fee)
  RETURNING id INTO v_entry;

  RETURN v_entry;
END
$$;

ALTER FUNCTION equoria.enter_show(bigint, bigint) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.enter_show(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION equoria.enter_show(bigint, bigint) TO equoria_app;

COMMENT ON FUNCTION equoria.enter_show(bigint, bigint) IS
  'Enter a horse of the acting player in a show, paying the fee; returns the entry id. Refusals: 42501, P0002, EQS01-EQS05.';
