-- Tenant isolation, as the real application role learning_app with the context function the
-- application calls (user_management.set_tenant_context). For every table that carries an
-- organization (found in the catalog, and compared with the expected list so that a new
-- table cannot slip through), acting as the admin of Northwind (A):
--   * A sees its own rows (the policies are not deny-all) and none of Globex's (B);
--   * inserting a copy of one of B's rows (B's organization forged) is refused (42501);
--   * updating and deleting B's rows touches nothing (0 rows) or is refused outright;
--   * without a context, nothing is visible.
-- Afterwards, as the superuser, B's rows are all still there. users (visible through
-- membership) and organizations (keyed on id) are checked explicitly at the end.
BEGIN;
SELECT plan(240);

CREATE TEMP TABLE tenant_tables ON COMMIT DROP AS
SELECT c.oid::regclass AS tbl,
       CASE WHEN c.oid = 'user_management.organizations'::regclass THEN 'id' ELSE 'organization_id' END AS key_column
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('user_management', 'course_management', 'content_management', 'gamification',
                     'assessment', 'social', 'analytics')
   AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND (c.oid = 'user_management.organizations'::regclass
        OR EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped));

SELECT set_eq(
  'SELECT tbl::text FROM tenant_tables',
  ARRAY['user_management.organizations', 'user_management.organization_members', 'user_management.roles',
        'user_management.role_permissions', 'user_management.member_roles',
        'course_management.courses', 'course_management.modules', 'course_management.lessons',
        'course_management.learning_paths', 'course_management.learning_path_courses',
        'course_management.course_prerequisites', 'course_management.enrollments', 'course_management.lesson_progress',
        'content_management.content_items', 'content_management.content_versions', 'content_management.media_assets',
        'gamification.levels', 'gamification.points_ledger', 'gamification.point_balances', 'gamification.weekly_points',
        'gamification.badges', 'gamification.user_badges', 'gamification.achievements', 'gamification.user_achievements',
        'gamification.streaks',
        'assessment.quizzes', 'assessment.quiz_answer_keys', 'assessment.quiz_attempts', 'assessment.assignments',
        'assessment.submissions', 'assessment.grades',
        'social.forums', 'social.threads', 'social.posts', 'social.reactions', 'social.direct_messages',
        'analytics.learning_events', 'analytics.daily_engagement'],
  'the tenant tables are exactly the 38 expected ones (a new one must be added to this suite)');

-- As the superuser: for each table, one of B's rows (to forge), how many B rows there are,
-- and the statements to try as A.
CREATE TEMP TABLE probes (
  tbl           regclass PRIMARY KEY,
  key_column    text,
  b_rows        bigint,
  b_row         jsonb,
  insert_sql    text,
  update_sql    text,
  delete_sql    text,
  can_select    boolean
) ON COMMIT DROP;

DO $probes$
DECLARE
  t          record;
  v_row      jsonb;
  v_rows     bigint;
  v_cols     text;
  v_upd_col  text;
BEGIN
  FOR t IN SELECT * FROM tenant_tables LOOP
    EXECUTE format('SELECT count(*), (SELECT to_jsonb(x) FROM %s x WHERE %I = $1 LIMIT 1) FROM %s WHERE %I = $1',
                   t.tbl, t.key_column, t.tbl, t.key_column)
      INTO v_rows, v_row USING '0a000000-0000-4000-8000-000000000002'::uuid;
    -- Columns the application may insert (generated and identity columns can never be given).
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO v_cols
      FROM pg_attribute a
     WHERE a.attrelid = t.tbl AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attgenerated = '' AND a.attidentity <> 'a'
       AND has_column_privilege('learning_app', t.tbl, a.attname, 'INSERT');
    SELECT format('%I', a.attname) INTO v_upd_col
      FROM pg_attribute a
     WHERE a.attrelid = t.tbl AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       AND has_column_privilege('learning_app', t.tbl, a.attname, 'UPDATE')
     ORDER BY a.attnum LIMIT 1;
    INSERT INTO probes VALUES (
      t.tbl, t.key_column, v_rows, v_row,
      format('INSERT INTO %s (%s) SELECT %s FROM jsonb_populate_record(NULL::%s, %L::jsonb)',
             t.tbl, coalesce(v_cols, format('%I', t.key_column)), coalesce(v_cols, format('%I', t.key_column)), t.tbl, v_row),
      format('UPDATE %s SET %s = %s WHERE %I = %L', t.tbl, coalesce(v_upd_col, format('%I', t.key_column)),
             coalesce(v_upd_col, format('%I', t.key_column)), t.key_column, '0a000000-0000-4000-8000-000000000002'),
      format('DELETE FROM %s WHERE %I = %L', t.tbl, t.key_column, '0a000000-0000-4000-8000-000000000002'),
      has_table_privilege('learning_app', t.tbl, 'SELECT'));
  END LOOP;
END
$probes$;

