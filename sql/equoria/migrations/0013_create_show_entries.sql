-- What: creates equoria.show_entries, one row per horse entered in a show with the fee
--       paid and the paying player, with row-level security, policies and grants.
-- Why:  the seed has no place for an entry between "entered" and "scored"
--       (competition_results.score is NOT NULL). The unique (show_id, horse_id) pair is the
--       database-level guarantee against double entry.

CREATE TABLE equoria.show_entries (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id    bigint NOT NULL REFERENCES equoria.shows (id) ON DELETE RESTRICT,
  horse_id   bigint NOT NULL REFERENCES equoria.horses (id) ON DELETE RESTRICT,
  owner_id   uuid NOT NULL REFERENCES equoria.users (id) ON DELETE RESTRICT,
  fee_paid   integer NOT NULL
             CONSTRAINT show_entries_fee_paid_nonnegative CHECK (fee_paid >= 0),
  entered_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT show_entries_show_horse_unique UNIQUE (show_id, horse_id)
);

CREATE INDEX idx_show_entries_horse_id ON equoria.show_entries (horse_id);
CREATE INDEX idx_show_entries_owner_id ON equoria.show_entries (owner_id);

COMMENT ON TABLE equoria.show_entries IS
  'Horses entered in shows, written by equoria.enter_show(). A horse is entered at most once per show.';
COMMENT ON COLUMN equoria.show_entries.owner_id IS
  'Player who owned the horse and paid the fee at entry time; prizes for this entry are paid to them.';
COMMENT ON COLUMN equoria.show_entries.fee_paid IS 'Entry fee taken from owner_id (shows.entry_fee at entry time).';

ALTER TABLE equoria.show_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.show_entries FORCE ROW LEVEL SECURITY;

CREATE POLICY show_entries_select_own ON equoria.show_entries
  FOR SELECT TO equoria_app
  USING (owner_id = equoria.current_player_id());
CREATE POLICY show_entries_select_admin ON equoria.show_entries
  FOR SELECT TO equoria_admin
  USING (true);
CREATE POLICY show_entries_all_engine ON equoria.show_entries
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.show_entries TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (show_id, horse_id, owner_id, fee_paid) ON equoria.show_entries TO equoria_engine;
