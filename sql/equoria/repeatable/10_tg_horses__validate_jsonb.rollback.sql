-- What: drops the validate_jsonb trigger and equoria.tg_horses__validate_jsonb().
-- Why:  undoes repeatable 10_tg_horses__validate_jsonb.sql.

DROP TRIGGER validate_jsonb ON equoria.horses;
DROP FUNCTION equoria.tg_horses__validate_jsonb();
