-- Full-text search (content_management.search) as the application: it finds published
-- courses, published content and forum posts; ranks a title match above a description
-- match; highlights matches; understands websearch syntax; skips drafts and deleted posts;
-- and stays inside the caller's organization.
BEGIN;
SELECT plan(22);

-- Two published Northwind courses that both mention "kubernetes": in the title, and only
-- in the description.
INSERT INTO course_management.courses (id, organization_id, slug, title, summary, description, status, published_at)
VALUES ('0d000001-0000-4000-8000-0000000000a1', '0a000000-0000-4000-8000-000000000001', 'k8s-title',
        'Kubernetes for database people', 'Run PostgreSQL on a cluster.', 'Operators and storage.', 'published', now()),
       ('0d000001-0000-4000-8000-0000000000a2', '0a000000-0000-4000-8000-000000000001', 'k8s-description',
        'Cloud operations', 'Running services.', 'Covers kubernetes briefly, among many other tools.', 'published', now()),
       ('0d000001-0000-4000-8000-0000000000a3', '0a000000-0000-4000-8000-000000000001', 'long-read',
        'Platform engineering', 'A long course.',
        'Helm charts come first. ' || repeat('Storage, networking and observability are covered at length. ', 6)
        || 'The last part returns to helm charts for upgrades.', 'published', now()),
       -- Words the parser treats specially: apostrophes, a backslash, hyphens, an e-mail, a URL.
       ('0d000001-0000-4000-8000-0000000000a4', '0a000000-0000-4000-8000-000000000001', 'odd-words',
        'C:\Temp and O''Reilly''s kick-off', 'Don''t panic: it''s e-mail to bob@example.com.',
        'See https://example.com/kick-off or back\slash notes.', 'published', now());

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');

SELECT is((SELECT array_agg(id ORDER BY rank DESC) FROM content_management.search('kubernetes')),
          ARRAY['0d000001-0000-4000-8000-0000000000a1', '0d000001-0000-4000-8000-0000000000a2']::uuid[],
          'both courses are found, the title match ranked first');
SELECT ok((SELECT bool_and(rank > 0) FROM content_management.search('kubernetes')), 'ranks are positive');
SELECT matches((SELECT snippet FROM content_management.search('kubernetes') WHERE id = '0d000001-0000-4000-8000-0000000000a2'),
               '<mark>kubernetes</mark>', 'the snippet highlights the matching word');
SELECT is((SELECT snippet FROM content_management.search('kubernetes') WHERE id = '0d000001-0000-4000-8000-0000000000a2'),
          'Cloud operations: Running services. Covers <mark>kubernetes</mark> briefly, among many other tools.',
          'a short text is its own snippet, whole, with the match marked');
SELECT ok((SELECT snippet ILIKE '%<mark>helm</mark> <mark>charts</mark>% ... %<mark>helm</mark> <mark>charts</mark>%'
             FROM content_management.search('helm charts') WHERE id = '0d000001-0000-4000-8000-0000000000a3'),
          'a long text gives its two best fragments, joined by " ... "');
SELECT ok((SELECT (length(snippet) - length(replace(snippet, 'Storage', ''))) / length('Storage') < 6
             FROM content_management.search('helm charts') WHERE id = '0d000001-0000-4000-8000-0000000000a3'),
          'and not the whole text (fewer than its six middle sentences)');

SELECT is((SELECT array_agg(title) FROM content_management.search('query performance', ARRAY['course'])),
          ARRAY['Advanced PostgreSQL Performance'],
          'a course search finds Northwind''s performance course and not Globex''s "Query Performance for Data Scientists"');
SELECT is((SELECT array_agg(DISTINCT kind) FROM content_management.search('performance')), ARRAY['course', 'post'],
          'without a kinds filter, courses and posts about performance are found');
SELECT is((SELECT array_agg(DISTINCT kind) FROM content_management.search('performance', ARRAY['course'])), ARRAY['course'],
          'the kinds filter keeps courses only');
SELECT is((SELECT kind || ':' || title FROM content_management.search('"query plans"') ORDER BY rank DESC LIMIT 1),
          'content:Reading query plans', 'a quoted phrase finds the content item');
SELECT is((SELECT count(*) FROM content_management.search('performance -advanced', ARRAY['course'])), 0::bigint,
          'an excluded word (-advanced) removes the only matching course');
SELECT is((SELECT kind FROM content_management.search('nested loop')), 'post', 'forum posts are searched');
SELECT is((SELECT count(*) FROM content_management.search('truncated axis')), 0::bigint,
          'draft content and draft courses are not found');
