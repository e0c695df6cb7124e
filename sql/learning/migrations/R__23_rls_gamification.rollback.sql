-- What: drops the policies and revokes the privileges of the gamification tables (undoes
--       R__23_rls_gamification.sql).
-- Why:  with RLS still forced and no policy left, the tables are closed to everyone but
--       superusers until the file is applied again.

DROP POLICY tenant_read ON gamification.levels;
DROP POLICY owner_write ON gamification.levels;
DROP POLICY app_write ON gamification.levels;
DROP POLICY tenant_read ON gamification.badges;
DROP POLICY owner_write ON gamification.badges;
DROP POLICY app_write ON gamification.badges;
DROP POLICY tenant_read ON gamification.achievements;
DROP POLICY owner_write ON gamification.achievements;
DROP POLICY app_write ON gamification.achievements;
DROP POLICY tenant_read ON gamification.points_ledger;
DROP POLICY owner_write ON gamification.points_ledger;
DROP POLICY tenant_read ON gamification.point_balances;
DROP POLICY owner_write ON gamification.point_balances;
DROP POLICY tenant_read ON gamification.weekly_points;
DROP POLICY owner_write ON gamification.weekly_points;
DROP POLICY tenant_read ON gamification.user_badges;
DROP POLICY owner_write ON gamification.user_badges;
DROP POLICY tenant_read ON gamification.user_achievements;
DROP POLICY owner_write ON gamification.user_achievements;
DROP POLICY tenant_read ON gamification.streaks;
DROP POLICY owner_write ON gamification.streaks;

REVOKE ALL ON gamification.levels, gamification.badges, gamification.achievements, gamification.points_ledger, gamification.point_balances, gamification.weekly_points, gamification.user_badges, gamification.user_achievements, gamification.streaks
  FROM learning_app, learning_reporting;
