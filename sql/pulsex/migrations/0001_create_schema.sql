-- What: creates the schema pulsex that holds every PulseX object.
-- Why: one schema per application keeps names qualified, privileges grantable in one place
--      and the runner's own public.schema_migrations table out of the application's way.

CREATE SCHEMA pulsex;

COMMENT ON SCHEMA pulsex IS
    'PulseX daily briefings: users, date-partitioned briefings, feedback, saved cards, '
    'notification tokens, sessions, audit logs and analytics events. See sql/pulsex/README.md.';
