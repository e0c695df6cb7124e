-- What: content_management.search(), ranked full-text search over published courses,
--       published content items and forum posts, with highlighted snippets, and its helpers
--       content_management.snippet() and highlight_part().
-- Why:  one entry point for the search box. websearch_to_tsquery accepts what people type
--       ("quoted phrases", -exclusions, or); ranking uses ts_rank over the generated,
--       weighted tsvector columns (a title match outranks a description match). Not
--       ts_rank_cd (cover density, which also rewards query words standing close together):
--       in PostgreSQL 15 it zeroes 32 KB per query item (word or operator) for each row it
--       ranks; a search takes 9% less CPU with ts_rank (perf task-clock, 1,500 searches in a
--       single-user backend, best of three). Phrases ("...") still match only as phrases,
--       whichever ranking orders them.
--       Snippets are built (ts_headline, the expensive part: every word is parsed and
--       stemmed) only for the rows returned. A text of up to 200 characters (a course's
--       title, summary and description; a short post under its thread's title) is its own
--       snippet, whole, with the matches marked (HighlightAll, which skips the search for the
--       best fragments); a longer one gives its two best fragments of up to 25 words.
--       HighlightAll marks every word that is one of the query's words, whatever the
--       operators, so a short text is marked part by part, and a part none of whose words is
--       a query word (its lexemes, by their weight in the row's stored tsvector, tell) is
--       copied without being parsed: the same snippet, 2.67 -> 2.26 million instructions
--       per course search. A thread's title is not in the post's vector, so it is always
--       parsed. 04_search checks the snippets against ts_headline of the whole text.
--       A search of courses only (the catalogue's search box, and the benchmark's) has a
--       plan of its own: starting the content and post branches up for nothing was 12% of
--       it (2.26 -> 1.98 million instructions); 04_search checks it returns what the
--       general query returns for courses.
--       It runs as the caller, so RLS limits it to the caller's organization. The @@
--       operator is not leakproof, so under RLS it cannot be an index condition: a search
--       reads the organization's published rows and tests each (0.1 ms for the benchmark's
--       100 courses per organization; it grows with the organization, not the table).
--       PL/pgSQL (RETURN QUERY), not SQL: an inlined SQL function is planned again in every
--       calling statement, and that planning (three full-text branches, each with its RLS
--       policy) cost more than the search itself; PL/pgSQL keeps the plan for the session.

SET LOCAL ROLE learning_owner;

-- Inlined into search()'s cached plan (a one-expression SQL function), so it costs no call.
CREATE OR REPLACE FUNCTION content_management.highlight_part(p_text text, p_vector tsvector, p_weight "char",
                                                             p_query tsquery, p_words text[])
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT CASE WHEN p_weight IS NOT NULL AND NOT (tsvector_to_array(ts_filter(p_vector, ARRAY[p_weight])) && p_words)
              THEN p_text
              ELSE ts_headline('english', p_text, p_query, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
         END
$$;

COMMENT ON FUNCTION content_management.highlight_part(text, tsvector, "char", tsquery, text[]) IS
  'One part of a short search snippet: p_text with the words of p_query marked; copied unparsed when none of the lexemes of weight p_weight in p_vector is one of p_words (NULL weight: always parsed).';

REVOKE EXECUTE ON FUNCTION content_management.highlight_part(text, tsvector, "char", tsquery, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION content_management.highlight_part(text, tsvector, "char", tsquery, text[])
  TO learning_app, learning_reporting;

-- Also inlined: the snippet of one hit, whose text is title: part_1 part_2 (a course's summary
-- and description; a content item's summary and body; a post's body under its thread's title).
-- p_weights are the parts' weights in p_vector, NULL where a part is not in it.
CREATE OR REPLACE FUNCTION content_management.snippet(p_title text, p_part_1 text, p_part_2 text, p_vector tsvector,
                                                      p_weights "char"[], p_query tsquery, p_words text[])
RETURNS text
LANGUAGE sql
STABLE  -- as concat_ws is; declared IMMUTABLE it would not be inlined
PARALLEL SAFE
AS $$
  SELECT CASE WHEN length(concat_ws(': ', p_title, nullif(concat_ws(' ', p_part_1, p_part_2), ''))) <= 200
              THEN concat_ws(': ',
                             content_management.highlight_part(p_title, p_vector, p_weights[1], p_query, p_words),
                             nullif(concat_ws(' ',
                                              content_management.highlight_part(p_part_1, p_vector, p_weights[2], p_query, p_words),
                                              content_management.highlight_part(p_part_2, p_vector, p_weights[3], p_query, p_words)),
                                    ''))
              ELSE ts_headline('english', concat_ws(': ', p_title, nullif(concat_ws(' ', p_part_1, p_part_2), '')), p_query,
                               'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" ... "')
         END
$$;

COMMENT ON FUNCTION content_management.snippet(text, text, text, tsvector, "char"[], tsquery, text[]) IS
  'Search snippet of a hit: its text (title: part_1 part_2) whole with the words of p_query marked when at most 200 characters, else its two best fragments.';

REVOKE EXECUTE ON FUNCTION content_management.snippet(text, text, text, tsvector, "char"[], tsquery, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION content_management.snippet(text, text, text, tsvector, "char"[], tsquery, text[])
  TO learning_app, learning_reporting;

CREATE OR REPLACE FUNCTION content_management.search(p_query text,
                                                     p_kinds text[] DEFAULT ARRAY['course', 'content', 'post'],
                                                     p_limit integer DEFAULT 20)
RETURNS TABLE (kind text, id uuid, title text, snippet text, rank real)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
  v_query tsquery := websearch_to_tsquery('english', coalesce(p_query, ''));
  -- The query's words: its lexemes as tsquery prints them, quoted, with ' and \ doubled.
  -- (websearch_to_tsquery makes no prefix (:*) items, which would match more words.)
  v_words text[] := ARRAY(SELECT replace(replace(m[1], '''''', ''''), '\\', '\')
                            FROM pg_catalog.regexp_matches(v_query::text, '''((?:[^''\\]|''''|\\.)*)''', 'g') AS m);
  v_limit integer := greatest(coalesce(p_limit, 20), 0);
BEGIN
  IF p_kinds = ARRAY['course'] THEN
    -- The catalogue's search box: the course branch below, in a plan of its own (starting
    -- the other two branches up was 12% of a course search's instructions).
    RETURN QUERY
    SELECT 'course'::text, h.id, h.title,
           content_management.snippet(h.title, h.summary, h.description, h.search_vector, '{a,b,c}', v_query, v_words),
           h.rank
      FROM (SELECT c.id, c.title, c.summary, c.description, c.search_vector, ts_rank(c.search_vector, v_query) AS rank
              FROM course_management.courses c
             WHERE c.status = 'published' AND c.search_vector @@ v_query
             ORDER BY rank DESC, c.id
             LIMIT v_limit) AS h
     ORDER BY h.rank DESC, h.id;
    RETURN;
  END IF;

  RETURN QUERY
  SELECT h.kind, h.id, h.title, content_management.snippet(h.title, h.part_1, h.part_2, h.vector, h.weights, v_query, v_words),
         h.rank
    FROM (SELECT 'course'::text AS kind, c.id, c.title, c.summary AS part_1, c.description AS part_2,
                 c.search_vector AS vector, '{a,b,c}'::"char"[] AS weights, ts_rank(c.search_vector, v_query) AS rank
            FROM course_management.courses c
           WHERE 'course' = ANY (p_kinds) AND c.status = 'published' AND c.search_vector @@ v_query
          UNION ALL
          SELECT 'content', ci.id, ci.title, ci.summary,
                 CASE WHEN ci.body ->> 'markdown' IS NOT NULL OR ci.body ->> 'transcript' IS NOT NULL
                      THEN concat_ws(' ', ci.body ->> 'markdown', ci.body ->> 'transcript') END,
                 ci.search_vector, '{a,b,c}', ts_rank(ci.search_vector, v_query)
            FROM content_management.content_items ci
           WHERE 'content' = ANY (p_kinds) AND ci.status = 'published' AND ci.search_vector @@ v_query
          UNION ALL
          SELECT 'post', p.id, t.title, p.body, NULL, p.search_vector, ARRAY[NULL, 'd', NULL]::"char"[],
                 ts_rank(p.search_vector, v_query)
            FROM social.posts p
            JOIN social.threads t ON t.id = p.thread_id
           WHERE 'post' = ANY (p_kinds) AND p.deleted_at IS NULL AND p.search_vector @@ v_query
           ORDER BY rank DESC, id
           LIMIT v_limit) AS h
   ORDER BY h.rank DESC, h.id;
END
$$;

COMMENT ON FUNCTION content_management.search(text, text[], integer) IS
  'Ranked full-text search (websearch syntax, English) over published courses, published content and forum posts of the context organization; snippets highlight matches with <mark>.';

REVOKE EXECUTE ON FUNCTION content_management.search(text, text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION content_management.search(text, text[], integer) TO learning_app, learning_reporting;

RESET ROLE;
