-- What: creates equoria.horses, the single table for every horse from newborn foal to
--       retired adult: ownership, parents, genetics, discipline scores, epigenetic traits,
--       foal bond/stress and development stage, training cooldown; the seed's indexes
--       (GIN on discipline_scores and epigenetic_modifiers included), row-level security,
--       policies and grants.
-- Why:  the seed has both owner_id INTEGER REFERENCES users(id) (a type error: users.id is a
--       UUID) and user_id VARCHAR REFERENCES users(id); ownership is modelled once here as
--       owner_id uuid NOT NULL. Foals are horses with a development stage rather than a
--       separate foals table, because foal_development and foal_training_history already
--       reference horses(id) and a foal keeps its identity (and history) when it grows up.

CREATE TABLE equoria.horses (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                 text NOT NULL
                       CONSTRAINT horses_name_length CHECK (length(name) BETWEEN 1 AND 100),
  age                  smallint NOT NULL
                       CONSTRAINT horses_age_range CHECK (age BETWEEN 0 AND 40),
  gender               text NOT NULL
                       CONSTRAINT horses_gender_valid
                       CHECK (gender IN ('stallion', 'mare', 'gelding', 'colt', 'filly')),
  breed_id             integer NOT NULL REFERENCES equoria.breeds (id) ON DELETE RESTRICT,
  owner_id             uuid NOT NULL REFERENCES equoria.users (id) ON DELETE RESTRICT,
  stable_id            bigint,
  sire_id              bigint REFERENCES equoria.horses (id) ON DELETE SET NULL,
  dam_id               bigint REFERENCES equoria.horses (id) ON DELETE SET NULL,
  genetics             jsonb NOT NULL
                       CONSTRAINT horses_genetics_shape CHECK (coalesce(
                             jsonb_typeof(genetics) = 'object'
                         AND jsonb_typeof(genetics -> 'dominant_alleles') = 'object'
                         AND jsonb_typeof(genetics -> 'recessive_alleles') = 'object'
                         AND jsonb_typeof(genetics -> 'inheritance_patterns') = 'object'
                         AND genetics - ARRAY['dominant_alleles', 'recessive_alleles', 'inheritance_patterns'] = '{}'
                         AND NOT jsonb_path_exists(genetics, '$.*.* ? (@.type() != "string")'),
                       false)),
  discipline_scores    jsonb NOT NULL DEFAULT '{}'
                       CONSTRAINT horses_discipline_scores_shape CHECK (coalesce(
                             jsonb_typeof(discipline_scores) = 'object'
                         AND NOT jsonb_path_exists(discipline_scores,
                               '$.* ? (@.type() != "number" || @ < 0 || @ > 100)'),
                       false)),
  epigenetic_modifiers jsonb NOT NULL DEFAULT '{"positive": [], "negative": [], "hidden": []}'
                       CONSTRAINT horses_epigenetic_modifiers_shape CHECK (coalesce(
                             jsonb_typeof(epigenetic_modifiers) = 'object'
                         AND jsonb_typeof(epigenetic_modifiers -> 'positive') = 'array'
                         AND jsonb_typeof(epigenetic_modifiers -> 'negative') = 'array'
                         AND jsonb_typeof(epigenetic_modifiers -> 'hidden') = 'array'
                         AND epigenetic_modifiers - ARRAY['positive', 'negative', 'hidden'] = '{}'
                         AND NOT jsonb_path_exists(epigenetic_modifiers, '$.*[*] ? (@.type() != "string")'),
                       false)),
  bond_score           smallint NOT NULL DEFAULT 50
                       CONSTRAINT horses_bond_score_range CHECK (bond_score BETWEEN 0 AND 100),
  stress_level         smallint NOT NULL DEFAULT 30
                       CONSTRAINT horses_stress_level_range CHECK (stress_level BETWEEN 0 AND 100),
  development_stage    text NOT NULL
                       CONSTRAINT horses_development_stage_valid
                       CHECK (development_stage IN ('newborn', 'weanling', 'yearling', 'two_year_old', 'adult')),
  training_cooldown    timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT horses_adult_from_age_3 CHECK ((development_stage = 'adult') = (age >= 3)),
  CONSTRAINT horses_not_own_parent CHECK (sire_id <> id AND dam_id <> id),
  CONSTRAINT horses_parents_distinct CHECK (sire_id <> dam_id),
  CONSTRAINT horses_stable_same_owner FOREIGN KEY (stable_id, owner_id)
    REFERENCES equoria.stables (id, owner_id) ON DELETE SET NULL (stable_id)
);

