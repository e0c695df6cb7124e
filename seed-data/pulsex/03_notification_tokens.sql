-- One push token per active or suspended account (platform by account number).

INSERT INTO pulsex.notification_tokens (user_id, platform, token, created_at, last_used_at)
SELECT u.id,
       (ARRAY['ios', 'android', 'web'])[1 + right(u.id::text, 2)::int % 3],
       'seed-push-token-' || md5('push-' || u.id::text),
       u.created_at + interval '1 hour',
       timestamptz '2026-10-31 06:00:00+00'
  FROM pulsex.users AS u
 WHERE u.status IN ('active', 'suspended')
 ORDER BY u.id;
