-- What: creates assessment.submissions, a learner's hand-in for an assignment.
-- Why:  one submission per learner and assignment (edited until graded); the grade lives
--       in assessment.grades (V036).

SET LOCAL ROLE learning_owner;

CREATE TABLE assessment.submissions (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id      uuid        NOT NULL,
  assignment_id        uuid        NOT NULL,
  user_id              uuid        NOT NULL,
  body                 text,
  attachment_media_id  uuid,
  status               text        NOT NULL DEFAULT 'submitted',
  submitted_at         timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT submissions_assignment_user_key UNIQUE (assignment_id, user_id),
  CONSTRAINT submissions_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, assignment_id)
    REFERENCES assessment.assignments (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, attachment_media_id)
    REFERENCES content_management.media_assets (organization_id, id) ON DELETE SET NULL (attachment_media_id),
  CONSTRAINT submissions_status_known CHECK (status IN ('submitted', 'graded', 'returned')),
  CONSTRAINT submissions_has_content CHECK (coalesce(length(btrim(body)), 0) > 0 OR attachment_media_id IS NOT NULL)
);

CREATE INDEX submissions_user_idx ON assessment.submissions (organization_id, user_id);

ALTER TABLE assessment.submissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment.submissions FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE assessment.submissions IS 'A learner''s hand-in for an assignment; at most one per learner and assignment.';
COMMENT ON COLUMN assessment.submissions.status IS 'submitted, graded (set when a grade is recorded) or returned (sent back for rework).';

RESET ROLE;
