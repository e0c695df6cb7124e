-- What: drops equoria.enrich_foal(bigint, text).
-- Why:  undoes repeatable 61_fn_enrich_foal.sql.

DROP FUNCTION equoria.enrich_foal(bigint, text);
