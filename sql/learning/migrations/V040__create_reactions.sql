-- What: creates social.reactions, members' reactions to posts.
-- Why:  one reaction of each kind per member and post (the primary key makes reacting
--       twice a no-op with ON CONFLICT DO NOTHING).

SET LOCAL ROLE learning_owner;

CREATE TABLE social.reactions (
  organization_id  uuid        NOT NULL,
  post_id          uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  reaction         text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id, reaction),
  FOREIGN KEY (organization_id, post_id)
    REFERENCES social.posts (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT reactions_kind_known CHECK (reaction IN ('like', 'love', 'insightful', 'thanks', 'celebrate'))
);

CREATE INDEX reactions_user_idx ON social.reactions (organization_id, user_id);

ALTER TABLE social.reactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE social.reactions FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE social.reactions IS 'Reactions to posts: like, love, insightful, thanks, celebrate; one of each per member and post.';

RESET ROLE;
