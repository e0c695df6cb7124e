-- What: the course rules and the first links of the gamification trigger chain:
--         * prerequisites stay acyclic; enrolling requires the prerequisites completed;
--         * lesson completion is final and stamped with its time;
--         * completing a lesson (insert or update to status completed) awards its points
--           once, logs the event, extends the streak, recomputes the enrollment's progress
--           and evaluates the badge rules that lesson completion can satisfy;
--         * an enrollment reaching completion awards the course's points once;
--         * complete_lesson(), the call the application makes.
-- Why:  "live gamification": everything happens in the transaction that completes the
--       lesson, so it commits or rolls back as one. Idempotence comes from the ledger's
--       unique key (learner, reason, source); concurrency from gamification.lock_learner(),
--       which queues the chains of one learner so that each sees the previous one's result.
--       Error codes raised here: LRN01 prerequisite cycle, LRN02 prerequisites not
--       completed, LRN09 not enrolled.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION course_management.tg_course_prerequisites__prevent_cycle()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  -- Serialise prerequisite edits per organization: two concurrent edges could otherwise
  -- close a cycle that neither transaction sees.
  PERFORM pg_advisory_xact_lock(hashtextextended('learning.course_prerequisites:' || NEW.organization_id::text, 0));
  IF EXISTS (
       WITH RECURSIVE reachable (course_id) AS (
         SELECT NEW.prerequisite_course_id
         UNION
         SELECT p.prerequisite_course_id
           FROM course_management.course_prerequisites p
           JOIN reachable r ON p.course_id = r.course_id
       )
       SELECT 1 FROM reachable WHERE course_id = NEW.course_id) THEN
    RAISE EXCEPTION 'course % cannot require course %: that would make a prerequisite cycle',
                    NEW.course_id, NEW.prerequisite_course_id
      USING ERRCODE = 'LRN01';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION course_management.tg_course_prerequisites__prevent_cycle() IS
  'BEFORE INSERT/UPDATE on course_prerequisites: refuses (LRN01) an edge that would close a cycle.';

CREATE OR REPLACE FUNCTION course_management.tg_enrollments__check_prerequisites()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_missing text;
BEGIN
  SELECT string_agg(c.title, ', ' ORDER BY c.title) INTO v_missing
    FROM course_management.course_prerequisites p
    JOIN course_management.courses c ON c.id = p.prerequisite_course_id
   WHERE p.course_id = NEW.course_id
     AND NOT EXISTS (SELECT 1
                       FROM course_management.enrollments e
                      WHERE e.course_id = p.prerequisite_course_id
                        AND e.user_id = NEW.user_id
                        AND e.status = 'completed');
  IF v_missing IS NOT NULL THEN
    RAISE EXCEPTION 'prerequisites not completed: %', v_missing
      USING ERRCODE = 'LRN02';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION course_management.tg_enrollments__check_prerequisites() IS
  'BEFORE INSERT on enrollments: refuses (LRN02) an enrollment whose prerequisite courses the learner has not completed.';

CREATE OR REPLACE FUNCTION course_management.tg_lesson_progress__stamp_completion()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'completed' THEN
    -- Completion is final: a later write cannot undo it or move its time.
    NEW.status := 'completed';
    NEW.completed_at := OLD.completed_at;
  ELSIF NEW.status = 'completed' THEN
    NEW.completed_at := coalesce(NEW.completed_at, now());
  ELSE
    NEW.completed_at := NULL;
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION course_management.tg_lesson_progress__stamp_completion() IS
  'BEFORE INSERT/UPDATE on lesson_progress: completion is final; completed_at is set when status becomes completed.';

