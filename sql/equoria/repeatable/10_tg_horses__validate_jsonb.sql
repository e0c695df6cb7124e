-- What: trigger function equoria.tg_horses__validate_jsonb() and its AFTER INSERT/UPDATE
--       row trigger on equoria.horses: checks the JSONB documents against the catalogs.
-- Why:  CHECK constraints (in 0010) validate the shape of genetics, discipline_scores and
--       epigenetic_modifiers but cannot look at other tables. The trigger runs AFTER the
--       row is written, i.e. after those CHECKs passed, so it can rely on the shape and
--       a malformed document is reported by its CHECK constraint. It rejects, with
--       SQLSTATE 23514 (check_violation):
--         - a discipline_scores key that is not in equoria.disciplines;
--         - a trait not in equoria.traits, a discovered trait filed under the wrong
--           polarity, or the same trait listed twice;
--         - genetics that miss a gene of equoria.genes, name an unknown gene or allele,
--           store the lower-ranked allele as dominant, or state the wrong pattern.

CREATE OR REPLACE FUNCTION equoria.tg_horses__validate_jsonb()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_bad text;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.discipline_scores IS DISTINCT FROM OLD.discipline_scores THEN
    SELECT k INTO v_bad
      FROM jsonb_object_keys(NEW.discipline_scores) AS k
     WHERE NOT EXISTS (SELECT 1 FROM equoria.disciplines d WHERE d.name = k)
     LIMIT 1;
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'unknown discipline "%" in discipline_scores', v_bad
        USING ERRCODE = 'check_violation', SCHEMA = 'equoria', TABLE = 'horses',
              COLUMN = 'discipline_scores';
    END IF;
  END IF;

  IF TG_OP = 'INSERT' OR NEW.epigenetic_modifiers IS DISTINCT FROM OLD.epigenetic_modifiers THEN
    WITH listed AS (
      SELECT l.list, t.trait
        FROM unnest(ARRAY['positive', 'negative', 'hidden']) AS l (list)
       CROSS JOIN LATERAL jsonb_array_elements_text(NEW.epigenetic_modifiers -> l.list) AS t (trait)
    )
    SELECT CASE
             WHEN c.name IS NULL THEN format('unknown trait "%s"', x.trait)
             WHEN x.copies > 1 THEN format('trait "%s" is listed more than once', x.trait)
             ELSE format('trait "%s" is %s but listed under "%s"', x.trait, c.polarity, x.list)
           END
      INTO v_bad
      FROM (SELECT trait, min(list) AS list, count(*) AS copies,
                   bool_or(list <> 'hidden') AS discovered
              FROM listed GROUP BY trait) AS x
      LEFT JOIN equoria.traits c ON c.name = x.trait
     WHERE c.name IS NULL
        OR x.copies > 1
        OR (x.discovered AND c.polarity <> x.list)
     LIMIT 1;
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION '% in epigenetic_modifiers', v_bad
        USING ERRCODE = 'check_violation', SCHEMA = 'equoria', TABLE = 'horses',
              COLUMN = 'epigenetic_modifiers';
    END IF;
  END IF;

  IF TG_OP = 'INSERT' OR NEW.genetics IS DISTINCT FROM OLD.genetics THEN
    SELECT coalesce(
             (SELECT format('unknown gene "%s"', k.gene)
                FROM (SELECT jsonb_object_keys(NEW.genetics -> 'dominant_alleles')
                      UNION SELECT jsonb_object_keys(NEW.genetics -> 'recessive_alleles')
                      UNION SELECT jsonb_object_keys(NEW.genetics -> 'inheritance_patterns')) AS k (gene)
               WHERE NOT EXISTS (SELECT 1 FROM equoria.genes g WHERE g.name = k.gene)
               LIMIT 1),
             (SELECT CASE
                       WHEN da.allele IS NULL OR ra.allele IS NULL
                         THEN format('gene "%s" needs a known dominant and recessive allele', g.name)
                       WHEN da.dominance_rank < ra.dominance_rank
                         THEN format('gene "%s": "%s" ranks below "%s" and cannot be the dominant allele',
                                     g.name, da.allele, ra.allele)
                       ELSE format('gene "%s" is inherited as "%s"', g.name, g.inheritance_pattern)
                     END
                FROM equoria.genes g
                LEFT JOIN equoria.gene_alleles da
                  ON da.gene = g.name AND da.allele = NEW.genetics -> 'dominant_alleles' ->> g.name
                LEFT JOIN equoria.gene_alleles ra
                  ON ra.gene = g.name AND ra.allele = NEW.genetics -> 'recessive_alleles' ->> g.name
               WHERE da.allele IS NULL
                  OR ra.allele IS NULL
                  OR da.dominance_rank < ra.dominance_rank
                  OR (NEW.genetics -> 'inheritance_patterns' ->> g.name) IS DISTINCT FROM g.inheritance_pattern
               LIMIT 1))
      INTO v_bad;
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION '% in genetics', v_bad
        USING ERRCODE = 'check_violation', SCHEMA = 'equoria', TABLE = 'horses',
              COLUMN = 'genetics';
    END IF;
  END IF;

  RETURN NULL;
END
$$;

COMMENT ON FUNCTION equoria.tg_horses__validate_jsonb() IS
  'AFTER INSERT/UPDATE row trigger on horses: discipline keys, trait names and polarity, genes and alleles must match the catalogs (SQLSTATE 23514).';

CREATE OR REPLACE TRIGGER validate_jsonb
  AFTER INSERT OR UPDATE OF discipline_scores, epigenetic_modifiers, genetics ON equoria.horses
  FOR EACH ROW EXECUTE FUNCTION equoria.tg_horses__validate_jsonb();
