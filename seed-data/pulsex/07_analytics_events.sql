-- Analytics events for October 2026: for every briefing an app_open, a briefing_view and a
-- card_view per engaged card (from user_feedback), with the IP of the account's first session.

INSERT INTO pulsex.analytics_events
    (occurred_at, user_id, session_id, event_type, platform, ip_address, user_agent, properties)
SELECT e.occurred_at, e.user_id, s.id, e.event_type,
       (ARRAY['ios', 'android', 'web'])[1 + right(e.user_id::text, 2)::int % 3],
       s.ip_address, s.user_agent, e.properties
  FROM (SELECT b.user_id,
               (b.briefing_date + time '06:58') AT TIME ZONE 'UTC' AS occurred_at,
               'app_open' AS event_type,
               '{}'::jsonb AS properties
          FROM pulsex.briefings AS b
        UNION ALL
        SELECT b.user_id,
               (b.briefing_date + time '07:00') AT TIME ZONE 'UTC',
               'briefing_view',
               jsonb_build_object('briefing_date', b.briefing_date)
          FROM pulsex.briefings AS b
        UNION ALL
        SELECT f.user_id, f.created_at, 'card_view',
               jsonb_build_object('card_id', f.card_id, 'briefing_date', f.briefing_date)
          FROM pulsex.user_feedback AS f) AS e
  JOIN pulsex.sessions AS s
    ON s.user_id = e.user_id
   AND s.id = md5(format('seed-session-%s-1', right(e.user_id::text, 2)))::uuid
 ORDER BY e.user_id, e.occurred_at, e.event_type;
