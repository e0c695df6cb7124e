-- What: creates the monthly partitions of briefings, audit_logs and analytics_events from
--       October 2026 through three months after the month this migration runs in.
-- Why: October 2026 is the month of the development seed data (seed-data/pulsex), so the seed
--      loads on a fresh database whatever the date; "three months ahead" is the margin the
--      monthly maintenance job keeps (SELECT pulsex.create_monthly_partitions(t, 3)).

SELECT pulsex.create_monthly_partitions('pulsex.briefings', 3, DATE '2026-10-01');
SELECT pulsex.create_monthly_partitions('pulsex.audit_logs', 3, DATE '2026-10-01');
SELECT pulsex.create_monthly_partitions('pulsex.analytics_events', 3, DATE '2026-10-01');
