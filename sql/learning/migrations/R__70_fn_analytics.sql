-- What: analytics functions:
--         record_event()                      - how the trigger chain logs an event;
--         create_learning_event_partitions()  - monthly partition maintenance;
--         rebuild_daily_engagement()          - the daily_engagement rollup (a scheduled job).
-- Why:  declarative partitioning needs partitions created ahead of time; the function is
--       meant for a monthly job (SELECT analytics.create_learning_event_partitions(3);) and
--       also moves rows that fell into the default partition into their new month. The
--       daily aggregates are a rollup of the events and the ledger, recomputed by whole UTC
--       days (SELECT analytics.rebuild_daily_engagement(); every few minutes: yesterday and today,
--       in UTC), so that the live chain does not write them twice per completion (V045).
--       The trigger that kept them live (aggregate_daily) is dropped here.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION analytics.record_event(p_organization_id uuid, p_user_id uuid, p_event_type text,
                                                  p_course_id uuid, p_subject_id uuid,
                                                  p_payload jsonb DEFAULT '{}', p_occurred_at timestamptz DEFAULT now())
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  -- PL/pgSQL, not SQL: the INSERT's plan is kept for the session instead of being parsed
  -- and planned again at every event (two to four per lesson completion or quiz).
  INSERT INTO analytics.learning_events (organization_id, user_id, event_type, course_id, subject_id, payload, occurred_at)
  VALUES (p_organization_id, p_user_id, p_event_type, p_course_id, p_subject_id,
          coalesce(p_payload, '{}'), coalesce(p_occurred_at, now()));
END
$$;

COMMENT ON FUNCTION analytics.record_event(uuid, uuid, text, uuid, uuid, jsonb, timestamptz) IS
  'Appends an event to analytics.learning_events (used by the trigger chain, as learning_owner).';

-- The live aggregation of earlier versions of this file (V045 made the table a rollup).
DROP TRIGGER IF EXISTS aggregate_daily ON analytics.learning_events;
DROP FUNCTION IF EXISTS analytics.tg_learning_events__aggregate_daily();

