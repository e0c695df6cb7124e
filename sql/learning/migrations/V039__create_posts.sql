-- What: creates social.posts with a generated, GIN-indexed tsvector.
-- Why:  forum posts are searchable (content_management.search) and count towards forum
--       badges; deletion is soft (deleted_at) so that replies keep their context.

SET LOCAL ROLE learning_owner;

CREATE TABLE social.posts (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL,
  thread_id        uuid        NOT NULL,
  author_id        uuid,
  parent_post_id   uuid,
  body             text        NOT NULL,
  search_vector    tsvector    GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
  created_at       timestamptz NOT NULL DEFAULT now(),
  edited_at        timestamptz,
  deleted_at       timestamptz,
  CONSTRAINT posts_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, thread_id)
    REFERENCES social.threads (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, author_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (author_id),
  FOREIGN KEY (organization_id, parent_post_id)
    REFERENCES social.posts (organization_id, id) ON DELETE SET NULL (parent_post_id),
  CONSTRAINT posts_body_length CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
  CONSTRAINT posts_not_own_parent CHECK (parent_post_id <> id)
);

CREATE INDEX posts_search_vector_idx ON social.posts USING gin (search_vector);
CREATE INDEX posts_thread_idx ON social.posts (thread_id, created_at);
CREATE INDEX posts_author_idx ON social.posts (organization_id, author_id);

ALTER TABLE social.posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE social.posts FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE social.posts IS 'Forum posts; deletion is soft (deleted_at).';
COMMENT ON COLUMN social.posts.parent_post_id IS 'Post this one replies to, in the same organization.';
COMMENT ON COLUMN social.posts.search_vector IS 'Generated from body; English configuration.';
COMMENT ON COLUMN social.posts.edited_at IS 'Last edit of the body, set by trigger.';

RESET ROLE;
