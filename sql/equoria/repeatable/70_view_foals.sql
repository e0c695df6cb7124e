-- What: view equoria.foals: every horse younger than 3 with the seed's foal columns, its
--       visible genetics and its enrichment progress.
-- Why:  foals are modelled as horses with a development stage (see 0010 and the README);
--       this view gives readers the seed's "foals" shape without a second table.
--       security_invoker makes the caller's row-level security apply to the underlying
--       tables.

CREATE OR REPLACE VIEW equoria.foals WITH (security_invoker = true) AS
SELECT h.id,
       h.name,
       h.age,
       h.gender,
       h.breed_id,
       h.owner_id,
       h.stable_id,
       h.sire_id,
       h.dam_id,
       h.genetics,
       equoria.genetic_phenotype(h.genetics) AS phenotype,
       h.epigenetic_modifiers              AS traits,
       h.bond_score,
       h.stress_level,
       h.development_stage,
       coalesce(d.current_day, 0)          AS program_days_completed,
       coalesce(d.milestones_reached, '[]'::jsonb) AS milestones_reached,
       h.created_at
  FROM equoria.horses h
  LEFT JOIN equoria.foal_development d ON d.foal_id = h.id
 WHERE h.age < 3;

COMMENT ON VIEW equoria.foals IS
  'Horses younger than 3 (foals) with phenotype and enrichment progress; runs with the caller''s privileges.';
COMMENT ON COLUMN equoria.foals.traits IS 'horses.epigenetic_modifiers (the seed''s foals.traits).';
COMMENT ON COLUMN equoria.foals.program_days_completed IS 'foal_development.current_day, 0 when the program has not started.';

GRANT SELECT ON equoria.foals TO equoria_app, equoria_admin;
