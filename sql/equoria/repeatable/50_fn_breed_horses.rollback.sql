-- What: drops equoria.breed_horses(bigint, bigint, text).
-- Why:  undoes repeatable 50_fn_breed_horses.sql.

DROP FUNCTION equoria.breed_horses(bigint, bigint, text);
