-- What: creates course_management.lesson_progress, a learner's state in one lesson.
-- Why:  completing a lesson (status -> completed) starts the gamification trigger chain:
--       points, enrollment progress, streak, level, badges. The composite foreign keys make
--       the lesson belong to the enrollment's course and the user be the enrollment's user.

SET LOCAL ROLE learning_owner;

CREATE TABLE course_management.lesson_progress (
  id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id     uuid        NOT NULL,
  enrollment_id       uuid        NOT NULL,
  course_id           uuid        NOT NULL,
  user_id             uuid        NOT NULL,
  lesson_id           uuid        NOT NULL,
  status              text        NOT NULL DEFAULT 'in_progress',
  started_at          timestamptz NOT NULL DEFAULT now(),
  completed_at        timestamptz,
  time_spent_seconds  integer     NOT NULL DEFAULT 0,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lesson_progress_enrollment_lesson_key UNIQUE (enrollment_id, lesson_id),
  FOREIGN KEY (organization_id, enrollment_id, course_id, user_id)
    REFERENCES course_management.enrollments (organization_id, id, course_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, course_id, lesson_id)
    REFERENCES course_management.lessons (organization_id, course_id, id) ON DELETE CASCADE,
  CONSTRAINT lesson_progress_status_known CHECK (status IN ('in_progress', 'completed')),
  CONSTRAINT lesson_progress_completed_at_iff_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CONSTRAINT lesson_progress_completed_after_start CHECK (completed_at >= started_at),
  CONSTRAINT lesson_progress_time_spent_nonnegative CHECK (time_spent_seconds >= 0)
);

CREATE INDEX lesson_progress_user_status_idx ON course_management.lesson_progress (organization_id, user_id, status);
CREATE INDEX lesson_progress_lesson_idx ON course_management.lesson_progress (lesson_id);

ALTER TABLE course_management.lesson_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE course_management.lesson_progress FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE course_management.lesson_progress IS
  'A learner''s state in one lesson of an enrollment. Completion is final and starts the gamification trigger chain.';
COMMENT ON COLUMN course_management.lesson_progress.course_id IS 'Course of the enrollment and of the lesson (both enforced by composite foreign keys).';
COMMENT ON COLUMN course_management.lesson_progress.user_id IS 'Learner of the enrollment (enforced by the composite foreign key).';
COMMENT ON COLUMN course_management.lesson_progress.time_spent_seconds IS 'Time the client reports the learner spent in the lesson.';

RESET ROLE;
