-- What: equoria.genetic_phenotype(genetics), the visible value of each gene.
-- Why:  horses.genetics stores the allele pair; what a player sees depends on the gene's
--       inheritance pattern: simple_dominant and recessive genes show the dominant
--       (higher-ranked) allele, polygenic genes show the allele at the rounded mean rank.

CREATE OR REPLACE FUNCTION equoria.genetic_phenotype(p_genetics jsonb)
RETURNS jsonb
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
AS $$
  SELECT coalesce(jsonb_object_agg(g.name,
           CASE g.inheritance_pattern
             WHEN 'polygenic' THEN
               (SELECT m.allele FROM equoria.gene_alleles m
                 WHERE m.gene = g.name
                   AND m.dominance_rank = round((da.dominance_rank + ra.dominance_rank) / 2.0))
             ELSE da.allele
           END), '{}'::jsonb)
  FROM equoria.genes g
  JOIN equoria.gene_alleles da
    ON da.gene = g.name AND da.allele = p_genetics -> 'dominant_alleles' ->> g.name
  JOIN equoria.gene_alleles ra
    ON ra.gene = g.name AND ra.allele = p_genetics -> 'recessive_alleles' ->> g.name
$$;

COMMENT ON FUNCTION equoria.genetic_phenotype(jsonb) IS
  'Expressed value per gene of a horses.genetics document, e.g. {"coat_color": "bay", "markings": "none", "size": "medium"}.';
