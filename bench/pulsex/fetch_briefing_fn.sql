-- Fetch today's briefing through pulsex.fetch_briefing(user_id, date): the same work as
-- fetch_briefing.sql (the RLS context of the transaction set to the user, the row read through
-- the briefings policies) in one statement whose plan PL/pgSQL caches per server connection.
\set n random(1, :users)
SELECT * FROM pulsex.fetch_briefing(md5('pulsex-bench-:n')::uuid, ':today');
