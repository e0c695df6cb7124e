-- What: drops the course triggers and functions (undoes R__31_fn_courses.sql).
-- Why:  triggers first, then the functions they call.

DROP TRIGGER award_completion_on_update ON course_management.enrollments;
DROP TRIGGER award_completion_on_insert ON course_management.enrollments;
DROP TRIGGER award_completion_on_update ON course_management.lesson_progress;
DROP TRIGGER award_completion_on_insert ON course_management.lesson_progress;
DROP TRIGGER stamp_completion ON course_management.lesson_progress;
DROP TRIGGER check_prerequisites ON course_management.enrollments;
DROP TRIGGER prevent_cycle ON course_management.course_prerequisites;
DROP FUNCTION course_management.complete_lesson(uuid, integer);
DROP FUNCTION course_management.tg_enrollments__award_completion();
DROP FUNCTION course_management.tg_lesson_progress__award_completion();
DROP FUNCTION course_management.refresh_enrollment_progress(uuid);
DROP FUNCTION course_management.tg_lesson_progress__stamp_completion();
DROP FUNCTION course_management.tg_enrollments__check_prerequisites();
DROP FUNCTION course_management.tg_course_prerequisites__prevent_cycle();
