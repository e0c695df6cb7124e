-- What: creates social.forums, discussion boards of an organization or of one course.
-- Why:  the container of threads; creating and locking forums needs forum.moderate.

SET LOCAL ROLE learning_owner;

CREATE TABLE social.forums (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL REFERENCES user_management.organizations (id) ON DELETE CASCADE,
  course_id        uuid,
  title            text        NOT NULL,
  description      text,
  is_locked        boolean     NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT forums_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, course_id)
    REFERENCES course_management.courses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT forums_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200)
);

CREATE INDEX forums_course_idx ON social.forums (organization_id, course_id);

ALTER TABLE social.forums ENABLE ROW LEVEL SECURITY;
ALTER TABLE social.forums FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE social.forums IS 'Discussion boards; course_id NULL for an organization-wide forum.';
COMMENT ON COLUMN social.forums.is_locked IS 'No new threads or posts while locked.';

RESET ROLE;
