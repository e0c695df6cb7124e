-- Record an engagement event on one of today's cards (:today passed by run.sh).
\set n random(1, :users)
\set k random(0, 19)
\set t random(1, 6)
SELECT pulsex.set_app_context(md5('pulsex-bench-:n')::uuid) \; INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type, dwell_ms) VALUES (md5('pulsex-bench-:n')::uuid, ':today', format('c-%s-%s', replace(':today', '-', ''), lpad(:k::text, 2, '0')), (ARRAY['view', 'click', 'like', 'save', 'share', 'dismiss'])[:t], 4200);
