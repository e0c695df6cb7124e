-- The house rules, checked on the catalog: the seven schemas with comments and owned by the
-- migration owner; every table commented, owned by learning_owner and under row-level
-- security (enabled and forced; partitions enabled); every foreign key with an explicit
-- ON DELETE; every SECURITY DEFINER function with a pinned search_path; trigger functions
-- named tg_<table>__<task> (or tg__<task> when shared) and attached only to their table;
-- the roles NOLOGIN and without BYPASSRLS; no Flyway history table.
BEGIN;
SELECT plan(20);

SELECT set_eq(
  $$SELECT nspname::text FROM pg_namespace
     WHERE nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                       'assessment', 'social', 'analytics')$$,
  ARRAY['user_management', 'course_management', 'content_management', 'gamification', 'assessment', 'social', 'analytics'],
  'the seven schemas exist');

SELECT is((SELECT array_agg(nspname ORDER BY nspname) FROM pg_namespace
            WHERE nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                              'assessment', 'social', 'analytics')
              AND (obj_description(oid, 'pg_namespace') IS NULL OR nspowner <> 'learning_owner'::regrole)),
          NULL, 'every schema has a comment and is owned by learning_owner');

CREATE TEMP VIEW app_tables AS
SELECT c.oid, c.oid::regclass AS tbl, c.relkind, c.relispartition, c.relrowsecurity, c.relforcerowsecurity, c.relowner
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                     'assessment', 'social', 'analytics')
   AND c.relkind IN ('r', 'p');

SELECT cmp_ok((SELECT count(*) FROM app_tables WHERE NOT relispartition), '=', 40::bigint,
              'there are 40 tables (partitions not counted)');

SELECT is((SELECT array_agg(tbl::text ORDER BY tbl::text) FROM app_tables
            WHERE NOT relispartition AND obj_description(oid, 'pg_class') IS NULL),
          NULL, 'every table has a comment');

SELECT is((SELECT array_agg(tbl::text ORDER BY tbl::text) FROM app_tables WHERE relowner <> 'learning_owner'::regrole),
          NULL, 'every table (and partition) is owned by learning_owner');

SELECT is((SELECT array_agg(tbl::text ORDER BY tbl::text) FROM app_tables
            WHERE NOT relispartition AND tbl <> 'user_management.permissions'::regclass
              AND NOT (relrowsecurity AND relforcerowsecurity)),
          NULL, 'row-level security is enabled and forced on every table but the global permission catalog');

SELECT is((SELECT array_agg(tbl::text ORDER BY tbl::text) FROM app_tables WHERE relispartition AND NOT relrowsecurity),
          NULL, 'row-level security is enabled on every partition (no policy: no direct access)');

SELECT is((SELECT array_agg(c.tbl::text ORDER BY c.tbl::text) FROM app_tables c
            WHERE NOT c.relispartition AND c.relrowsecurity
              AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)),
          NULL, 'every table under row-level security has policies');

SELECT is((SELECT array_agg(format('%s.%s', k.conrelid::regclass, k.conname) ORDER BY 1)
             FROM pg_constraint k JOIN app_tables t ON t.oid = k.conrelid
            WHERE k.contype = 'f' AND k.confdeltype = 'a' AND NOT t.relispartition),
          NULL, 'every foreign key states its ON DELETE action (none is left at the NO ACTION default)');

SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1)
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                                'assessment', 'social', 'analytics')
              AND p.prosecdef
              AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search_path=%')),
          NULL, 'every SECURITY DEFINER function pins its search_path');

SELECT cmp_ok((SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                                    'assessment', 'social', 'analytics') AND p.prosecdef),
              '>=', 14::bigint, 'the definer functions are there (the previous test is not vacuous)');

SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1)
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                                'assessment', 'social', 'analytics')
              AND p.prorettype = 'trigger'::regtype
              AND p.proname !~ '^tg_[a-z][a-z0-9_]*__[a-z][a-z_]*$'   -- tg_<table>__<task>
              AND p.proname !~ '^tg__[a-z][a-z_]*$'),                  -- tg__<task>, shared by several tables
          NULL, 'trigger functions are named tg_<table>__<task>');

SELECT is((SELECT array_agg(DISTINCT format('%s on %s', p.proname, t.tgrelid::regclass))
             FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND NOT c.relispartition
              AND p.proname ~ '^tg_[a-z]'
              AND substring(p.proname FROM '^tg_(.*?)__') <> c.relname),
          NULL, 'a tg_<table>__<task> function is only used by triggers on <table>');

SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1)
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                                'assessment', 'social', 'analytics')
              AND p.proowner <> 'learning_owner'::regrole),
          NULL, 'every function is owned by learning_owner');

SELECT is((SELECT array_agg(rolname ORDER BY rolname) FROM pg_roles
            WHERE rolname IN ('learning_owner', 'learning_app', 'learning_reporting')
              AND NOT rolcanlogin AND NOT rolbypassrls AND NOT rolsuper),
          ARRAY['learning_app', 'learning_owner', 'learning_reporting']::name[],
          'the three roles exist, NOLOGIN, without BYPASSRLS or superuser');

SELECT is(to_regclass('public.flyway_schema_history'), NULL, 'no Flyway history table (the runner keeps its own)');

SELECT has_column('course_management', 'courses', 'search_vector', 'courses has a search_vector');
SELECT is((SELECT array_agg(format('%s.%s', a.attrelid::regclass, a.attname) ORDER BY 1)
             FROM pg_attribute a
            WHERE a.attname = 'search_vector' AND a.attgenerated <> 's'
              AND a.attrelid IN ('course_management.courses'::regclass, 'content_management.content_items'::regclass,
                                 'social.posts'::regclass)),
          NULL, 'the search_vector columns of courses, content items and posts are generated');
SELECT is((SELECT count(*) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
           WHERE am.amname = 'gin' AND a.attname = 'search_vector'
             AND i.indrelid IN ('course_management.courses'::regclass, 'content_management.content_items'::regclass,
                                'social.posts'::regclass)),
          3::bigint, 'each search_vector has a GIN index');

SELECT is((SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = 'analytics.learning_events'::regclass),
          'r', 'learning_events is range-partitioned');

SELECT * FROM finish();
ROLLBACK;
