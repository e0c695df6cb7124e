-- Seed: 3 to 6 events per seed session (about 2,700), spread over the session's duration:
-- always app_open first, then a deterministic mix of map_opened, check_in_started,
-- check_in_submitted, settings_opened and share_tapped, with small JSON payloads.

INSERT INTO worldvibe.events (occurred_at, session_id, event_type, payload)
SELECT s.started_at + (s.ended_at - s.started_at) * (e.i - 1) / 6,
       s.id,
       CASE WHEN e.i = 1 THEN 'app_open'
            ELSE (ARRAY['map_opened', 'check_in_started', 'check_in_submitted', 'settings_opened', 'share_tapped'])
                   [1 + (e.h + e.i) % 5] END,
       CASE WHEN e.i = 1 THEN jsonb_build_object('device_type', s.device_type)
            ELSE jsonb_build_object('screen', (ARRAY['map', 'check_in', 'history', 'settings'])[1 + e.h % 4],
                                    'step', e.i) END
  FROM worldvibe.sessions AS s
 CROSS JOIN LATERAL (
        SELECT i, ('x' || substr(md5(s.id::text || i), 1, 4))::bit(16)::integer AS h
          FROM generate_series(1, 3 + ('x' || substr(md5(s.id::text), 1, 2))::bit(8)::integer % 4) AS i) AS e
 ORDER BY 1, 2;