SELECT is((SELECT count(*) FROM content_management.search('kubernetes', p_limit => 1)), 1::bigint, 'the limit is applied');
-- Short texts are marked part by part, skipping the parts without a query word: the
-- snippets must be what ts_headline gives for the whole text.
SELECT is_empty($$
  WITH queries (q) AS (VALUES ('kubernetes'), ('performance'), ('postgresql cluster'), ('"query plans"'),
                              ('query -plans'), ('operators or tools'), ('running services'), ('nested loop'),
                              ('kick-off'), ('"kick-off"'), ('bob@example.com'), ('example.com'), ($q$o'reilly$q$),
                              ($q$it's panic$q$), ('temp'), ('back\slash'), ('notes'), ('storage'), ('index'))
  SELECT q.q, s.kind, s.id, s.snippet
    FROM queries q
   CROSS JOIN (VALUES (ARRAY['course', 'content', 'post']), (ARRAY['course'])) AS k (kinds)
   CROSS JOIN LATERAL content_management.search(q.q, k.kinds, 100) AS s
   CROSS JOIN LATERAL (
     SELECT concat_ws(': ', c.title, nullif(concat_ws(' ', c.summary, c.description), ''))
       FROM course_management.courses c WHERE s.kind = 'course' AND c.id = s.id
     UNION ALL
     SELECT concat_ws(': ', ci.title, nullif(concat_ws(' ', ci.summary, ci.body ->> 'markdown', ci.body ->> 'transcript'), ''))
       FROM content_management.content_items ci WHERE s.kind = 'content' AND ci.id = s.id
     UNION ALL
     SELECT concat_ws(': ', t.title, nullif(p.body, ''))
       FROM social.posts p JOIN social.threads t ON t.id = p.thread_id WHERE s.kind = 'post' AND p.id = s.id
   ) AS d (doc)
   WHERE length(d.doc) <= 200
     AND s.snippet IS DISTINCT FROM ts_headline('english', d.doc, websearch_to_tsquery('english', q.q),
                                                'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
$$, 'every short snippet is ts_headline of its whole text');
SELECT ok((SELECT count(DISTINCT s.kind) = 3 AND count(*) FILTER (WHERE s.id = '0d000001-0000-4000-8000-0000000000a4') >= 8
             FROM (VALUES ('kubernetes'), ('performance'), ('nested loop'), ('"query plans"'), ('kick-off'), ('"kick-off"'),
                          ('bob@example.com'), ('example.com'), ($q$o'reilly$q$), ($q$it's panic$q$), ('temp'),
                          ('back\slash'), ('notes')) AS q (q)
            CROSS JOIN LATERAL content_management.search(q.q, p_limit => 100) AS s),
          'that comparison covers courses, content and posts, and the odd words');
SELECT is_empty($$
  WITH queries (q) AS (VALUES ('kubernetes'), ('performance'), ('query -plans'), ('operators or tools'), ('kick-off'))
  (SELECT q.q, s.* FROM queries q CROSS JOIN LATERAL content_management.search(q.q, ARRAY['course'], 100) AS s
   EXCEPT ALL
   SELECT q.q, s.* FROM queries q CROSS JOIN LATERAL content_management.search(q.q, p_limit => 100) AS s WHERE s.kind = 'course')
  UNION ALL
  (SELECT q.q, s.* FROM queries q CROSS JOIN LATERAL content_management.search(q.q, p_limit => 100) AS s WHERE s.kind = 'course'
   EXCEPT ALL
   SELECT q.q, s.* FROM queries q CROSS JOIN LATERAL content_management.search(q.q, ARRAY['course'], 100) AS s)
$$, 'a course-only search (its own plan) gives the courses of a search of every kind, snippets and ranks included');
SELECT is(content_management.highlight_part('Some text', to_tsvector('english', 'other words'), 'd',
                                            to_tsquery('english', 'text'), ARRAY['text']),
          'Some text', 'a part whose lexemes hold no query word is copied, not parsed (here, although it would match)');
SET LOCAL client_min_messages = warning;  -- the notice "query doesn't contain lexemes" is expected
SELECT is((SELECT count(*) FROM content_management.search('')), 0::bigint, 'an empty query finds nothing (and does not fail)');
RESET client_min_messages;

RESET ROLE;
UPDATE social.posts SET deleted_at = now() WHERE id = '4c000001-0000-4000-8000-000000000004';
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000003');
SELECT is((SELECT count(*) FROM content_management.search('nested loop')), 0::bigint, 'a deleted post is not found');

-- Globex cannot find Northwind's material, and the other way round.
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000003');
SELECT is((SELECT count(*) FROM content_management.search('kubernetes')), 0::bigint, 'another organization finds none of it');
SELECT is((SELECT array_agg(title) FROM content_management.search('query performance', ARRAY['course'])),
          ARRAY['Query Performance for Data Scientists'], 'Globex finds its own performance course only');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
