-- What: creates equoria.foal_development, one row per foal tracking its progress through
--       the 7-day enrichment program, with row-level security, policies and grants.
-- Why:  equoria.enrich_foal() advances a foal one program day per activity and records
--       activities and milestones here. The seed's surrogate id is dropped: a foal has at
--       most one program, so foal_id is the key.

CREATE TABLE equoria.foal_development (
  foal_id              bigint PRIMARY KEY REFERENCES equoria.horses (id) ON DELETE CASCADE,
  current_day          smallint NOT NULL DEFAULT 0
                       CONSTRAINT foal_development_current_day_range CHECK (current_day BETWEEN 0 AND 7),
  activities_completed jsonb NOT NULL DEFAULT '[]'
                       CONSTRAINT foal_development_activities_shape CHECK (coalesce(
                             jsonb_typeof(activities_completed) = 'array'
                         AND NOT jsonb_path_exists(activities_completed,
                               '$[*] ? (!(exists(@.day)) || !(exists(@.activity))
                                        || @.day.type() != "number" || @.activity.type() != "string")'),
                       false)),
  milestones_reached   jsonb NOT NULL DEFAULT '[]'
                       CONSTRAINT foal_development_milestones_shape CHECK (coalesce(
                             jsonb_typeof(milestones_reached) = 'array'
                         AND NOT jsonb_path_exists(milestones_reached, '$[*] ? (@.type() != "string")'),
                       false)),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT foal_development_one_activity_per_day
    CHECK (jsonb_array_length(activities_completed) = current_day)
);

COMMENT ON TABLE equoria.foal_development IS
  'Progress of each foal through the 7-day enrichment program (equoria.enrich_foal()).';
COMMENT ON COLUMN equoria.foal_development.current_day IS
  'Program days completed, 0-7 (the seed''s default of 1 counted the day in progress). 7 = program finished.';
COMMENT ON COLUMN equoria.foal_development.activities_completed IS
  'JSON array of {"day": n, "activity": code}, one element per completed day.';
COMMENT ON COLUMN equoria.foal_development.milestones_reached IS
  'JSON array of equoria.development_milestones codes, in the order reached.';

ALTER TABLE equoria.foal_development ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.foal_development FORCE ROW LEVEL SECURITY;

CREATE POLICY foal_development_select_own ON equoria.foal_development
  FOR SELECT TO equoria_app
  USING (EXISTS (SELECT 1 FROM equoria.horses h
                 WHERE h.id = foal_id AND h.owner_id = equoria.current_player_id()));
CREATE POLICY foal_development_select_admin ON equoria.foal_development
  FOR SELECT TO equoria_admin
  USING (true);
CREATE POLICY foal_development_all_engine ON equoria.foal_development
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.foal_development TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (foal_id), UPDATE (current_day, activities_completed, milestones_reached)
  ON equoria.foal_development TO equoria_engine;
