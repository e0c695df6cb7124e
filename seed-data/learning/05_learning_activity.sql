-- Seed: enrollments and lesson progress, in time order per learner. Every completed lesson
-- fires the trigger chain (points, streak, enrollment progress, levels, badges, events), so
-- the gamification tables are filled by the database itself. Ids are derived from the
-- natural keys (md5(...)::uuid), so the seed stays deterministic.

-- First courses.
INSERT INTO course_management.enrollments (id, organization_id, course_id, user_id, enrolled_at)
SELECT md5('enrollment:' || v.user_id || ':' || v.course_id)::uuid, c.organization_id, c.id, v.user_id, v.enrolled_at
  FROM (VALUES
    ('0b000001-0000-4000-8000-000000000003'::uuid, '0d000001-0000-4000-8000-000000000001'::uuid, '2026-10-30 09:00:00+00'::timestamptz),
    ('0b000001-0000-4000-8000-000000000004', '0d000001-0000-4000-8000-000000000001', '2026-11-09 09:00:00+00'),
    ('0b000001-0000-4000-8000-000000000005', '0d000001-0000-4000-8000-000000000001', '2026-11-14 09:00:00+00'),
    ('0b000001-0000-4000-8000-000000000006', '0d000001-0000-4000-8000-000000000001', '2026-11-15 09:00:00+00'),
    ('0b000002-0000-4000-8000-000000000003', '0d000002-0000-4000-8000-000000000001', '2026-10-19 09:00:00+00'),
    ('0b000002-0000-4000-8000-000000000004', '0d000002-0000-4000-8000-000000000001', '2026-10-27 09:00:00+00'),
    ('0b000001-0000-4000-8000-000000000006', '0d000002-0000-4000-8000-000000000001', '2026-10-31 09:00:00+00'),
    ('0b000003-0000-4000-8000-000000000003', '0d000003-0000-4000-8000-000000000001', '2026-11-08 09:00:00+00')
  ) AS v (user_id, course_id, enrolled_at)
  JOIN course_management.courses c ON c.id = v.course_id;

-- Progress in those courses (completing every required lesson completes the enrollment).
INSERT INTO course_management.lesson_progress
       (id, organization_id, enrollment_id, course_id, user_id, lesson_id, status, started_at, completed_at, time_spent_seconds)
