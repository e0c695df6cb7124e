-- What: creates equoria.development_milestones, the milestones of the 7-day foal
--       enrichment program, and fills it.
-- Why:  reaching a milestone records it in foal_development.milestones_reached and
--       discovers one hidden trait; the last milestone ends the program (stage weanling).
--       Keeping them in a table lets a DBA read and tune the program without code.

CREATE TABLE equoria.development_milestones (
  code        text PRIMARY KEY
              CONSTRAINT development_milestones_code_format CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
  program_day smallint NOT NULL
              CONSTRAINT development_milestones_program_day_unique UNIQUE
              CONSTRAINT development_milestones_program_day_range CHECK (program_day BETWEEN 1 AND 7),
  description text NOT NULL DEFAULT ''
);

COMMENT ON TABLE equoria.development_milestones IS
  'Milestones of the 7-day foal enrichment program; each one discovers a hidden trait.';
COMMENT ON COLUMN equoria.development_milestones.program_day IS
  'The milestone is reached when the activity of this program day (1-7) is completed; day 7 ends the program.';

INSERT INTO equoria.development_milestones (code, program_day, description) VALUES
  ('imprinting',    1, 'First handling: the foal accepts human touch'),
  ('socialization', 3, 'The foal seeks company of people and herd'),
  ('curiosity',     5, 'The foal explores new objects and places'),
  ('weaning',       7, 'Program complete: the foal becomes a weanling');

GRANT SELECT ON equoria.development_milestones TO equoria_app, equoria_admin, equoria_engine;
