-- List a user's saved cards carrying one tag, newest first.
\set n random(1, :users)
\set t random(1, 10)
SELECT pulsex.set_app_context(md5('pulsex-bench-:n')::uuid) \; SELECT card_id, card, tags, saved_at FROM pulsex.saved_cards WHERE user_id = md5('pulsex-bench-:n')::uuid AND tags @> ARRAY[(ARRAY['tech', 'science', 'world', 'business', 'health', 'sport', 'culture', 'climate', 'read-later', 'share'])[:t]] ORDER BY saved_at DESC LIMIT 20;
