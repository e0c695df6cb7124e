-- What: trigger function equoria.tg__set_updated_at() and the BEFORE UPDATE triggers that
--       use it on users, stables, horses, shows and foal_development.
-- Why:  updated_at must reflect every change, including those made by the game-rule
--       functions, without each caller remembering to set it. One shared function (the
--       table part of the tg_<table>__<task> name is empty because it serves several
--       tables, as graphile/starter's tg__timestamps does).

CREATE OR REPLACE FUNCTION equoria.tg__set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION equoria.tg__set_updated_at() IS
  'BEFORE UPDATE trigger: sets updated_at to now() (the transaction start time).';

CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON equoria.users
  FOR EACH ROW EXECUTE FUNCTION equoria.tg__set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON equoria.stables
  FOR EACH ROW EXECUTE FUNCTION equoria.tg__set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON equoria.horses
  FOR EACH ROW EXECUTE FUNCTION equoria.tg__set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON equoria.shows
  FOR EACH ROW EXECUTE FUNCTION equoria.tg__set_updated_at();
CREATE OR REPLACE TRIGGER set_updated_at
  BEFORE UPDATE ON equoria.foal_development
  FOR EACH ROW EXECUTE FUNCTION equoria.tg__set_updated_at();
