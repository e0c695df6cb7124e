-- Sessions: every account but the pending one (40) has an expired October session and a live
-- one expiring 2031-01-01; the soft-deleted account's sessions are revoked. Token of session k
-- of user NN is 'seed-session-NN-k' (its SHA-256 is stored), so tests can authenticate.

INSERT INTO pulsex.sessions
    (id, user_id, token_hash, device_fingerprint, ip_address, user_agent,
     created_at, last_seen_at, expires_at, revoked_at, revoke_reason)
SELECT md5(format('seed-session-%s-%s', n.nn, k))::uuid,
       u.id,
       sha256(convert_to(format('seed-session-%s-%s', n.nn, k), 'UTF8')),
       md5(format('seed-device-%s-%s', n.nn, k)),
       CASE k WHEN 1 THEN format('203.0.113.%s', n.nn::int)::inet
              ELSE format('198.51.100.%s', n.nn::int)::inet END,
       CASE WHEN n.nn::int % 3 = 0 THEN 'PulseX/3.2 (iPhone; iOS 18.1)'
            WHEN n.nn::int % 3 = 1 THEN 'PulseX/3.2 (Android 15; Pixel 9)'
            ELSE 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0' END,
       CASE k WHEN 1 THEN timestamptz '2026-10-01 07:00:00+00' + make_interval(days => n.nn::int % 10)
              ELSE timestamptz '2026-10-25 07:00:00+00' END,
       CASE k WHEN 1 THEN timestamptz '2026-10-02 07:00:00+00' + make_interval(days => n.nn::int % 10)
              ELSE timestamptz '2026-10-31 07:00:00+00' END,
       CASE k WHEN 1 THEN timestamptz '2026-10-08 07:00:00+00' + make_interval(days => n.nn::int % 10)
              ELSE timestamptz '2031-01-01 00:00:00+00' END,
       CASE WHEN u.status = 'deleted' THEN u.deleted_at END,
       CASE WHEN u.status = 'deleted' THEN 'account_deleted' END
  FROM pulsex.users AS u
 CROSS JOIN LATERAL (SELECT right(u.id::text, 2) AS nn) AS n
 CROSS JOIN generate_series(1, 2) AS k
 WHERE u.status <> 'pending_verification'
 ORDER BY u.id, k;
