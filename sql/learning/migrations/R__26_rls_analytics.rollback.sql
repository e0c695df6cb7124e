-- What: drops the policies and revokes the privileges of the analytics tables (undoes
--       R__26_rls_analytics.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON analytics.learning_events;
DROP POLICY owner_write ON analytics.learning_events;
DROP POLICY app_insert_client_events ON analytics.learning_events;
DROP POLICY tenant_read ON analytics.daily_engagement;
DROP POLICY owner_write ON analytics.daily_engagement;

REVOKE ALL ON analytics.learning_events, analytics.daily_engagement
  FROM learning_app, learning_reporting;
REVOKE ALL ON SEQUENCE analytics.learning_events_id_seq FROM learning_app;
