-- What: adds display_name to gamification.point_balances and gamification.weekly_points,
--       kept equal to user_management.users.display_name by a foreign key
--       (user_id, display_name) -> users (id, display_name) ON UPDATE CASCADE.
-- Why:  the leaderboards (top 50 of an organization, all-time and weekly) are the most read
--       queries of the platform, and joining users for the names cost half of each call:
--       50 index probes into users plus, per row, the users row-level policy's membership
--       probe. The name now travels with the balance. It is safe to show: a balance row
--       exists only for a member of the organization (its foreign key to
--       organization_members cascades on delete), which is whom the users policy lets the
--       board see. The foreign key, not a trigger, keeps the copy true: a rename cascades to
--       the learner's rows in every organization (referential actions are not subject to
--       row-level security, which confines the owner to one organization at a time), and a
--       row with a stale name cannot be written. The ledger trigger (R__40) writes the name
--       with a new row.
-- Cost: one transaction that rewrites both tables under ACCESS EXCLUSIVE locks, so points
--       cannot be awarded while it runs: 54 s at the benchmark scale (200,000
--       balances, 1.6 million weekly rows). Apply it in a quiet hour.

SET LOCAL ROLE learning_owner;

-- The target of the foreign keys: (id, display_name) is unique because id is.
CREATE UNIQUE INDEX users_id_display_name_key ON user_management.users (id, display_name);

ALTER TABLE gamification.point_balances ADD COLUMN display_name text;
ALTER TABLE gamification.weekly_points ADD COLUMN display_name text;

-- The backfill runs as the session user, not learning_owner: the owner's policies see only
-- the context organization. The runner connects as a superuser (or a BYPASSRLS role); any
-- other role sees no rows here, and then SET NOT NULL below (which checks every row,
-- whatever the policies) fails and the whole migration rolls back.
RESET ROLE;
UPDATE gamification.point_balances b
   SET display_name = u.display_name
  FROM user_management.users u
 WHERE u.id = b.user_id;
UPDATE gamification.weekly_points w
   SET display_name = u.display_name
  FROM user_management.users u
 WHERE u.id = w.user_id;
SET LOCAL ROLE learning_owner;

ALTER TABLE gamification.point_balances
  ALTER COLUMN display_name SET NOT NULL,
  ADD CONSTRAINT point_balances_display_name_fkey FOREIGN KEY (user_id, display_name)
    REFERENCES user_management.users (id, display_name) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE gamification.weekly_points
  ALTER COLUMN display_name SET NOT NULL,
  ADD CONSTRAINT weekly_points_display_name_fkey FOREIGN KEY (user_id, display_name)
    REFERENCES user_management.users (id, display_name) ON UPDATE CASCADE ON DELETE CASCADE;

-- A rename finds the learner's rows by user alone (weekly_points_user_idx leads with the
-- organization); without these the cascade would scan both tables.
CREATE INDEX point_balances_by_user_idx ON gamification.point_balances (user_id);
CREATE INDEX weekly_points_by_user_idx ON gamification.weekly_points (user_id);

COMMENT ON COLUMN gamification.point_balances.display_name IS
  'The learner''s users.display_name, so that the leaderboard reads one table; equal to it by foreign key (a rename cascades here).';
COMMENT ON COLUMN gamification.weekly_points.display_name IS
  'The learner''s users.display_name, so that the weekly leaderboard reads one table; equal to it by foreign key (a rename cascades here).';

RESET ROLE;