SELECT md5('progress:' || e.id || ':' || v.lesson_id)::uuid, e.organization_id, e.id, e.course_id, e.user_id,
       v.lesson_id, v.status, v.started_at, v.completed_at, v.seconds
  FROM (VALUES
    ('0b000001-0000-4000-8000-000000000003'::uuid, '0f000001-0000-4000-8000-000000000111'::uuid, 'completed', '2026-11-02 08:40:00+00'::timestamptz, '2026-11-02 09:00:00+00'::timestamptz, 1200),
    ('0b000001-0000-4000-8000-000000000003', '0f000001-0000-4000-8000-000000000112', 'completed', '2026-11-03 18:00:00+00', '2026-11-03 18:30:00+00', 1800),
    ('0b000001-0000-4000-8000-000000000003', '0f000001-0000-4000-8000-000000000121', 'completed', '2026-11-04 07:20:00+00', '2026-11-04 07:45:00+00', 1500),
    ('0b000001-0000-4000-8000-000000000003', '0f000001-0000-4000-8000-000000000122', 'completed', '2026-11-04 07:50:00+00', '2026-11-04 08:30:00+00', 2400),
    ('0b000001-0000-4000-8000-000000000003', '0f000001-0000-4000-8000-000000000123', 'completed', '2026-11-05 09:50:00+00', '2026-11-05 10:00:00+00', 600),
    ('0b000001-0000-4000-8000-000000000004', '0f000001-0000-4000-8000-000000000111', 'completed', '2026-11-10 11:30:00+00', '2026-11-10 12:00:00+00', 1800),
    ('0b000001-0000-4000-8000-000000000004', '0f000001-0000-4000-8000-000000000112', 'completed', '2026-11-12 11:30:00+00', '2026-11-12 12:00:00+00', 1700),
    ('0b000001-0000-4000-8000-000000000005', '0f000001-0000-4000-8000-000000000111', 'in_progress', '2026-11-15 09:00:00+00', NULL, 300),
    ('0b000001-0000-4000-8000-000000000006', '0f000001-0000-4000-8000-000000000111', 'completed', '2026-11-16 14:40:00+00', '2026-11-16 15:00:00+00', 1200),
    ('0b000002-0000-4000-8000-000000000003', '0f000002-0000-4000-8000-000000000111', 'completed', '2026-10-20 09:40:00+00', '2026-10-20 10:00:00+00', 1200),
    ('0b000002-0000-4000-8000-000000000003', '0f000002-0000-4000-8000-000000000112', 'completed', '2026-10-21 09:40:00+00', '2026-10-21 10:00:00+00', 1200),
    ('0b000002-0000-4000-8000-000000000003', '0f000002-0000-4000-8000-000000000121', 'completed', '2026-10-22 09:30:00+00', '2026-10-22 10:00:00+00', 1800),
    ('0b000002-0000-4000-8000-000000000004', '0f000002-0000-4000-8000-000000000111', 'completed', '2026-10-28 09:30:00+00', '2026-10-28 10:00:00+00', 1800),
    ('0b000001-0000-4000-8000-000000000006', '0f000002-0000-4000-8000-000000000111', 'completed', '2026-11-01 13:30:00+00', '2026-11-01 14:00:00+00', 1800),
    ('0b000001-0000-4000-8000-000000000006', '0f000002-0000-4000-8000-000000000112', 'completed', '2026-11-02 13:30:00+00', '2026-11-02 14:00:00+00', 1800),
    ('0b000003-0000-4000-8000-000000000003', '0f000003-0000-4000-8000-000000000111', 'completed', '2026-11-09 14:50:00+00', '2026-11-09 15:00:00+00', 600),
    ('0b000003-0000-4000-8000-000000000003', '0f000003-0000-4000-8000-000000000112', 'completed', '2026-11-10 14:50:00+00', '2026-11-10 15:00:00+00', 600)
  ) AS v (user_id, lesson_id, status, started_at, completed_at, seconds)
  JOIN course_management.lessons l ON l.id = v.lesson_id
  JOIN course_management.enrollments e ON e.course_id = l.course_id AND e.user_id = v.user_id
 ORDER BY v.started_at;

-- Second courses, whose prerequisite the learners have now completed.
INSERT INTO course_management.enrollments (id, organization_id, course_id, user_id, enrolled_at)
SELECT md5('enrollment:' || v.user_id || ':' || v.course_id)::uuid, c.organization_id, c.id, v.user_id, v.enrolled_at
  FROM (VALUES
    ('0b000001-0000-4000-8000-000000000003'::uuid, '0d000001-0000-4000-8000-000000000002'::uuid, '2026-11-05 12:00:00+00'::timestamptz),
    ('0b000002-0000-4000-8000-000000000003', '0d000002-0000-4000-8000-000000000002', '2026-10-23 09:00:00+00')
  ) AS v (user_id, course_id, enrolled_at)
  JOIN course_management.courses c ON c.id = v.course_id;

INSERT INTO course_management.lesson_progress
       (id, organization_id, enrollment_id, course_id, user_id, lesson_id, status, started_at, completed_at, time_spent_seconds)
SELECT md5('progress:' || e.id || ':' || v.lesson_id)::uuid, e.organization_id, e.id, e.course_id, e.user_id,
       v.lesson_id, 'completed', v.started_at, v.completed_at, v.seconds
  FROM (VALUES
    ('0b000001-0000-4000-8000-000000000003'::uuid, '0f000001-0000-4000-8000-000000000211'::uuid, '2026-11-06 09:30:00+00'::timestamptz, '2026-11-06 10:00:00+00'::timestamptz, 1800),
    ('0b000002-0000-4000-8000-000000000003', '0f000002-0000-4000-8000-000000000211', '2026-10-25 09:30:00+00', '2026-10-25 10:00:00+00', 1800)
  ) AS v (user_id, lesson_id, started_at, completed_at, seconds)
  JOIN course_management.lessons l ON l.id = v.lesson_id
  JOIN course_management.enrollments e ON e.course_id = l.course_id AND e.user_id = v.user_id
 ORDER BY v.started_at;
