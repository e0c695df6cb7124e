-- What: drops the policies and revokes the privileges of the social tables (undoes
--       R__25_rls_social.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON social.forums;
DROP POLICY owner_write ON social.forums;
DROP POLICY app_write ON social.forums;
DROP POLICY tenant_isolation ON social.threads;
DROP POLICY owner_write ON social.threads;
DROP POLICY app_update_author_or_moderator ON social.threads;
DROP POLICY tenant_isolation ON social.posts;
DROP POLICY owner_write ON social.posts;
DROP POLICY app_update_author_or_moderator ON social.posts;
DROP POLICY tenant_isolation ON social.reactions;
DROP POLICY owner_write ON social.reactions;
DROP POLICY participants_read ON social.direct_messages;
DROP POLICY sender_insert ON social.direct_messages;
DROP POLICY recipient_update ON social.direct_messages;

REVOKE ALL ON social.forums, social.threads, social.posts, social.reactions, social.direct_messages
  FROM learning_app, learning_reporting;