CREATE OR REPLACE FUNCTION course_management.refresh_enrollment_progress(p_enrollment_id uuid)
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  -- One statement: the counts come from the UPDATE's own snapshot, taken after the caller
  -- took the learner lock (gamification.lock_learner), so they include every completion of
  -- this learner's earlier chains. The UPDATE locks the row FOR NO KEY UPDATE, which does
  -- not conflict with the KEY SHARE lock a concurrent chain of the same learner holds on it
  -- (the foreign-key check of its new progress row) while it waits for the learner lock.
  UPDATE course_management.enrollments e
     SET progress_percent = CASE WHEN p.total = 0 THEN 0 ELSE round(100.0 * p.done / p.total, 2) END,
         last_activity_at = greatest(e.last_activity_at, p.last_done),
         status = CASE WHEN e.status = 'completed' OR (p.total > 0 AND p.done = p.total) THEN 'completed'
                       ELSE 'active' END,
         completed_at = CASE WHEN e.status = 'completed' THEN e.completed_at
                             WHEN p.total > 0 AND p.done = p.total THEN greatest(p.last_done, e.enrolled_at)
                        END
    FROM (SELECT count(*) FILTER (WHERE l.is_required) AS total,
                 count(lp.id) FILTER (WHERE l.is_required) AS done,
                 max(lp.completed_at) AS last_done
            FROM course_management.enrollments e2
            JOIN course_management.lessons l ON l.course_id = e2.course_id
            LEFT JOIN course_management.lesson_progress lp
              ON lp.lesson_id = l.id AND lp.enrollment_id = e2.id AND lp.status = 'completed'
           WHERE e2.id = p_enrollment_id) p
   WHERE e.id = p_enrollment_id;
END
$$;

COMMENT ON FUNCTION course_management.refresh_enrollment_progress(uuid) IS
  'Recomputes an enrollment''s progress_percent from its completed required lessons and marks it completed (final) when all are done.';

CREATE OR REPLACE FUNCTION course_management.tg_lesson_progress__award_completion()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_points integer;
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  PERFORM gamification.lock_learner(NEW.organization_id, NEW.user_id);
  SELECT l.completion_points INTO v_points FROM course_management.lessons l WHERE l.id = NEW.lesson_id;
  PERFORM analytics.record_event(NEW.organization_id, NEW.user_id, 'lesson_completed', NEW.course_id,
                                 NEW.lesson_id, jsonb_build_object('time_spent_seconds', NEW.time_spent_seconds),
                                 NEW.completed_at);
  PERFORM gamification.award_points(NEW.organization_id, NEW.user_id, v_points, 'lesson_completed', NEW.lesson_id);
  PERFORM gamification.touch_streak(NEW.organization_id, NEW.user_id, NEW.completed_at);
  PERFORM course_management.refresh_enrollment_progress(NEW.enrollment_id);
  PERFORM gamification.evaluate_rules(NEW.organization_id, NEW.user_id, ARRAY['lessons_completed', 'streak_days']);
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION course_management.tg_lesson_progress__award_completion() IS
  'AFTER a lesson_progress row becomes completed: event, lesson points (once), streak, enrollment progress, badge rules. SECURITY DEFINER, acts in the row''s organization.';

CREATE OR REPLACE FUNCTION course_management.tg_enrollments__award_completion()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
  v_points integer;
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  PERFORM gamification.lock_learner(NEW.organization_id, NEW.user_id);
  SELECT c.completion_points INTO v_points FROM course_management.courses c WHERE c.id = NEW.course_id;
  PERFORM analytics.record_event(NEW.organization_id, NEW.user_id, 'course_completed', NEW.course_id,
                                 NEW.course_id, '{}'::jsonb, NEW.completed_at);
  PERFORM gamification.award_points(NEW.organization_id, NEW.user_id, v_points, 'course_completed', NEW.course_id);
  PERFORM gamification.evaluate_rules(NEW.organization_id, NEW.user_id, ARRAY['courses_completed']);
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION course_management.tg_enrollments__award_completion() IS
  'AFTER an enrollment becomes completed: event, course points (once), badge rules. SECURITY DEFINER, acts in the row''s organization.';

CREATE OR REPLACE FUNCTION course_management.complete_lesson(p_lesson_id uuid, p_time_spent_seconds integer DEFAULT 0)
RETURNS uuid
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_user       uuid := user_management.current_user_id();
  v_org        uuid;
  v_enrollment uuid;
  v_course     uuid;
  v_id         uuid;
