-- What: drops equoria.genetic_phenotype(jsonb).
-- Why:  undoes repeatable 03_fn_genetic_phenotype.sql.

DROP FUNCTION equoria.genetic_phenotype(jsonb);