-- Helpers run as the application role: each returns one TAP line.
CREATE FUNCTION pg_temp.refused(p_sql text, p_description text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE p_sql;
  RETURN ok(false, p_description) || E'\n' || diag('the statement succeeded: ' || p_sql);
EXCEPTION
  WHEN insufficient_privilege THEN
    RETURN ok(true, p_description);
  WHEN OTHERS THEN
    RETURN ok(false, p_description) || E'\n' || diag(SQLSTATE || ' ' || SQLERRM || ' in: ' || p_sql);
END
$$;

CREATE FUNCTION pg_temp.touches_nothing(p_sql text, p_description text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_rows bigint;
BEGIN
  EXECUTE p_sql;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN ok(v_rows = 0, p_description) || CASE WHEN v_rows = 0 THEN '' ELSE E'\n' || diag(v_rows || ' rows: ' || p_sql) END;
EXCEPTION
  WHEN insufficient_privilege THEN
    RETURN ok(true, p_description || ' (refused)');
  WHEN OTHERS THEN
    RETURN ok(false, p_description) || E'\n' || diag(SQLSTATE || ' ' || SQLERRM || ' in: ' || p_sql);
END
$$;

CREATE FUNCTION pg_temp.count_rows(p_sql text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_count bigint;
BEGIN
  EXECUTE p_sql INTO v_count;
  RETURN v_count;
END
$$;

GRANT SELECT ON probes TO learning_app;

-- Preconditions (superuser): B has rows everywhere, so "A sees none of B's rows" means something.
SELECT is(array_agg(tbl::text ORDER BY tbl::text) FILTER (WHERE b_rows = 0), NULL,
          'seed: Globex (B) has rows in every tenant table') FROM probes;

SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');

-- Reading.
SELECT CASE WHEN can_select
            THEN ok(pg_temp.count_rows(format('SELECT count(*) FROM %s', tbl)) > 0, tbl || ': A sees its own rows')
            ELSE pg_temp.refused(format('SELECT count(*) FROM %s', tbl), tbl || ': not readable by the application at all') END
  FROM probes ORDER BY tbl::text;

SELECT CASE WHEN can_select
            THEN is(pg_temp.count_rows(format('SELECT count(*) FROM %s WHERE %I IS DISTINCT FROM %L', tbl, key_column,
                                              '0a000000-0000-4000-8000-000000000001')),
                    0::bigint, tbl || ': A sees none of B''s (or anyone else''s) rows')
            ELSE pg_temp.refused(format('SELECT * FROM %s WHERE %I = %L', tbl, key_column, '0a000000-0000-4000-8000-000000000002'),
                                 tbl || ': B''s rows cannot be read') END
  FROM probes ORDER BY tbl::text;

-- Writing B's rows.
SELECT pg_temp.refused(insert_sql, tbl || ': inserting a row with B''s organization is refused')
  FROM probes ORDER BY tbl::text;

SELECT pg_temp.touches_nothing(update_sql, tbl || ': updating B''s rows touches nothing')
  FROM probes ORDER BY tbl::text;

SELECT pg_temp.touches_nothing(delete_sql, tbl || ': deleting B''s rows touches nothing')
  FROM probes ORDER BY tbl::text;

-- No context: nothing is visible.
SELECT user_management.clear_tenant_context();
SELECT CASE WHEN can_select
            THEN is(pg_temp.count_rows(format('SELECT count(*) FROM %s', tbl)), 0::bigint, tbl || ': no context, no rows')
            ELSE pg_temp.refused(format('SELECT count(*) FROM %s', tbl), tbl || ': no context, still not readable') END
  FROM probes ORDER BY tbl::text;

RESET ROLE;

-- B's rows survived everything above.
SELECT is(array_agg(p.tbl::text ORDER BY p.tbl::text)
            FILTER (WHERE pg_temp.count_rows(format('SELECT count(*) FROM %s WHERE %I = %L', p.tbl, p.key_column,
                                                    '0a000000-0000-4000-8000-000000000002')) <> p.b_rows),
          NULL, 'every table still holds all of B''s rows') FROM probes p;

-- users: an account is visible to the organizations it belongs to; a user edits only their own.
SET LOCAL ROLE learning_app;
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000001', '0b000001-0000-4000-8000-000000000001');
SELECT is((SELECT count(*) FROM user_management.users), 6::bigint, 'users: A sees its six members');
SELECT is((SELECT count(*) FROM user_management.users WHERE email LIKE '%@globex.example'), 0::bigint,
          'users: A sees no account that belongs only to B');
SELECT pg_temp.touches_nothing($$UPDATE user_management.users SET display_name = 'Mallory' WHERE email = 'grace@globex.example'$$,
                               'users: A cannot update an account of B');
SELECT pg_temp.touches_nothing($$UPDATE user_management.users SET display_name = 'Mallory' WHERE email = 'lena@northwind.example'$$,
                               'users: not even an admin updates another member''s account');
WITH u AS (UPDATE user_management.users SET locale = 'en-GB' WHERE email = 'ada@northwind.example' RETURNING 1)
SELECT is(count(*), 1::bigint, 'users: a user updates their own account') FROM u;
SELECT pg_temp.refused($$INSERT INTO user_management.users (email, display_name) VALUES ('mallory@evil.example', 'Mallory')$$,
                       'users: the application cannot create accounts directly (add_member does)');
SELECT pg_temp.refused($$DELETE FROM user_management.users WHERE email = 'grace@globex.example'$$,
                       'users: the application cannot delete accounts');
SELECT user_management.set_tenant_context('0a000000-0000-4000-8000-000000000002', '0b000002-0000-4000-8000-000000000001');
SELECT is((SELECT count(*) FROM user_management.users WHERE email = 'sam@rivera.example'), 1::bigint,
          'users: an account in two organizations is visible to both');
SELECT user_management.clear_tenant_context();
SELECT is((SELECT count(*) FROM user_management.users), 0::bigint, 'users: no context, no accounts');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
