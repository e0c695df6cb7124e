-- What: per-competitor quest state: pulseplus.quest_progress (in progress or completed) and
--       pulseplus.quest_objective_progress (count done per objective); indexes, row-level
--       security (a user sees their own quest progress; operators all), grants.
-- Why:  the seed lists quest and quest_objective definitions only; completing objectives and
--       quests needs per-competitor rows. "Completed" is recorded once
--       (CHECK: completed exactly when completed_at is set) and pulseplus.complete_objective
--       pays the rewards in the same transaction as that change.

CREATE TABLE pulseplus.quest_progress (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id uuid NOT NULL,
  quest_id      uuid NOT NULL,
  game_id       uuid NOT NULL,
  status        text NOT NULL DEFAULT 'in_progress'
                CONSTRAINT quest_progress_status_valid CHECK (status IN ('in_progress', 'completed')),
  started_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quest_progress_completed_at_matches CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CONSTRAINT quest_progress_competitor_quest_key UNIQUE (competitor_id, quest_id),
  CONSTRAINT quest_progress_competitor_of_game FOREIGN KEY (competitor_id, game_id)
    REFERENCES pulseplus.competitor (id, game_id) ON DELETE CASCADE,
  CONSTRAINT quest_progress_quest_of_game FOREIGN KEY (quest_id, game_id)
    REFERENCES pulseplus.quest (id, game_id) ON DELETE CASCADE
);

CREATE INDEX quest_progress_quest_idx ON pulseplus.quest_progress (quest_id, game_id);

COMMENT ON TABLE pulseplus.quest_progress IS
  'A competitor''s state in one quest, created by the first objective progress. Written by pulseplus.complete_objective.';
COMMENT ON COLUMN pulseplus.quest_progress.game_id IS 'Game of both the competitor and the quest (composite foreign keys).';
COMMENT ON COLUMN pulseplus.quest_progress.status IS 'in_progress, or completed (every objective done; rewards paid).';

CREATE TABLE pulseplus.quest_objective_progress (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  quest_progress_id uuid NOT NULL REFERENCES pulseplus.quest_progress (id) ON DELETE CASCADE,
  objective_id      uuid NOT NULL REFERENCES pulseplus.quest_objective (id) ON DELETE CASCADE,
  progress          integer NOT NULL DEFAULT 0
                    CONSTRAINT quest_objective_progress_progress_range CHECK (progress BETWEEN 0 AND 1000000),
  completed_at      timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quest_objective_progress_completed_needs_progress CHECK (completed_at IS NULL OR progress >= 1),
  CONSTRAINT quest_objective_progress_quest_objective_key UNIQUE (quest_progress_id, objective_id)
);

CREATE INDEX quest_objective_progress_objective_id_idx ON pulseplus.quest_objective_progress (objective_id);

COMMENT ON TABLE pulseplus.quest_objective_progress IS 'Progress of a competitor on one objective of a quest.';
COMMENT ON COLUMN pulseplus.quest_objective_progress.progress IS 'Times done so far, capped at the objective''s target_count.';
COMMENT ON COLUMN pulseplus.quest_objective_progress.completed_at IS 'When progress reached target_count; NULL: not done yet.';

ALTER TABLE pulseplus.quest_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.quest_progress FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.quest_objective_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.quest_objective_progress FORCE ROW LEVEL SECURITY;

CREATE POLICY quest_progress_select_own ON pulseplus.quest_progress
  FOR SELECT TO pulseplus_app
  USING (EXISTS (SELECT 1 FROM pulseplus.competitor c
                  WHERE c.id = competitor_id AND c.user_id = pulseplus.acting_user_id()));
CREATE POLICY quest_progress_select_admin ON pulseplus.quest_progress
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY quest_progress_all_engine ON pulseplus.quest_progress
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);
CREATE POLICY quest_objective_progress_select_own ON pulseplus.quest_objective_progress
  FOR SELECT TO pulseplus_app
  USING (EXISTS (SELECT 1 FROM pulseplus.quest_progress qp
                   JOIN pulseplus.competitor c ON c.id = qp.competitor_id
                  WHERE qp.id = quest_progress_id AND c.user_id = pulseplus.acting_user_id()));
CREATE POLICY quest_objective_progress_select_admin ON pulseplus.quest_objective_progress
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY quest_objective_progress_all_engine ON pulseplus.quest_objective_progress
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.quest_progress, pulseplus.quest_objective_progress
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT (competitor_id, quest_id, game_id), UPDATE (status, completed_at)
  ON pulseplus.quest_progress TO pulseplus_engine;
GRANT INSERT (quest_progress_id, objective_id, progress, completed_at), UPDATE (progress, completed_at)
  ON pulseplus.quest_objective_progress TO pulseplus_engine;
