-- Seed: client-side learning events (logins, lesson views) and manual point adjustments.
-- Both go through their triggers: events are logged, adjustments reach the balances.

INSERT INTO analytics.learning_events (organization_id, user_id, event_type, course_id, subject_id, payload, occurred_at)
VALUES
  ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'login', NULL, NULL, '{"client": "web"}', '2026-11-02 08:35:00+00'),
  ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 'login', NULL, NULL, '{"client": "ios"}', '2026-11-10 11:25:00+00'),
  ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000005', 'lesson_viewed', '0d000001-0000-4000-8000-000000000001',
   '0f000001-0000-4000-8000-000000000111', '{"seconds": 300}', '2026-11-15 09:05:00+00'),
  ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003', 'search', NULL, NULL, '{"query": "query plan"}', '2026-11-06 09:20:00+00'),
  ('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000003', 'login', NULL, NULL, '{"client": "web"}', '2026-10-20 09:35:00+00'),
  ('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000004', 'video_progress', '0d000002-0000-4000-8000-000000000001',
   '0f000002-0000-4000-8000-000000000121', '{"percent": 40}', '2026-10-29 20:00:00+00'),
  ('0a000000-0000-4000-8000-000000000003', '0b000003-0000-4000-8000-000000000003', 'login', NULL, NULL, '{"client": "web"}', '2026-11-09 14:45:00+00');

INSERT INTO gamification.points_ledger (organization_id, user_id, points, reason, note, awarded_by)
VALUES
  ('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000004', 15, 'manual_adjustment',
   'Hackathon participation', '0b000001-0000-4000-8000-000000000001'),
  ('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000004', 10, 'manual_adjustment',
   'Organised the study group', '0b000002-0000-4000-8000-000000000001'),
  ('0a000000-0000-4000-8000-000000000003', '0b000003-0000-4000-8000-000000000003', 5, 'manual_adjustment',
   'Found the red stapler', '0b000003-0000-4000-8000-000000000001');
