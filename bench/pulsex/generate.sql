-- PulseX benchmark data, generated inside the database (generate_series), run by run.sh with
-- psql as a superuser:  psql -X -v ON_ERROR_STOP=1 -v users=100000 -v days=92 -f generate.sql URL
--
-- Adds :users accounts (ids md5('pulsex-bench-' || n)::uuid, e-mail bench-n@bench.pulsex.test)
-- and, for each, a briefing per day for the last :days days up to today (5 cards), 10 feedback
-- events, 5 saved cards with tags, a live session, a push token and 5 analytics events.
-- Full scale (100,000 users, 92 days) is 9.2 million briefings: about 5 GB with indexes.
-- Triggers and foreign-key checks are skipped while loading (session_replication_role =
-- replica): the data is consistent by construction, and audit rows for synthetic accounts
-- would only slow the load. Run against a scratch database: the data stays afterwards.
-- Idempotent: does nothing when the accounts are already there.

SELECT count(*) >= :users AS bench_data_present
  FROM pulsex.users WHERE email LIKE 'bench-%@bench.pulsex.test' \gset
\if :bench_data_present
\echo benchmark data already present, not generated again
\else
\echo generating :users users x :days days of briefings ...
SELECT count(*) AS partitions_created
  FROM (SELECT pulsex.create_monthly_partitions(t, 3, current_date - :days)
          FROM unnest(ARRAY['briefings', 'audit_logs', 'analytics_events']) AS t) AS p;

BEGIN;
SET LOCAL session_replication_role = replica;

CREATE TEMP TABLE bench_ids ON COMMIT DROP AS
SELECT n, md5('pulsex-bench-' || n)::uuid AS id FROM generate_series(1, :users) AS n;

INSERT INTO pulsex.users (id, email, display_name, password_hash, preferences, created_at, updated_at, last_login_at)
SELECT b.id, format('bench-%s@bench.pulsex.test', b.n), format('Bench User %s', b.n), 'bench-not-a-hash',
       jsonb_build_object('topics', jsonb_build_array(
                              (ARRAY['technology', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate'])[1 + b.n % 8],
                              (ARRAY['technology', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate'])[1 + (b.n / 8) % 8]),
                          'briefing_time', '07:00', 'notifications_enabled', true),
       now() - interval '120 days', now() - interval '120 days', now() - interval '1 day'
  FROM bench_ids AS b;

-- 4 card sets per day, assigned by account number
CREATE TEMP TABLE bench_cards ON COMMIT DROP AS
SELECT d::date AS day, v AS variant,
       (SELECT jsonb_agg(jsonb_build_object(
                   'id', format('c-%s-%s', to_char(d, 'YYYYMMDD'), lpad(((v * 5 + k) % 20)::text, 2, '0')),
                   'topic', (ARRAY['technology', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate'])[1 + (v + k) % 8],
                   'title', format('Story %s of the day', (v * 5 + k) % 20),
                   'score', round((0.5 + (k * 0.1))::numeric, 2)) ORDER BY k)
          FROM generate_series(0, 4) AS k) AS cards
  FROM generate_series(current_date - (:days - 1), current_date, interval '1 day') AS d
 CROSS JOIN generate_series(0, 3) AS v;

INSERT INTO pulsex.briefings (user_id, briefing_date, status, cards, generated_at, delivered_at, opened_at)
SELECT b.id, c.day, CASE WHEN c.day < current_date THEN 'opened' ELSE 'delivered' END, c.cards,
       c.day + time '05:00', c.day + time '06:00',
       CASE WHEN c.day < current_date THEN c.day + time '07:15' END
  FROM bench_cards AS c
  JOIN bench_ids AS b ON b.n % 4 = c.variant;

INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type, dwell_ms, created_at)
SELECT b.id, current_date - (k * 7 + b.n) % :days,
       format('c-%s-%s', to_char(current_date - (k * 7 + b.n) % :days, 'YYYYMMDD'), lpad(((b.n % 4) * 5 + k % 5)::text, 2, '0')),
       (ARRAY['view', 'click', 'like', 'save', 'share', 'dismiss'])[1 + (b.n + k) % 6],
       1000 + (b.n * k) % 30000,
       now() - make_interval(days => (k * 7 + b.n) % :days)
  FROM bench_ids AS b
 CROSS JOIN generate_series(1, 10) AS k;

INSERT INTO pulsex.saved_cards (user_id, card_id, briefing_date, card, tags, saved_at)
SELECT b.id, format('c-%s-%s', to_char(current_date - k, 'YYYYMMDD'), lpad(((b.n % 4) * 5)::text, 2, '0')),
       current_date - k,
       jsonb_build_object('title', format('Saved story %s', k)),
       CASE WHEN (b.n + k) % 3 = 0
            THEN ARRAY[(ARRAY['tech', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate', 'read-later', 'share'])[1 + (b.n + k) % 10]]
            ELSE ARRAY[(ARRAY['tech', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate', 'read-later', 'share'])[1 + (b.n + k) % 10],
                       (ARRAY['tech', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate', 'read-later', 'share'])[1 + (b.n * 3 + k) % 10]]
       END,
       now() - make_interval(days => k)
  FROM bench_ids AS b
 CROSS JOIN generate_series(1, 5) AS k;

INSERT INTO pulsex.sessions (id, user_id, token_hash, device_fingerprint, ip_address, user_agent, created_at, last_seen_at, expires_at)
SELECT md5('pulsex-bench-session-' || b.n)::uuid, b.id, sha256(convert_to('pulsex-bench-session-' || b.n, 'UTF8')),
       md5('pulsex-bench-device-' || b.n), ('10.' || (b.n / 65536) % 256 || '.' || (b.n / 256) % 256 || '.' || b.n % 256)::inet,
       'PulseX/3.2 (bench)', now() - interval '2 days', now() - interval '1 hour', now() + interval '28 days'
  FROM bench_ids AS b;

INSERT INTO pulsex.notification_tokens (user_id, platform, token, created_at)
SELECT b.id, (ARRAY['ios', 'android', 'web'])[1 + b.n % 3], 'bench-push-token-' || md5('push-' || b.n), now() - interval '100 days'
  FROM bench_ids AS b;

INSERT INTO pulsex.analytics_events (occurred_at, user_id, event_type, platform, properties)
SELECT now() - make_interval(days => (b.n + k) % :days, mins => k), b.id,
       (ARRAY['app_open', 'briefing_view', 'card_view', 'card_click', 'session_start'])[k],
       (ARRAY['ios', 'android', 'web'])[1 + b.n % 3], '{}'
  FROM bench_ids AS b
 CROSS JOIN generate_series(1, 5) AS k;

COMMIT;
\endif

VACUUM (ANALYZE) pulsex.users, pulsex.briefings, pulsex.user_feedback, pulsex.saved_cards, pulsex.sessions,
                 pulsex.notification_tokens, pulsex.analytics_events;
SELECT pulsex.refresh_user_stats() AS summary_rows;
