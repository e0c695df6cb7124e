-- What: creates the content_management schema.
-- Why:  learning material is kept apart from the curriculum so that one item can be reused by several lessons.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA content_management;

COMMENT ON SCHEMA content_management IS
  'E-learning platform: content items (JSONB bodies validated per content type), their previous versions, media metadata and the ranked search function.';
