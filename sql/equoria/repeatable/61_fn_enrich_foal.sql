-- What: equoria.enrich_foal(horse_id, activity), the foal enrichment game rule.
-- Why:  an activity completes one day of the 7-day program: it changes bond and stress,
--       writes a foal_training_history row, advances foal_development, and at a milestone
--       day records the milestone and discovers a hidden trait - all in one transaction.
--       The horse row is locked FOR UPDATE, so concurrent calls for one foal apply one
--       day each, in turn (the unique (horse_id, program_day) history key backs this up).
--
-- Rules (refusal SQLSTATE in brackets):
--   - the activity must exist in equoria.enrichment_activities           [EQF03]
--   - the horse must exist                                               [P0002]
--   - the acting player (equoria.user_id) must own it                   [42501]
--   - it must be a foal (younger than 3)                                 [EQF01]
--   - its program must not be complete (current_day < 7)                 [EQF02]
--   - bond_score and stress_level move by the activity's impacts, clamped to 0-100
--   - milestone days (equoria.development_milestones) call equoria.discover_trait();
--     day 7 ends the program and a newborn becomes a weanling.
-- Returns {"horse_id", "program_day", "activity", "bond_score", "stress_level",
--          "milestone", "discovered_trait"} (the last two may be null).

CREATE OR REPLACE FUNCTION equoria.enrich_foal(p_horse_id bigint, p_activity text)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c_program_days constant smallint := 7;
  c_foal_age     constant smallint := 3;
  v_player       uuid := equoria.require_player();
  v_activity     equoria.enrichment_activities%ROWTYPE;
  v_horse        equoria.horses%ROWTYPE;
  v_day          smallint;
  v_bond         smallint;
  v_stress       smallint;
  v_milestone    text;
  v_trait        text;
BEGIN
  SELECT * INTO v_activity FROM equoria.enrichment_activities a WHERE a.code = p_activity;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown enrichment activity "%"', p_activity USING ERRCODE = 'EQF03';
  END IF;

  SELECT * INTO v_horse FROM equoria.horses h WHERE h.id = p_horse_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_horse_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_horse.owner_id <> v_player THEN
    RAISE EXCEPTION 'horse % is not owned by the acting player', p_horse_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_horse.age >= c_foal_age THEN
    RAISE EXCEPTION 'horse % is % years old and no longer a foal', p_horse_id, v_horse.age
      USING ERRCODE = 'EQF01';
  END IF;

  INSERT INTO equoria.foal_development (foal_id) VALUES (p_horse_id) ON CONFLICT (foal_id) DO NOTHING;
  SELECT d.current_day + 1 INTO v_day FROM equoria.foal_development d WHERE d.foal_id = p_horse_id;
  IF v_day > c_program_days THEN
    RAISE EXCEPTION 'foal % has completed its % day enrichment program', p_horse_id, c_program_days
      USING ERRCODE = 'EQF02';
  END IF;

  v_bond   := least(100, greatest(0, v_horse.bond_score + v_activity.bonding_impact));
  v_stress := least(100, greatest(0, v_horse.stress_level + v_activity.stress_impact));

  UPDATE equoria.horses h
     SET bond_score = v_bond, stress_level = v_stress
   WHERE h.id = p_horse_id;

  INSERT INTO equoria.foal_training_history
         (horse_id, activity, program_day, bonding_impact, stress_impact)
  VALUES (p_horse_id, p_activity, v_day, v_bond - v_horse.bond_score, v_stress - v_horse.stress_level);

  SELECT m.code INTO v_milestone FROM equoria.development_milestones m WHERE m.program_day = v_day;
  IF v_milestone IS NOT NULL THEN
    v_trait := equoria.discover_trait(p_horse_id);
  END IF;

  UPDATE equoria.foal_development d
     SET current_day          = v_day,
         activities_completed = d.activities_completed
                                || jsonb_build_array(jsonb_build_object('day', v_day, 'activity', p_activity)),
         milestones_reached   = d.milestones_reached
                                || CASE WHEN v_milestone IS NULL THEN '[]'::jsonb
                                        ELSE jsonb_build_array(v_milestone) END
   WHERE d.foal_id = p_horse_id;

  IF v_day = c_program_days THEN
    UPDATE equoria.horses h
       SET development_stage = 'weanling'
     WHERE h.id = p_horse_id AND h.development_stage = 'newborn';
  END IF;

  RETURN jsonb_build_object(
           'horse_id', p_horse_id, 'program_day', v_day, 'activity', p_activity,
           'bond_score', v_bond, 'stress_level', v_stress,
           'milestone', v_milestone, 'discovered_trait', v_trait);
END
$$;

ALTER FUNCTION equoria.enrich_foal(bigint, text) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.enrich_foal(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION equoria.enrich_foal(bigint, text) TO equoria_app;

COMMENT ON FUNCTION equoria.enrich_foal(bigint, text) IS
  'One day of the foal enrichment program for a foal of the acting player; returns a summary. Refusals: 42501, P0002, EQF01-EQF03.';
