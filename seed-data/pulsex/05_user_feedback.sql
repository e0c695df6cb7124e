-- Engagement on roughly a third of the cards of the October briefings, types skewed towards
-- view and click, deterministic from md5 of (user, date, card).

INSERT INTO pulsex.user_feedback (user_id, briefing_date, card_id, feedback_type, dwell_ms, created_at)
SELECT b.user_id,
       b.briefing_date,
       c.card ->> 'id',
       (ARRAY['view', 'view', 'view', 'click', 'click', 'like', 'save', 'share', 'dismiss',
              'dislike', 'hide_source'])[1 + get_byte(h.h, 1) % 11],
       CASE WHEN get_byte(h.h, 2) < 200 THEN 1000 + get_byte(h.h, 3) * 100 END,
       (b.briefing_date + time '07:00') AT TIME ZONE 'UTC'
           + make_interval(mins => c.pos::int * 3 + get_byte(h.h, 4) % 30)
  FROM pulsex.briefings AS b
 CROSS JOIN LATERAL jsonb_array_elements(b.cards) WITH ORDINALITY AS c(card, pos)
 CROSS JOIN LATERAL (SELECT decode(md5(b.user_id::text || b.briefing_date::text || (c.card ->> 'id')), 'hex') AS h) AS h
 WHERE b.briefing_date BETWEEN date '2026-10-01' AND date '2026-10-31'
   AND get_byte(h.h, 0) < 85
 ORDER BY b.user_id, b.briefing_date, c.pos;
