-- What: equoria.discover_trait(horse_id), moving one hidden trait of a horse to the list
--       of its polarity; used by equoria.enrich_foal() at each development milestone.
-- Why:  trait discovery is the reward of the enrichment program, and how well the foal
--       was raised decides what shows up first:
--         bond_score >= 60 and stress_level <= 40  -> a hidden positive trait if any
--         stress_level >= 70 or bond_score < 30    -> a hidden negative trait if any
--         otherwise (or no trait of the preferred polarity) -> the first hidden trait.
--       Not granted to anyone: it runs inside enrich_foal() as equoria_engine, which owns
--       it. The caller must hold the horse row lock.
-- Returns the discovered trait, or NULL when nothing is hidden.

CREATE OR REPLACE FUNCTION equoria.discover_trait(p_horse_id bigint)
RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_em       jsonb;
  v_bond     smallint;
  v_stress   smallint;
  v_prefer   text;
  v_trait    text;
  v_polarity text;
BEGIN
  SELECT h.epigenetic_modifiers, h.bond_score, h.stress_level
    INTO v_em, v_bond, v_stress
    FROM equoria.horses h WHERE h.id = p_horse_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_horse_id USING ERRCODE = 'no_data_found';
  END IF;

  v_prefer := CASE
                WHEN v_bond >= 60 AND v_stress <= 40 THEN 'positive'
                WHEN v_stress >= 70 OR v_bond < 30 THEN 'negative'
              END;

  SELECT h.trait, t.polarity INTO v_trait, v_polarity
    FROM jsonb_array_elements_text(v_em -> 'hidden') WITH ORDINALITY AS h (trait, ord)
    JOIN equoria.traits t ON t.name = h.trait
   ORDER BY (t.polarity = v_prefer) DESC NULLS LAST, h.ord
   LIMIT 1;
  IF v_trait IS NULL THEN
    RETURN NULL;
  END IF;

  UPDATE equoria.horses h
     SET epigenetic_modifiers = jsonb_set(
           jsonb_set(h.epigenetic_modifiers, '{hidden}', (h.epigenetic_modifiers -> 'hidden') - v_trait),
           ARRAY[v_polarity],
           (h.epigenetic_modifiers -> v_polarity) || to_jsonb(v_trait))
   WHERE h.id = p_horse_id;

  RETURN v_trait;
END
$$;

ALTER FUNCTION equoria.discover_trait(bigint) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.discover_trait(bigint) FROM PUBLIC;

COMMENT ON FUNCTION equoria.discover_trait(bigint) IS
  'Reveal one hidden trait (positive first for well-raised foals, negative first for stressed ones); returns it or NULL.';
