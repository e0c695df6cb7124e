-- What: creates equoria.training_logs, one row per training session, with the seed's
--       (horse_id, discipline) index extended by trained_at, row-level security,
--       policies and grants.
-- Why:  the per-discipline cooldown is computed from this history ("last session of this
--       horse in this discipline"), which the index answers with a single index probe.

CREATE TABLE equoria.training_logs (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  horse_id   bigint NOT NULL REFERENCES equoria.horses (id) ON DELETE CASCADE,
  discipline text NOT NULL REFERENCES equoria.disciplines (name) ON DELETE RESTRICT,
  score_gain smallint NOT NULL
             CONSTRAINT training_logs_score_gain_range CHECK (score_gain BETWEEN 0 AND 100),
  trained_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_training_logs_horse_discipline
  ON equoria.training_logs (horse_id, discipline, trained_at DESC);

COMMENT ON TABLE equoria.training_logs IS
  'Training sessions written by equoria.train_horse(); source of the 7-day per-discipline cooldown.';
COMMENT ON COLUMN equoria.training_logs.score_gain IS
  'Points actually added to horses.discipline_scores (0 when the score was already 100).';

ALTER TABLE equoria.training_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.training_logs FORCE ROW LEVEL SECURITY;

CREATE POLICY training_logs_select_own ON equoria.training_logs
  FOR SELECT TO equoria_app
  USING (EXISTS (SELECT 1 FROM equoria.horses h
                 WHERE h.id = horse_id AND h.owner_id = equoria.current_player_id()));
CREATE POLICY training_logs_select_admin ON equoria.training_logs
  FOR SELECT TO equoria_admin
  USING (true);
CREATE POLICY training_logs_all_engine ON equoria.training_logs
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.training_logs TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (horse_id, discipline, score_gain) ON equoria.training_logs TO equoria_engine;
