-- What: creates gamification.levels, each organization's level thresholds.
-- Why:  a learner's level is the highest level whose min_points their total has reached;
--       the points-ledger trigger raises it when a threshold is crossed. Thresholds must rise
--       with the level number (checked by a statement trigger in R__40_fn_gamification.sql).

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.levels (
  organization_id  uuid    NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  level_number     integer NOT NULL,
  name             text    NOT NULL,
  min_points       bigint  NOT NULL,
  PRIMARY KEY (organization_id, level_number),
  CONSTRAINT levels_organization_min_points_key UNIQUE (organization_id, min_points),
  CONSTRAINT levels_level_number_positive CHECK (level_number >= 1),
  CONSTRAINT levels_min_points_nonnegative CHECK (min_points >= 0),
  CONSTRAINT levels_first_starts_at_zero CHECK (level_number > 1 OR min_points = 0),
  CONSTRAINT levels_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100)
);

ALTER TABLE gamification.levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.levels FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.levels IS 'Level thresholds per organization; thresholds rise with the level number.';
COMMENT ON COLUMN gamification.levels.min_points IS 'Total points at which a learner reaches this level; level 1 starts at 0.';

RESET ROLE;
