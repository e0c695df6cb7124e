-- Append an analytics event (app open / card view) for the user.
\set n random(1, :users)
\set e random(1, 3)
SELECT pulsex.set_app_context(md5('pulsex-bench-:n')::uuid) \; INSERT INTO pulsex.analytics_events (user_id, event_type, platform, properties) VALUES (md5('pulsex-bench-:n')::uuid, (ARRAY['app_open', 'briefing_view', 'card_view'])[:e], 'ios', '{"source": "bench"}');
