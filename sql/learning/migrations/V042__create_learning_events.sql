-- What: creates analytics.learning_events, the activity log, range-partitioned by month on
--       occurred_at, with a default partition and the monthly partitions of September 2026
--       (the month of the development seed data) through December 2027.
-- Why:  events grow without bound and are queried and dropped by time; declarative
--       partitioning keeps each month its own table. A fixed range (not one relative to the
--       day the migration runs) makes every database migrated from these files identical, so
--       the committed schema.sql does not drift with the calendar. Later months are created
--       ahead of time by the monthly job analytics.create_learning_event_partitions()
--       (R__70_fn_analytics.sql), which also moves rows that landed in the default partition;
--       the default partition only catches rows when that job has not run.
--       The identity of an event is (id, occurred_at): the primary key of a partitioned table
--       must contain the partition key, and PostgreSQL 15 has no identity columns on
--       partitioned tables, hence the explicit sequence.

SET LOCAL ROLE learning_owner;

CREATE SEQUENCE analytics.learning_events_id_seq AS bigint;

CREATE TABLE analytics.learning_events (
  id               bigint      NOT NULL DEFAULT nextval('analytics.learning_events_id_seq'),
  organization_id  uuid        NOT NULL,
  user_id          uuid        NOT NULL,
  event_type       text        NOT NULL,
  course_id        uuid,
  subject_id       uuid,
  payload          jsonb       NOT NULL DEFAULT '{}',
  occurred_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, occurred_at),
  FOREIGN KEY (organization_id, user_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT learning_events_type_known CHECK (event_type IN (
    'lesson_started', 'lesson_viewed', 'video_progress', 'search', 'login',
    'lesson_completed', 'course_completed', 'quiz_graded', 'assignment_graded',
    'level_up', 'badge_earned', 'achievement_unlocked', 'forum_post')),
  CONSTRAINT learning_events_payload_object CHECK (jsonb_typeof(payload) = 'object')
) PARTITION BY RANGE (occurred_at);

ALTER SEQUENCE analytics.learning_events_id_seq OWNED BY analytics.learning_events.id;

CREATE INDEX learning_events_organization_time_idx ON analytics.learning_events (organization_id, occurred_at);
CREATE INDEX learning_events_user_time_idx ON analytics.learning_events (organization_id, user_id, occurred_at);

CREATE TABLE analytics.learning_events_default PARTITION OF analytics.learning_events DEFAULT;

DO $partitions$
DECLARE
  v_month date := DATE '2026-09-01';
  v_last  date := DATE '2027-12-01';
  v_name  text;
BEGIN
  WHILE v_month <= v_last LOOP
    v_name := format('learning_events_y%sm%s', to_char(v_month, 'YYYY'), to_char(v_month, 'MM'));
    EXECUTE format('CREATE TABLE analytics.%I PARTITION OF analytics.learning_events FOR VALUES FROM (%L) TO (%L)',
                   v_name, v_month::timestamptz, (v_month + interval '1 month')::date::timestamptz);
    v_month := (v_month + interval '1 month')::date;
  END LOOP;
END
$partitions$;

-- Partitions are reached through the parent, whose policies apply. RLS is also enabled on
-- each partition, with no policy and no grant, so that nobody but the owner can read one
-- directly; it is not forced, so that partition maintenance (as the owner) can move rows
-- out of the default partition.
DO $rls$
DECLARE
  v_part regclass;
BEGIN
  FOR v_part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'analytics.learning_events'::regclass LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', v_part);
  END LOOP;
END
$rls$;

ALTER TABLE analytics.learning_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.learning_events FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE analytics.learning_events IS
  'Append-only activity log, partitioned by month (occurred_at). Written by the trigger chain and, for client event types, by the application.';
COMMENT ON TABLE analytics.learning_events_default IS
  'Default partition: rows outside every monthly partition; moved out by create_learning_event_partitions().';
COMMENT ON COLUMN analytics.learning_events.event_type IS
  'Client types (lesson_started, lesson_viewed, video_progress, search, login) may be written by the application; the rest only by triggers.';
COMMENT ON COLUMN analytics.learning_events.subject_id IS 'The lesson, quiz, assignment, badge, achievement or post the event is about.';
COMMENT ON COLUMN analytics.learning_events.payload IS 'Event details as a JSON object (points, score, level, ...).';

RESET ROLE;
