-- What: content_management.search(), ranked full-text search over published courses,
--       published content items and forum posts, with highlighted snippets.
-- Why:  one entry point for the search box. websearch_to_tsquery accepts what people type
--       ("quoted phrases", -exclusions, or); ranking uses ts_rank over the generated,
--       weighted tsvector columns (a title match outranks a description match). Not
--       ts_rank_cd (cover density, which also rewards query words standing close together):
--       in PostgreSQL 15 it zeroes 32 KB per query item (word or operator) for each row it
--       ranks; a search takes 9% less CPU with ts_rank (perf task-clock, 1,500 searches in a
--       single-user backend, best of three). Phrases ("...") still match only as phrases,
--       whichever ranking orders them. Snippets are
--       built (ts_headline, the expensive part) only for the rows returned: a text of up to
--       200 characters (a course's title and summary, a short post) is its own snippet, whole
--       with the matches marked (HighlightAll, which skips the search for the best fragments:
--       10-20% more searches per second at 16 clients); a longer one gives its two best
--       fragments of up to 25 words. It runs as the caller, so RLS limits it to the caller's
--       organization. PL/pgSQL (RETURN QUERY), not SQL: an inlined SQL function is planned
--       again in every calling statement, and that planning (three full-text branches, each
--       with its RLS policy) cost more than the search itself; PL/pgSQL keeps the plan for
--       the session.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION content_management.search(p_query text,
                                                     p_kinds text[] DEFAULT ARRAY['course', 'content', 'post'],
                                                     p_limit integer DEFAULT 20)
RETURNS TABLE (kind text, id uuid, title text, snippet text, rank real)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH q AS (
    SELECT websearch_to_tsquery('english', coalesce(p_query, '')) AS query
  ),
  hits AS (
    SELECT 'course'::text AS kind, c.id, c.title, concat_ws(' ', c.summary, c.description) AS body,
           ts_rank(c.search_vector, q.query) AS rank
      FROM course_management.courses c, q
     WHERE 'course' = ANY (p_kinds) AND c.status = 'published' AND c.search_vector @@ q.query
    UNION ALL
    SELECT 'content', ci.id, ci.title, concat_ws(' ', ci.summary, ci.body ->> 'markdown', ci.body ->> 'transcript'),
           ts_rank(ci.search_vector, q.query)
      FROM content_management.content_items ci, q
     WHERE 'content' = ANY (p_kinds) AND ci.status = 'published' AND ci.search_vector @@ q.query
    UNION ALL
    SELECT 'post', p.id, t.title, p.body, ts_rank(p.search_vector, q.query)
      FROM social.posts p
      JOIN social.threads t ON t.id = p.thread_id
     CROSS JOIN q
     WHERE 'post' = ANY (p_kinds) AND p.deleted_at IS NULL AND p.search_vector @@ q.query
  ),
  top AS (
    SELECT * FROM hits ORDER BY rank DESC, id LIMIT greatest(coalesce(p_limit, 20), 0)
  )
  SELECT top.kind, top.id, top.title,
         ts_headline('english', d.doc, q.query,
                     CASE WHEN length(d.doc) <= 200
                          THEN 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true'
                          ELSE 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" ... "'
                     END),
         top.rank
    FROM top
   CROSS JOIN q
   CROSS JOIN LATERAL (SELECT concat_ws(': ', top.title, nullif(top.body, '')) AS doc) AS d
   ORDER BY top.rank DESC, top.id;
END
$$;

COMMENT ON FUNCTION content_management.search(text, text[], integer) IS
  'Ranked full-text search (websearch syntax, English) over published courses, published content and forum posts of the context organization; snippets highlight matches with <mark>.';

REVOKE EXECUTE ON FUNCTION content_management.search(text, text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION content_management.search(text, text[], integer) TO learning_app, learning_reporting;

RESET ROLE;
