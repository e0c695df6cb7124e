-- What: creates equoria.competition_results, the scored outcome of each show entry
--       (score, placement with ties, prize and xp paid), with the seed's indexes,
--       row-level security, policies and grants.
-- Why:  results are written only by equoria.run_show(). A result must belong to an entry
--       (composite foreign key to show_entries) and repeat its show's discipline (composite
--       foreign key to shows (id, discipline)), so the seed's redundant discipline column
--       can never disagree with the show.

CREATE TABLE equoria.competition_results (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id     bigint NOT NULL,
  horse_id    bigint NOT NULL,
  discipline  text NOT NULL,
  score       numeric(6, 2) NOT NULL
              CONSTRAINT competition_results_score_nonnegative CHECK (score >= 0),
  placement   smallint NOT NULL
              CONSTRAINT competition_results_placement_positive CHECK (placement >= 1),
  prize_money integer NOT NULL DEFAULT 0
              CONSTRAINT competition_results_prize_money_nonnegative CHECK (prize_money >= 0),
  xp_awarded  integer NOT NULL DEFAULT 0
              CONSTRAINT competition_results_xp_awarded_nonnegative CHECK (xp_awarded >= 0),
  run_date    timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT competition_results_show_horse_unique UNIQUE (show_id, horse_id),
  CONSTRAINT competition_results_entry_fkey FOREIGN KEY (show_id, horse_id)
    REFERENCES equoria.show_entries (show_id, horse_id) ON DELETE RESTRICT,
  CONSTRAINT competition_results_show_discipline_fkey FOREIGN KEY (show_id, discipline)
    REFERENCES equoria.shows (id, discipline) ON DELETE RESTRICT
);

CREATE INDEX idx_competition_results_horse_id ON equoria.competition_results (horse_id);
CREATE INDEX idx_competition_results_show_id ON equoria.competition_results (show_id, placement);

COMMENT ON TABLE equoria.competition_results IS
  'Scored show entries, written by equoria.run_show(); public (every player sees results).';
COMMENT ON COLUMN equoria.competition_results.discipline IS 'Copy of shows.discipline, enforced by a composite foreign key.';
COMMENT ON COLUMN equoria.competition_results.score IS
  'discipline score + 2 per positive trait - 2 per negative trait + bond/20 - stress/10 + random luck (0..shows.luck_max), floored at 0.';
COMMENT ON COLUMN equoria.competition_results.placement IS
  'Rank by score, 1 = winner; tied scores share a rank and the next rank is skipped (1, 1, 3). '
  'An integer instead of the seed''s VARCHAR "1st".';
COMMENT ON COLUMN equoria.competition_results.prize_money IS 'Coins paid to the entry''s owner.';
COMMENT ON COLUMN equoria.competition_results.xp_awarded IS 'Experience paid to the entry''s owner (30/20/15 for places 1-3, 5 otherwise).';
COMMENT ON COLUMN equoria.competition_results.run_date IS 'When the show was scored (shows.completed_at).';

ALTER TABLE equoria.competition_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.competition_results FORCE ROW LEVEL SECURITY;

CREATE POLICY competition_results_select_all ON equoria.competition_results
  FOR SELECT TO equoria_app, equoria_admin
  USING (true);
CREATE POLICY competition_results_all_engine ON equoria.competition_results
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.competition_results TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (show_id, horse_id, discipline, score, placement, prize_money, xp_awarded, run_date)
  ON equoria.competition_results TO equoria_engine;
