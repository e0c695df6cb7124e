-- What: creates equoria.foal_training_history, one row per enrichment activity a foal did,
--       with the bond and stress change actually applied, plus row-level security,
--       policies and grants.
-- Why:  the history explains a foal's bond and stress and is what trait discovery is
--       judged on; (horse_id, program_day) is unique so a program day can never be
--       applied twice, even by two concurrent calls.

CREATE TABLE equoria.foal_training_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  horse_id       bigint NOT NULL REFERENCES equoria.horses (id) ON DELETE CASCADE,
  activity       text NOT NULL REFERENCES equoria.enrichment_activities (code) ON DELETE RESTRICT,
  program_day    smallint NOT NULL
                 CONSTRAINT foal_training_history_program_day_range CHECK (program_day BETWEEN 1 AND 7),
  bonding_impact smallint NOT NULL DEFAULT 0
                 CONSTRAINT foal_training_history_bonding_impact_range CHECK (bonding_impact BETWEEN -100 AND 100),
  stress_impact  smallint NOT NULL DEFAULT 0
                 CONSTRAINT foal_training_history_stress_impact_range CHECK (stress_impact BETWEEN -100 AND 100),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT foal_training_history_horse_day_unique UNIQUE (horse_id, program_day)
);

COMMENT ON TABLE equoria.foal_training_history IS 'Enrichment activities done by foals, written by equoria.enrich_foal().';
COMMENT ON COLUMN equoria.foal_training_history.program_day IS 'Program day (1-7) this activity completed.';
COMMENT ON COLUMN equoria.foal_training_history.bonding_impact IS
  'Change actually applied to horses.bond_score (the catalog value, less any clamping at 0 or 100).';
COMMENT ON COLUMN equoria.foal_training_history.stress_impact IS
  'Change actually applied to horses.stress_level (the catalog value, less any clamping at 0 or 100).';

ALTER TABLE equoria.foal_training_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.foal_training_history FORCE ROW LEVEL SECURITY;

CREATE POLICY foal_training_history_select_own ON equoria.foal_training_history
  FOR SELECT TO equoria_app
  USING (EXISTS (SELECT 1 FROM equoria.horses h
                 WHERE h.id = horse_id AND h.owner_id = equoria.current_player_id()));
CREATE POLICY foal_training_history_select_admin ON equoria.foal_training_history
  FOR SELECT TO equoria_admin
  USING (true);
CREATE POLICY foal_training_history_all_engine ON equoria.foal_training_history
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.foal_training_history TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (horse_id, activity, program_day, bonding_impact, stress_impact)
  ON equoria.foal_training_history TO equoria_engine;
