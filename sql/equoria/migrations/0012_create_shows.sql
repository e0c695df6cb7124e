-- What: creates equoria.shows, competitions in one discipline with a horse level range,
--       entry fee, prize purse, scheduled run date and completion time; plus grants.
-- Why:  shows are what horses are entered in (equoria.enter_show) and what
--       equoria.run_show scores and pays out. (id, discipline) is unique so results can
--       carry the show's discipline without being able to contradict it.

CREATE TABLE equoria.shows (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL
               CONSTRAINT shows_name_unique UNIQUE
               CONSTRAINT shows_name_length CHECK (length(name) BETWEEN 1 AND 150),
  discipline   text NOT NULL REFERENCES equoria.disciplines (name) ON DELETE RESTRICT,
  level_min    smallint NOT NULL DEFAULT 1,
  level_max    smallint NOT NULL DEFAULT 10,
  entry_fee    integer NOT NULL
               CONSTRAINT shows_entry_fee_nonnegative CHECK (entry_fee >= 0),
  prize        integer NOT NULL
               CONSTRAINT shows_prize_nonnegative CHECK (prize >= 0),
  luck_max     numeric(5, 2) NOT NULL DEFAULT 10
               CONSTRAINT shows_luck_max_range CHECK (luck_max BETWEEN 0 AND 50),
  run_date     timestamptz NOT NULL,
  completed_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shows_level_range CHECK (level_min BETWEEN 1 AND 10 AND level_max BETWEEN level_min AND 10),
  CONSTRAINT shows_id_discipline_unique UNIQUE (id, discipline)
);

CREATE INDEX idx_shows_open_run_date ON equoria.shows (run_date) WHERE completed_at IS NULL;
CREATE INDEX idx_shows_discipline ON equoria.shows (discipline);

COMMENT ON TABLE equoria.shows IS
  'Competitions. Entries close at run_date; equoria.run_show() scores them and sets completed_at.';
COMMENT ON COLUMN equoria.shows.level_min IS
  'Lowest horse level admitted, 1-10; a horse''s level in the discipline is equoria.discipline_level(score).';
COMMENT ON COLUMN equoria.shows.level_max IS 'Highest horse level admitted, level_min-10.';
COMMENT ON COLUMN equoria.shows.entry_fee IS 'Coins taken from the owner by equoria.enter_show().';
COMMENT ON COLUMN equoria.shows.prize IS
  'Purse paid by equoria.run_show(): 50% / 30% / 20% to places 1-3; tied horses share the places they span.';
COMMENT ON COLUMN equoria.shows.luck_max IS
  'Upper bound of the random points added to each score (0 = results decided by merit alone).';
COMMENT ON COLUMN equoria.shows.run_date IS 'Scheduled start; entries are refused from this time on.';
COMMENT ON COLUMN equoria.shows.completed_at IS 'When equoria.run_show() scored the show; NULL while open.';

GRANT SELECT ON equoria.shows TO equoria_app, equoria_admin, equoria_engine;
GRANT DELETE ON equoria.shows TO equoria_admin;
GRANT INSERT (name, discipline, level_min, level_max, entry_fee, prize, luck_max, run_date),
      UPDATE (name, discipline, level_min, level_max, entry_fee, prize, luck_max, run_date)
  ON equoria.shows TO equoria_admin;
GRANT UPDATE (completed_at) ON equoria.shows TO equoria_engine;
