-- What: drops equoria.discover_trait(bigint).
-- Why:  undoes repeatable 60_fn_discover_trait.sql.

DROP FUNCTION equoria.discover_trait(bigint);
