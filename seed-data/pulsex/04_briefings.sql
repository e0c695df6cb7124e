-- A briefing per account and day for October 2026 (all accounts but the pending one): five
-- cards picked from a pool of 20 cards per day (card id c-YYYYMMDD-PP), deterministic from
-- md5 of the user and the date. About two thirds are opened.

INSERT INTO pulsex.briefings
    (user_id, briefing_date, status, cards, generated_at, delivered_at, opened_at)
SELECT u.id,
       d.day,
       CASE WHEN get_byte(h.h, 0) < 170 THEN 'opened' ELSE 'delivered' END,
       (SELECT jsonb_agg(jsonb_build_object(
                   'id', format('c-%s-%s', to_char(d.day, 'YYYYMMDD'), lpad(p.idx::text, 2, '0')),
                   'topic', (ARRAY['technology', 'science', 'world', 'business', 'health', 'sport',
                                   'culture', 'climate'])[1 + p.idx % 8],
                   'title', format('%s story %s of %s',
                                   initcap((ARRAY['technology', 'science', 'world', 'business', 'health',
                                                  'sport', 'culture', 'climate'])[1 + p.idx % 8]),
                                   p.idx, to_char(d.day, 'YYYY-MM-DD')),
                   'source', (ARRAY['Reuters', 'AP', 'BBC', 'Nature', 'FT'])[1 + p.idx % 5],
                   'url', format('https://news.example.org/%s/%s', to_char(d.day, 'YYYYMMDD'), p.idx),
                   'score', round(get_byte(h.h, 1 + k) / 255.0, 2))
               ORDER BY k)
          FROM generate_series(0, 4) AS k
         CROSS JOIN LATERAL (SELECT (get_byte(h.h, 10) + k * 3) % 20 AS idx) AS p),
       (d.day + time '05:00') AT TIME ZONE 'UTC',
       (d.day + time '06:00') AT TIME ZONE 'UTC',
       CASE WHEN get_byte(h.h, 0) < 170
            THEN (d.day + time '07:00') AT TIME ZONE 'UTC' + make_interval(mins => get_byte(h.h, 11) % 120)
       END
  FROM pulsex.users AS u
 CROSS JOIN generate_series(date '2026-10-01', date '2026-10-31', interval '1 day') AS g(ts)
 CROSS JOIN LATERAL (SELECT g.ts::date AS day) AS d
 CROSS JOIN LATERAL (SELECT decode(md5(u.id::text || d.day::text), 'hex') AS h) AS h
 WHERE u.status <> 'pending_verification'
 ORDER BY u.id, d.day;
