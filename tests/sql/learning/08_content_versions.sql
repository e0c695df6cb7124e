-- Content items keep every previous version: each edit of type, title, summary or body
-- raises the version and copies the replaced one into content_versions (written only by the
-- trigger); restoring an old version is itself an edit. JSONB bodies are checked per
-- content type. Media metadata is checked too. Acting as instructor Ivan (content.manage).
BEGIN;
SELECT plan(18);

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000002');

UPDATE content_management.content_items SET title = 'Relational databases in ten minutes'
 WHERE id = '1a000001-0000-4000-8000-000000000001';
SELECT is((SELECT version FROM content_management.content_items WHERE id = '1a000001-0000-4000-8000-000000000001'), 2,
          'an edit raises the version to 2');
SELECT is((SELECT title FROM content_management.content_versions
            WHERE content_item_id = '1a000001-0000-4000-8000-000000000001' AND version = 1),
          'What is a relational database?', 'version 1 is kept with its old title');
SELECT is((SELECT replaced_by FROM content_management.content_versions
            WHERE content_item_id = '1a000001-0000-4000-8000-000000000001' AND version = 1),
          '0b000001-0000-4000-8000-000000000002'::uuid, 'the kept version records who replaced it');

UPDATE content_management.content_items
   SET body = jsonb_set(body, '{markdown}', '"Tables hold rows; keys relate tables."')
 WHERE id = '1a000001-0000-4000-8000-000000000001';
SELECT is((SELECT array_agg(version ORDER BY version) FROM content_management.content_versions
            WHERE content_item_id = '1a000001-0000-4000-8000-000000000001'),
          ARRAY[1, 2], 'a second edit keeps version 2 as well');
SELECT is((SELECT body ->> 'markdown' FROM content_management.content_versions
            WHERE content_item_id = '1a000001-0000-4000-8000-000000000001' AND version = 2),
          'A relational database stores data in tables. Each row is a record and each column an attribute; primary keys identify rows and foreign keys relate tables.',
          'version 2 holds the body as it was before the second edit');

UPDATE content_management.content_items SET status = 'archived' WHERE id = '1a000001-0000-4000-8000-000000000001';
SELECT is((SELECT version FROM content_management.content_items WHERE id = '1a000001-0000-4000-8000-000000000001'), 3,
          'a status change is not a new version');
SELECT is((SELECT count(*) FROM content_management.content_versions WHERE content_item_id = '1a000001-0000-4000-8000-000000000001'),
          2::bigint, 'and keeps no copy');

UPDATE content_management.content_items SET version = 99, title = 'Sneaky' WHERE id = '1a000001-0000-4000-8000-000000000001';
SELECT is((SELECT version FROM content_management.content_items WHERE id = '1a000001-0000-4000-8000-000000000001'), 4,
          'the version is the database''s: a written version number is ignored');

SELECT is(content_management.restore_content_version('1a000001-0000-4000-8000-000000000001', 1), 5,
          'restoring version 1 makes version 5');
SELECT is((SELECT title FROM content_management.content_items WHERE id = '1a000001-0000-4000-8000-000000000001'),
          'What is a relational database?', 'with version 1''s title');
SELECT is((SELECT title FROM content_management.content_versions
            WHERE content_item_id = '1a000001-0000-4000-8000-000000000001' AND version = 4),
          'Sneaky', 'and the version it replaced is kept');

SELECT throws_ok($$INSERT INTO content_management.content_versions (organization_id, content_item_id, version, content_type, title, body, valid_from)
                   VALUES ('0a000000-0000-4000-8000-000000000001', '1a000001-0000-4000-8000-000000000001', 50, 'article', 'Fake', '{}', now())$$,
                 '42501', NULL, 'the application cannot write versions itself');
SELECT throws_ok($$UPDATE content_management.content_versions SET title = 'Rewritten history'$$,
                 '42501', NULL, 'nor rewrite them');

-- Bodies are checked per type.
SELECT throws_ok($$INSERT INTO content_management.content_items (organization_id, content_type, title, body)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 'article', 'Empty', '{"text": "no markdown"}')$$,
                 '23514', NULL, 'an article needs a markdown string');
SELECT throws_ok($$INSERT INTO content_management.content_items (organization_id, content_type, title, body)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 'video', 'No length', '{"media_id": "x", "duration_seconds": "long"}')$$,
                 '23514', NULL, 'a video needs a numeric duration');
SELECT throws_ok($$INSERT INTO content_management.content_items (organization_id, content_type, title, body)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 'embed', 'Plain http', '{"url": "http://example.org"}')$$,
                 '23514', NULL, 'an embed needs an https URL');
SELECT lives_ok($$INSERT INTO content_management.content_items (organization_id, content_type, title, body)
                  VALUES ('0a000000-0000-4000-8000-000000000001', 'interactive', 'Quiz warm-up', '{"steps": [{"prompt": "Ready?"}]}')$$,
                'a well-formed interactive item is accepted');
SELECT throws_ok($$INSERT INTO content_management.media_assets (organization_id, kind, storage_key, mime_type, byte_size, checksum_sha256)
                   VALUES ('0a000000-0000-4000-8000-000000000001', 'video', 'v.mp4', 'video/mp4', 10, repeat('a', 64))$$,
                 '23514', NULL, 'video metadata needs a duration');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
