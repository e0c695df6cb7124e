-- What: drops the set_updated_at triggers and equoria.tg__set_updated_at().
-- Why:  undoes repeatable 00_tg_set_updated_at.sql.

DROP TRIGGER set_updated_at ON equoria.foal_development;
DROP TRIGGER set_updated_at ON equoria.shows;
DROP TRIGGER set_updated_at ON equoria.horses;
DROP TRIGGER set_updated_at ON equoria.stables;
DROP TRIGGER set_updated_at ON equoria.users;
DROP FUNCTION equoria.tg__set_updated_at();
