-- What: creates course_management.enrollments, a member taking a course.
-- Why:  progress_percent, status and completed_at are maintained by the lesson-progress
--       trigger; reaching completion awards the course's completion_points (once).

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.enrollments (
  id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   uuid         NOT NULL,
  course_id         uuid         NOT NULL,
  user_id           uuid         NOT NULL,
  status            text         NOT NULL DEFAULT 'active',
  progress_percent  numeric(5,2) NOT NULL DEFAULT 0,
  enrolled_at       timestamptz  NOT NULL DEFAULT now(),
  completed_at      timestamptz,
  last_activity_at  timestamptz,
  CONSTRAINT enrollments_course_user_key UNIQUE (course_id, user_id),
  CONSTRAINT enrollments_identity_key UNIQUE (organization_id, id, course_id, user_id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT enrollments_status_known CHECK (status IN ('active', 'completed', 'dropped')),
  CONSTRAINT enrollments_progress_range CHECK (progress_percent BETWEEN 0 AND 100),
  CONSTRAINT enrollments_completed_at_iff_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CONSTRAINT enrollments_completed_after_enrolled CHECK (completed_at >= enrolled_at)
);

CREATE INDEX enrollments_user_idx ON course_management.enrollments (organization_id, user_id);

ALTER TABLE course_management.enrollments ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.enrollments FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.enrollments IS
  'A member taking a course. Prerequisites are checked on insert; progress and completion are maintained by trigger.';
COMMENT ON COLUMN course_management.enrollments.progress_percent IS
  'Share of the course''s required lessons completed, maintained by the lesson_progress trigger.';
COMMENT ON COLUMN course_management.enrollments.status IS
  'active, completed (every required lesson done; final) or dropped (activity in the course makes it active again).';
COMMENT ON CONSTRAINT enrollments_identity_key ON course_management.enrollments IS
  'Target of the lesson_progress foreign key, which keeps a progress row''s course and user equal to its enrollment''s.';

RESET ROLE;
