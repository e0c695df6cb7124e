-- What: creates equoria.enrichment_activities, the foal enrichment activities with their
--       effect on bond and stress, and fills it.
-- Why:  equoria.enrich_foal() applies an activity's impacts to horses.bond_score and
--       horses.stress_level and records them in foal_training_history; a catalog keeps
--       the numbers in one place and lets history rows reference a known activity.

CREATE TABLE equoria.enrichment_activities (
  code           text PRIMARY KEY
                 CONSTRAINT enrichment_activities_code_format CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
  bonding_impact smallint NOT NULL
                 CONSTRAINT enrichment_activities_bonding_impact_range CHECK (bonding_impact BETWEEN -20 AND 20),
  stress_impact  smallint NOT NULL
                 CONSTRAINT enrichment_activities_stress_impact_range CHECK (stress_impact BETWEEN -20 AND 20),
  description    text NOT NULL DEFAULT ''
);

COMMENT ON TABLE equoria.enrichment_activities IS 'Foal enrichment activities and their effect on bond and stress.';
COMMENT ON COLUMN equoria.enrichment_activities.bonding_impact IS 'Added to horses.bond_score (result clamped to 0-100).';
COMMENT ON COLUMN equoria.enrichment_activities.stress_impact IS 'Added to horses.stress_level (result clamped to 0-100).';

INSERT INTO equoria.enrichment_activities (code, bonding_impact, stress_impact, description) VALUES
  ('gentle_touch',       5, -3, 'Slow stroking over the whole body'),
  ('feeding_assistance', 4, -2, 'Hand-feeding beside the dam'),
  ('grooming',           4, -1, 'Soft brushing'),
  ('leading_practice',   3,  2, 'First steps on a lead rope'),
  ('free_play',          2, -4, 'Time loose in the paddock'),
  ('herd_introduction',  3, -2, 'Meeting calm herd mates'),
  ('desensitization',    2,  4, 'Tarps, sounds and new objects'),
  ('trailer_loading',    1,  6, 'Walking into a parked trailer');

GRANT SELECT ON equoria.enrichment_activities TO equoria_app, equoria_admin, equoria_engine;
