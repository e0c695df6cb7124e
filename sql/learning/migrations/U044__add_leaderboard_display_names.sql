-- What: drops the leaderboard display names, their foreign keys and indexes (undoes V044).
-- Why:  the leaderboards join user_management.users for names again (R__75 as before V044).

SET LOCAL ROLE learning_owner;

DROP INDEX gamification.weekly_points_by_user_idx;
DROP INDEX gamification.point_balances_by_user_idx;
ALTER TABLE gamification.weekly_points DROP COLUMN display_name;     -- drops its foreign key
ALTER TABLE gamification.point_balances DROP COLUMN display_name;    -- drops its foreign key
DROP INDEX user_management.users_id_display_name_key;

RESET ROLE;