CREATE OR REPLACE FUNCTION analytics.create_learning_event_partitions(p_months_ahead integer DEFAULT 3,
                                                                      p_from date DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_this  date := date_trunc('month', (now() AT TIME ZONE 'UTC')::date)::date;
  v_month date := date_trunc('month', coalesce(p_from, v_this))::date;
  v_last  date := (greatest(v_month, v_this) + make_interval(months => p_months_ahead))::date;
  v_name  text;
  v_lower timestamptz;
  v_upper timestamptz;
BEGIN
  IF p_months_ahead IS NULL OR p_months_ahead < 0 THEN
    RAISE EXCEPTION 'months ahead must be 0 or more' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  WHILE v_month <= v_last LOOP
    v_name  := format('learning_events_y%sm%s', to_char(v_month, 'YYYY'), to_char(v_month, 'MM'));
    v_lower := v_month::timestamptz;
    v_upper := (v_month + interval '1 month')::date::timestamptz;
    IF to_regclass(format('analytics.%I', v_name)) IS NULL THEN
      -- Rows of this month that fell into the default partition must leave it before the
      -- partition can be attached: build the table, move the rows into it, attach it.
      EXECUTE format('CREATE TABLE analytics.%I (LIKE analytics.learning_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', v_name);
      EXECUTE format('WITH moved AS (DELETE FROM analytics.learning_events_default
                                      WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *)
                      INSERT INTO analytics.%I SELECT * FROM moved', v_name)
        USING v_lower, v_upper;
      EXECUTE format('ALTER TABLE analytics.learning_events ATTACH PARTITION analytics.%I FOR VALUES FROM (%L) TO (%L)',
                     v_name, v_lower, v_upper);
      -- Like every partition: RLS enabled without policies (no direct access but the owner's).
      EXECUTE format('ALTER TABLE analytics.%I ENABLE ROW LEVEL SECURITY', v_name);
      RETURN NEXT v_name;
    END IF;
    v_month := (v_month + interval '1 month')::date;
  END LOOP;
END
$$;

COMMENT ON FUNCTION analytics.create_learning_event_partitions(integer, date) IS
  'Creates the missing monthly partitions of learning_events from the month of p_from (default: this month) through p_months_ahead months after the later of that month and this one, moving matching rows out of the default partition; returns the names created. Run monthly as learning_owner or a superuser.';

CREATE OR REPLACE FUNCTION analytics.rebuild_daily_engagement(p_from date DEFAULT NULL, p_to date DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_today date := (now() AT TIME ZONE 'UTC')::date;
  v_rows  integer;
BEGIN
  p_from := coalesce(p_from, v_today - 1);
  p_to := coalesce(p_to, v_today);
  IF p_from > p_to THEN
    RAISE EXCEPTION 'rebuild_daily_engagement: p_from (%) is after p_to (%)', p_from, p_to
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- One rollup at a time: a second one would insert the same keys after the first's DELETE.
  -- Whole days are recomputed, so a run includes everything committed before it started; an
  -- event committed later is counted by the next run that covers its day.
  PERFORM pg_advisory_xact_lock(hashtextextended('learning.daily_engagement', 0));
  DELETE FROM analytics.daily_engagement d WHERE d.activity_date BETWEEN p_from AND p_to;
  INSERT INTO analytics.daily_engagement
         (organization_id, activity_date, user_id, events, lessons_completed, courses_completed,
          quizzes_graded, quizzes_passed, points_earned, badges_earned, forum_posts, refreshed_at)
  SELECT coalesce(ev.organization_id, pt.organization_id), coalesce(ev.activity_date, pt.activity_date),
         coalesce(ev.user_id, pt.user_id), coalesce(ev.events, 0), coalesce(ev.lessons_completed, 0),
         coalesce(ev.courses_completed, 0), coalesce(ev.quizzes_graded, 0), coalesce(ev.quizzes_passed, 0),
         coalesce(pt.points, 0), coalesce(ev.badges_earned, 0), coalesce(ev.forum_posts, 0), now()
    FROM (SELECT e.organization_id, (e.occurred_at AT TIME ZONE 'UTC')::date AS activity_date, e.user_id,
                 count(*) AS events,
                 count(*) FILTER (WHERE e.event_type = 'lesson_completed') AS lessons_completed,
                 count(*) FILTER (WHERE e.event_type = 'course_completed') AS courses_completed,
                 count(*) FILTER (WHERE e.event_type = 'quiz_graded') AS quizzes_graded,
                 count(*) FILTER (WHERE e.event_type = 'quiz_graded'
                                    AND coalesce((e.payload ->> 'passed')::boolean, false)) AS quizzes_passed,
                 count(*) FILTER (WHERE e.event_type = 'badge_earned') AS badges_earned,
                 count(*) FILTER (WHERE e.event_type = 'forum_post') AS forum_posts
            FROM analytics.learning_events e
           WHERE e.occurred_at >= p_from::timestamp AT TIME ZONE 'UTC'
             AND e.occurred_at < (p_to + 1)::timestamp AT TIME ZONE 'UTC'
           GROUP BY 1, 2, 3) ev
    FULL JOIN
         (SELECT l.organization_id, (l.awarded_at AT TIME ZONE 'UTC')::date AS activity_date, l.user_id,
                 sum(l.points) AS points
            FROM gamification.points_ledger l
           WHERE l.awarded_at >= p_from::timestamp AT TIME ZONE 'UTC'
             AND l.awarded_at < (p_to + 1)::timestamp AT TIME ZONE 'UTC'
           GROUP BY 1, 2, 3) pt
      ON pt.organization_id = ev.organization_id AND pt.activity_date = ev.activity_date AND pt.user_id = ev.user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

COMMENT ON FUNCTION analytics.rebuild_daily_engagement(date, date) IS
  'The daily_engagement rollup: recomputes the UTC days p_from..p_to (default: yesterday and today) from learning_events (activity) and points_ledger (points), for the organizations visible to the caller (all, for a superuser), stamping refreshed_at; returns rows written. Runs one at a time (advisory lock). Schedule SELECT analytics.rebuild_daily_engagement(); every few minutes.';

REVOKE EXECUTE ON FUNCTION analytics.record_event(uuid, uuid, text, uuid, uuid, jsonb, timestamptz),
                           analytics.create_learning_event_partitions(integer, date),
                           analytics.rebuild_daily_engagement(date, date) FROM PUBLIC;

RESET ROLE;
