-- What: drops the policies and revokes the privileges of the content_management tables (undoes
--       R__22_rls_content_management.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON content_management.content_items;
DROP POLICY owner_write ON content_management.content_items;
DROP POLICY app_write ON content_management.content_items;
DROP POLICY tenant_read ON content_management.content_versions;
DROP POLICY owner_write ON content_management.content_versions;
DROP POLICY tenant_read ON content_management.media_assets;
DROP POLICY owner_write ON content_management.media_assets;
DROP POLICY app_write ON content_management.media_assets;

REVOKE ALL ON content_management.content_items, content_management.content_versions, content_management.media_assets
  FROM learning_app, learning_reporting;
