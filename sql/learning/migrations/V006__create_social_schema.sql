-- What: creates the social schema.
-- Why:  peer interaction within an organization; posts are searchable and count towards badges.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA social;

COMMENT ON SCHEMA social IS
  'E-learning platform: forums, threads, posts, reactions and direct messages.';