BEGIN
  IF v_user IS NULL THEN
    RAISE EXCEPTION 'complete_lesson needs a user in the tenant context'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT e.organization_id, e.id, e.course_id INTO v_org, v_enrollment, v_course
    FROM course_management.lessons l
    JOIN course_management.enrollments e ON e.course_id = l.course_id AND e.user_id = v_user
   WHERE l.id = p_lesson_id;
  IF v_enrollment IS NULL THEN
    RAISE EXCEPTION 'user % is not enrolled in the course of lesson %', v_user, p_lesson_id
      USING ERRCODE = 'LRN09';
  END IF;
  INSERT INTO course_management.lesson_progress AS lp
         (organization_id, enrollment_id, course_id, user_id, lesson_id, status, time_spent_seconds)
  VALUES (v_org, v_enrollment, v_course, v_user, p_lesson_id, 'completed', greatest(p_time_spent_seconds, 0))
  ON CONFLICT (enrollment_id, lesson_id) DO UPDATE
     SET status = 'completed',
         time_spent_seconds = lp.time_spent_seconds + EXCLUDED.time_spent_seconds
  RETURNING lp.id INTO v_id;
  RETURN v_id;
END
$$;

COMMENT ON FUNCTION course_management.complete_lesson(uuid, integer) IS
  'Marks a lesson completed for the context user (creating the progress row if needed) and returns the progress id. Safe to repeat and to race: points are awarded once.';

REVOKE EXECUTE ON FUNCTION course_management.tg_course_prerequisites__prevent_cycle(),
                           course_management.tg_enrollments__check_prerequisites(),
                           course_management.tg_lesson_progress__stamp_completion(),
                           course_management.refresh_enrollment_progress(uuid),
                           course_management.tg_lesson_progress__award_completion(),
                           course_management.tg_enrollments__award_completion(),
                           course_management.complete_lesson(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION course_management.complete_lesson(uuid, integer) TO learning_app;

CREATE OR REPLACE TRIGGER prevent_cycle
  BEFORE INSERT OR UPDATE ON course_management.course_prerequisites
  FOR EACH ROW EXECUTE FUNCTION course_management.tg_course_prerequisites__prevent_cycle();

CREATE OR REPLACE TRIGGER check_prerequisites
  BEFORE INSERT ON course_management.enrollments
  FOR EACH ROW EXECUTE FUNCTION course_management.tg_enrollments__check_prerequisites();

CREATE OR REPLACE TRIGGER stamp_completion
  BEFORE INSERT OR UPDATE ON course_management.lesson_progress
  FOR EACH ROW EXECUTE FUNCTION course_management.tg_lesson_progress__stamp_completion();

CREATE OR REPLACE TRIGGER award_completion_on_insert
  AFTER INSERT ON course_management.lesson_progress
  FOR EACH ROW WHEN (NEW.status = 'completed')
  EXECUTE FUNCTION course_management.tg_lesson_progress__award_completion();

CREATE OR REPLACE TRIGGER award_completion_on_update
  AFTER UPDATE OF status ON course_management.lesson_progress
  FOR EACH ROW WHEN (OLD.status <> 'completed' AND NEW.status = 'completed')
  EXECUTE FUNCTION course_management.tg_lesson_progress__award_completion();

CREATE OR REPLACE TRIGGER award_completion_on_insert
  AFTER INSERT ON course_management.enrollments
  FOR EACH ROW WHEN (NEW.status = 'completed')
  EXECUTE FUNCTION course_management.tg_enrollments__award_completion();

CREATE OR REPLACE TRIGGER award_completion_on_update
  AFTER UPDATE OF status ON course_management.enrollments
  FOR EACH ROW WHEN (OLD.status <> 'completed' AND NEW.status = 'completed')
  EXECUTE FUNCTION course_management.tg_enrollments__award_completion();

RESET ROLE;
