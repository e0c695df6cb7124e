-- What: equoria.breed_horses(sire_id, dam_id, foal_name), the breeding game rule.
-- Why:  breeding validates the pair and creates the foal (a horse aged 0 in the 'newborn'
--       stage, plus its foal_development row) in one transaction. Both parents are locked
--       FOR SHARE in id order so they cannot change owner, sex or age mid-way, and two
--       breedings sharing a parent cannot deadlock.
--
-- Rules (refusal SQLSTATE in brackets):
--   - sire and dam must exist                                            [P0002]
--   - the acting player (equoria.user_id) must own the dam; any stallion
--     may sire (stud service). The foal belongs to the dam's owner and
--     stands in the dam's stable.                                        [42501]
--   - sire and dam must be different horses                              [EQB01]
--   - the sire must be a stallion and the dam a mare                     [EQB02]
--   - both must be 3-20 years old                                        [EQB03]
--   - neither may be the other's parent                                  [EQB04]
-- Genetics (the seed's dominant/recessive/inheritance structure): for every gene in
-- equoria.genes each parent passes one of its two alleles at random (Mendelian
-- segregation); of the foal's pair the higher dominance_rank is stored as
-- dominant_alleles.<gene>, the other as recessive_alleles.<gene>, and
-- inheritance_patterns.<gene> is copied from equoria.genes.
-- Traits: every trait of either parent (positive, negative or hidden) is passed on with
-- probability 1/2 and lands in the foal's "hidden" list, to be discovered by enrichment.
-- Breed: the parents' breed if they share one, otherwise the dam's. Gender: colt or filly.
-- Returns the foal's horses.id.

CREATE OR REPLACE FUNCTION equoria.breed_horses(p_sire_id bigint, p_dam_id bigint, p_foal_name text)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  c_min_age  constant smallint := 3;
  c_max_age  constant smallint := 20;
  v_player   uuid := equoria.require_player();
  v_sire     equoria.horses%ROWTYPE;
  v_dam      equoria.horses%ROWTYPE;
  v_genetics jsonb;
  v_hidden   jsonb;
  v_foal     bigint;
BEGIN
  IF p_sire_id = p_dam_id THEN
    RAISE EXCEPTION 'a horse cannot be bred with itself (horse %)', p_sire_id
      USING ERRCODE = 'EQB01';
  END IF;

  PERFORM 1 FROM equoria.horses h
   WHERE h.id IN (p_sire_id, p_dam_id)
   ORDER BY h.id
     FOR SHARE;

  SELECT * INTO v_sire FROM equoria.horses h WHERE h.id = p_sire_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_sire_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT * INTO v_dam FROM equoria.horses h WHERE h.id = p_dam_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'horse % does not exist', p_dam_id USING ERRCODE = 'no_data_found';
  END IF;

  IF v_dam.owner_id <> v_player THEN
    RAISE EXCEPTION 'dam % is not owned by the acting player', p_dam_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_sire.gender <> 'stallion' OR v_dam.gender <> 'mare' THEN
    RAISE EXCEPTION 'invalid breeding pair: sire % is a %, dam % is a % (need a stallion and a mare)',
                    p_sire_id, v_sire.gender, p_dam_id, v_dam.gender
      USING ERRCODE = 'EQB02';
  END IF;
  IF v_sire.age NOT BETWEEN c_min_age AND c_max_age
     OR v_dam.age NOT BETWEEN c_min_age AND c_max_age THEN
    RAISE EXCEPTION 'invalid breeding pair: sire is %, dam is % years old (both must be % to %)',
                    v_sire.age, v_dam.age, c_min_age, c_max_age
      USING ERRCODE = 'EQB03';
  END IF;
  IF p_sire_id IN (v_dam.sire_id, v_dam.dam_id) OR p_dam_id IN (v_sire.sire_id, v_sire.dam_id) THEN
    RAISE EXCEPTION 'invalid breeding pair: horses % and % are parent and child', p_sire_id, p_dam_id
      USING ERRCODE = 'EQB04';
  END IF;

  SELECT jsonb_build_object(
           'dominant_alleles',     jsonb_object_agg(x.gene, CASE WHEN x.s_rank >= x.d_rank THEN x.s_allele ELSE x.d_allele END),
           'recessive_alleles',    jsonb_object_agg(x.gene, CASE WHEN x.s_rank >= x.d_rank THEN x.d_allele ELSE x.s_allele END),
           'inheritance_patterns', jsonb_object_agg(x.gene, x.pattern))
    INTO v_genetics
    FROM (SELECT g.name AS gene, g.inheritance_pattern AS pattern,
                 sa.allele AS s_allele, sa.dominance_rank AS s_rank,
                 da.allele AS d_allele, da.dominance_rank AS d_rank
            FROM equoria.genes g
           CROSS JOIN LATERAL (
                 SELECT v_sire.genetics -> (CASE WHEN random() < 0.5 THEN 'dominant_alleles'
                                                 ELSE 'recessive_alleles' END) ->> g.name AS allele) s
           CROSS JOIN LATERAL (
                 SELECT v_dam.genetics -> (CASE WHEN random() < 0.5 THEN 'dominant_alleles'
                                                ELSE 'recessive_alleles' END) ->> g.name AS allele) d
            JOIN equoria.gene_alleles sa ON sa.gene = g.name AND sa.allele = s.allele
            JOIN equoria.gene_alleles da ON da.gene = g.name AND da.allele = d.allele) AS x;

  SELECT coalesce(jsonb_agg(DISTINCT t.trait), '[]'::jsonb)
    INTO v_hidden
    FROM (VALUES (v_sire.epigenetic_modifiers), (v_dam.epigenetic_modifiers)) AS p (em)
   CROSS JOIN LATERAL (
         SELECT jsonb_array_elements_text(p.em -> 'positive')
         UNION ALL SELECT jsonb_array_elements_text(p.em -> 'negative')
         UNION ALL SELECT jsonb_array_elements_text(p.em -> 'hidden')) AS t (trait)
   WHERE random() < 0.5;

  INSERT INTO equoria.horses
         (name, age, gender, breed_id, owner_id, stable_id, sire_id, dam_id, genetics,
          discipline_scores, epigenetic_modifiers, bond_score, stress_level, development_stage)
  VALUES (p_foal_name, 0,
          CASE WHEN random() < 0.5 THEN 'colt' ELSE 'filly' END,
          CASE WHEN v_sire.breed_id = v_dam.breed_id THEN v_sire.breed_id ELSE v_dam.breed_id END,
          v_dam.owner_id, v_dam.stable_id, p_sire_id, p_dam_id, v_genetics,
          '{}'::jsonb,
          jsonb_build_object('positive', '[]'::jsonb, 'negative', '[]'::jsonb, 'hidden', v_hidden),
          50, 30, 'newborn')
  RETURNING id INTO v_foal;

  INSERT INTO equoria.foal_development (foal_id) VALUES (v_foal);

  RETURN v_foal;
END
$$;

ALTER FUNCTION equoria.breed_horses(bigint, bigint, text) OWNER TO equoria_engine;
REVOKE ALL ON FUNCTION equoria.breed_horses(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION equoria.breed_horses(bigint, bigint, text) TO equoria_app;

COMMENT ON FUNCTION equoria.breed_horses(bigint, bigint, text) IS
  'Breed a stallion with a mare of the acting player; returns the new foal''s horse id. Refusals: 42501, P0002, EQB01-EQB04.';
