-- What: creates the schema pulseplus that holds every PulsePlus object.
-- Why:  one schema per application keeps every name qualified, privileges grantable in one
--       place, and the runner's own public.schema_migrations table out of the way.

CREATE SCHEMA pulseplus;

COMMENT ON SCHEMA pulseplus IS
  'PulsePlus workplace gamification: users and departments, games with seasons and tiers, a '
  'virtual economy (currencies, balances, shops, purchases), quests, competitions and '
  'leaderboards, chat, surveys and the audit log. See sql/pulseplus/README.md.';