-- Indexes listed by the seed (idx_horses_user_id follows the fixed column: owner_id).
CREATE INDEX idx_horses_owner_id ON equoria.horses (owner_id);
CREATE INDEX idx_horses_training_cooldown ON equoria.horses (training_cooldown);
-- jsonb_ops: answers key existence and jsonpath (@?, @@) searches such as
--   discipline_scores @? '$."Racing" ? (@ >= 20)'
CREATE INDEX idx_horses_discipline_scores ON equoria.horses USING gin (discipline_scores);
-- jsonb_path_ops: smaller and faster for the containment searches traits need, e.g.
--   epigenetic_modifiers @> '{"positive": ["resilient"]}'
CREATE INDEX idx_horses_epigenetic_modifiers ON equoria.horses USING gin (epigenetic_modifiers jsonb_path_ops);
-- Foreign-key lookups (ON DELETE checks, pedigree queries).
CREATE INDEX idx_horses_breed_id ON equoria.horses (breed_id);
CREATE INDEX idx_horses_stable_id ON equoria.horses (stable_id) WHERE stable_id IS NOT NULL;
CREATE INDEX idx_horses_sire_id ON equoria.horses (sire_id) WHERE sire_id IS NOT NULL;
CREATE INDEX idx_horses_dam_id ON equoria.horses (dam_id) WHERE dam_id IS NOT NULL;

COMMENT ON TABLE equoria.horses IS
  'Every horse, foals included (a foal is a horse younger than 3; see development_stage and the foals view).';
COMMENT ON COLUMN equoria.horses.age IS 'Age in whole game years, 0-40. Training and shows need 3+, breeding 3-20.';
COMMENT ON COLUMN equoria.horses.gender IS 'stallion, mare, gelding, colt (young male) or filly (young female). Only a stallion sires and only a mare foals.';
COMMENT ON COLUMN equoria.horses.owner_id IS
  'The owning player. Replaces the seed''s owner_id INTEGER and user_id VARCHAR pair (see README).';
COMMENT ON COLUMN equoria.horses.stable_id IS 'Stable the horse stands in; must belong to owner_id. NULL when unstabled.';
COMMENT ON COLUMN equoria.horses.sire_id IS 'Father; NULL for foundation stock or when the sire was deleted.';
COMMENT ON COLUMN equoria.horses.dam_id IS 'Mother; NULL for foundation stock or when the dam was deleted.';
COMMENT ON COLUMN equoria.horses.genetics IS
  '{"dominant_alleles": {gene: allele}, "recessive_alleles": {gene: allele}, "inheritance_patterns": {gene: pattern}} '
  'for every gene in equoria.genes; the dominant allele is the higher-ranked of the pair.';
COMMENT ON COLUMN equoria.horses.discipline_scores IS
  '{discipline name: score 0-100}; a discipline never trained is absent (score 0).';
COMMENT ON COLUMN equoria.horses.epigenetic_modifiers IS
  '{"positive": [...], "negative": [...], "hidden": [...]} trait names from equoria.traits; '
  'hidden traits move to their polarity''s list when discovered.';
COMMENT ON COLUMN equoria.horses.bond_score IS 'Bond with people, 0-100; raised by foal enrichment.';
COMMENT ON COLUMN equoria.horses.stress_level IS 'Stress, 0-100; lowers show scores and steers trait discovery.';
COMMENT ON COLUMN equoria.horses.development_stage IS
  'newborn (in the 7-day enrichment program), weanling, yearling, two_year_old, or adult (exactly when age >= 3).';
COMMENT ON COLUMN equoria.horses.training_cooldown IS
  'The horse may not train any discipline before this time (set to one day after each session); NULL = free.';

ALTER TABLE equoria.horses ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.horses FORCE ROW LEVEL SECURITY;

CREATE POLICY horses_select_all ON equoria.horses
  FOR SELECT TO equoria_app, equoria_admin
  USING (true);
CREATE POLICY horses_update_own ON equoria.horses
  FOR UPDATE TO equoria_app
  USING (owner_id = equoria.current_player_id())
  WITH CHECK (owner_id = equoria.current_player_id());
CREATE POLICY horses_all_engine ON equoria.horses
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.horses TO equoria_app, equoria_admin, equoria_engine;
GRANT UPDATE (name, stable_id) ON equoria.horses TO equoria_app;
GRANT INSERT (name, age, gender, breed_id, owner_id, stable_id, sire_id, dam_id, genetics,
              discipline_scores, epigenetic_modifiers, bond_score, stress_level, development_stage)
  ON equoria.horses TO equoria_engine;
GRANT UPDATE (discipline_scores, epigenetic_modifiers, bond_score, stress_level,
              development_stage, training_cooldown)
  ON equoria.horses TO equoria_engine;
