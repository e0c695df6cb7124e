-- What: drops equoria.train_horse(bigint, text).
-- Why:  undoes repeatable 20_fn_train_horse.sql.

DROP FUNCTION equoria.train_horse(bigint, text);
