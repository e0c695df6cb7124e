-- Saved cards: the first card of every fourth October day of each account (about 8 per
-- account), one to three tags from a fixed list, a note on some.

INSERT INTO pulsex.saved_cards (user_id, card_id, briefing_date, card, tags, notes, saved_at)
SELECT b.user_id,
       b.cards -> 0 ->> 'id',
       b.briefing_date,
       b.cards -> 0,
       (SELECT array_agg(t.tag ORDER BY t.tag)
          FROM unnest(ARRAY['tech', 'science', 'world', 'business', 'health', 'sport', 'culture',
                            'climate', 'read-later', 'share']) WITH ORDINALITY AS t(tag, i)
         WHERE t.i = 1 + get_byte(h.h, 0) % 10
            OR (get_byte(h.h, 1) < 128 AND t.i = 1 + get_byte(h.h, 2) % 10)
            OR (get_byte(h.h, 3) < 64 AND t.i = 9)),
       CASE WHEN get_byte(h.h, 4) < 80 THEN 'Worth re-reading at the weekend' END,
       (b.briefing_date + time '07:30') AT TIME ZONE 'UTC' + make_interval(mins => get_byte(h.h, 5) % 60)
  FROM pulsex.briefings AS b
 CROSS JOIN LATERAL (SELECT decode(md5('saved' || b.user_id::text || b.briefing_date::text), 'hex') AS h) AS h
 WHERE b.briefing_date BETWEEN date '2026-10-01' AND date '2026-10-31'
   AND extract(day FROM b.briefing_date)::int % 4 = 1
 ORDER BY b.user_id, b.briefing_date;
