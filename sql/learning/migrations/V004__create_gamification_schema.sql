-- What: creates the gamification schema.
-- Why:  points, levels and badges are derived from learning events by triggers, so they live in their own schema with their own rules.
--       Ownership passes to the migration owner learning_owner in V008, once the roles exist.

CREATE SCHEMA gamification;

COMMENT ON SCHEMA gamification IS
  'E-learning platform: the append-only points ledger, balances, weekly points, levels, badges, achievements, streaks and the leaderboards.';
