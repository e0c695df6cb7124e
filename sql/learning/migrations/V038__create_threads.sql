-- What: creates social.threads, a topic in a forum.
-- Why:  post_count and last_post_at are maintained by the posts trigger (the application
--       cannot write them), so thread lists need no aggregate over posts.

SET LOCAL ROLE learning_owner;

CREATE TABLE social.threads (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid        NOT NULL,
  forum_id         uuid        NOT NULL,
  author_id        uuid,
  title            text        NOT NULL,
  is_pinned        boolean     NOT NULL DEFAULT false,
  is_locked        boolean     NOT NULL DEFAULT false,
  post_count       integer     NOT NULL DEFAULT 0,
  last_post_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT threads_organization_id_id_key UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, forum_id)
    REFERENCES social.forums (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, author_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE SET NULL (author_id),
  CONSTRAINT threads_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT threads_post_count_nonnegative CHECK (post_count >= 0)
);

CREATE INDEX threads_forum_idx ON social.threads (forum_id, is_pinned DESC, last_post_at DESC);
CREATE INDEX threads_organization_id_idx ON social.threads (organization_id);

ALTER TABLE social.threads ENABLE ROW LEVEL SECURITY;
ALTER TABLE social.threads FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE social.threads IS 'Topics in a forum.';
COMMENT ON COLUMN social.threads.post_count IS 'Posts not deleted, maintained by trigger.';
COMMENT ON COLUMN social.threads.last_post_at IS 'Time of the latest post, maintained by trigger.';
COMMENT ON COLUMN social.threads.is_locked IS 'No new posts while locked (moderators: forum.moderate).';

RESET ROLE;
