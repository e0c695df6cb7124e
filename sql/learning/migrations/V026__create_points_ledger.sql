-- What: creates gamification.points_ledger, the append-only record of every point awarded.
-- Why:  points are never updated in place: a correction is a new (negative) manual row.
--       The partial unique index is the idempotency key of automatic awards: one row per
--       (learner, reason, source), so a replayed or concurrent event cannot award twice.
--       Balances, weekly totals and levels are maintained from it by trigger. A trigger in
--       R__40_fn_gamification.sql refuses UPDATE and DELETE, whoever runs them; the foreign
--       keys are ON DELETE RESTRICT for the same reason (a member with points history is
--       suspended, not deleted).

SET LOCAL ROLE learning_owner;

CREATE TABLE gamification.points_ledger (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  points           integer     NOT NULL,
  reason           text        NOT NULL,
  source_id        uuid,
  note             text,
  awarded_by       uuid,
  awarded_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE RESTRICT,
  FOREIGN KEY (organization_id, awarded_by)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT points_ledger_reason_known CHECK (reason IN (
    'lesson_completed', 'course_completed', 'quiz_passed', 'assignment_graded',
    'badge_earned', 'achievement_unlocked', 'manual_adjustment')),
  CONSTRAINT points_ledger_points_range CHECK (points <> 0 AND points BETWEEN -100000 AND 100000),
  CONSTRAINT points_ledger_only_manual_negative CHECK (points > 0 OR reason = 'manual_adjustment'),
  CONSTRAINT points_ledger_source_iff_automatic CHECK ((source_id IS NULL) = (reason = 'manual_adjustment')),
  CONSTRAINT points_ledger_manual_has_note CHECK (reason <> 'manual_adjustment' OR coalesce(length(btrim(note)), 0) > 0)
);

CREATE UNIQUE INDEX points_ledger_once_per_source
  ON gamification.points_ledger (organization_id, user_id, reason, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX points_ledger_organization_awarded_at_idx ON gamification.points_ledger (organization_id, awarded_at);

ALTER TABLE gamification.points_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE gamification.points_ledger FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE gamification.points_ledger IS
  'Append-only points ledger: never updated or deleted (trigger). Balances and levels are derived from it.';
COMMENT ON COLUMN gamification.points_ledger.reason IS
  'Why the points were awarded; every reason but manual_adjustment is automatic and names its source.';
COMMENT ON COLUMN gamification.points_ledger.source_id IS
  'The lesson, course, quiz, assignment, badge or achievement the points are for; with (user, reason) the idempotency key.';
COMMENT ON COLUMN gamification.points_ledger.awarded_by IS 'Member who made a manual adjustment.';
COMMENT ON INDEX gamification.points_ledger_once_per_source IS
  'Idempotency key: an automatic award happens at most once per learner, reason and source.';

RESET ROLE;
