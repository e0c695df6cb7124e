-- What: creates equoria.stables, the named stables a player keeps horses in, with
--       row-level security, policies and grants.
-- Why:  the seed references stables(id) from horses without defining the table. A stable
--       belongs to one player; (id, owner_id) is unique so horses can reference the pair
--       and a horse can only be kept in a stable of its own owner.

CREATE TABLE equoria.stables (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id   uuid NOT NULL REFERENCES equoria.users (id) ON DELETE CASCADE,
  name       text NOT NULL
             CONSTRAINT stables_name_length CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stables_owner_name_unique UNIQUE (owner_id, name),
  CONSTRAINT stables_id_owner_unique UNIQUE (id, owner_id)
);

COMMENT ON TABLE equoria.stables IS
  'Stables owned by players. Deleting a player deletes their stables; horses in them become unstabled.';
COMMENT ON CONSTRAINT stables_id_owner_unique ON equoria.stables IS
  'Target of horses (stable_id, owner_id): a horse can only stand in its owner''s stable.';

ALTER TABLE equoria.stables ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.stables FORCE ROW LEVEL SECURITY;

CREATE POLICY stables_all_own ON equoria.stables
  FOR ALL TO equoria_app
  USING (owner_id = equoria.current_player_id())
  WITH CHECK (owner_id = equoria.current_player_id());
CREATE POLICY stables_select_admin ON equoria.stables
  FOR SELECT TO equoria_admin
  USING (true);

GRANT SELECT, DELETE ON equoria.stables TO equoria_app;
GRANT INSERT (owner_id, name), UPDATE (name) ON equoria.stables TO equoria_app;
GRANT SELECT ON equoria.stables TO equoria_admin;
