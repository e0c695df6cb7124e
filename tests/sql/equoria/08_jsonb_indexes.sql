-- The seed's JSONB query patterns - a trait in "positive", a discipline score of at least
-- N - are answered by the GIN indexes (EXPLAIN shows them), and return the same rows as
-- the unindexed formulation.
BEGIN;
SELECT plan(14);

-- EXPLAIN output of a query as one text value.
CREATE FUNCTION pg_temp.plan_of(p_query text)
RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_line text;
  v_plan text := '';
BEGIN
  FOR v_line IN EXECUTE format('EXPLAIN (COSTS OFF) %s', p_query) LOOP
    v_plan := v_plan || v_line || E'\n';
  END LOOP;
  RETURN v_plan;
END
$$;

-- The seed is small; make the planner show what it can use instead of what is cheapest.
SET LOCAL enable_seqscan = off;

-- A trait in "positive": containment on the whole document, answered by the jsonb_path_ops index.
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE epigenetic_modifiers @> '{"positive": ["resilient"]}'$$),
  'Bitmap Index Scan on idx_horses_epigenetic_modifiers',
  'a positive-trait search uses idx_horses_epigenetic_modifiers');
SELECT ok((SELECT count(*) FROM equoria.horses WHERE epigenetic_modifiers @> '{"positive": ["resilient"]}') > 0,
  'the seed has resilient horses');
SELECT set_eq($$SELECT id FROM equoria.horses WHERE epigenetic_modifiers @> '{"positive": ["resilient"]}'$$,
  $$SELECT id FROM equoria.horses WHERE (epigenetic_modifiers -> 'positive') ? 'resilient'$$,
  'the indexed trait search returns exactly the horses listing resilient as positive');
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE epigenetic_modifiers @? '$.hidden[*] ? (@ == "calm")'$$),
  'idx_horses_epigenetic_modifiers', 'a jsonpath equality on a trait list uses the index too');
SELECT set_eq($$SELECT id FROM equoria.horses WHERE epigenetic_modifiers @? '$.hidden[*] ? (@ == "calm")'$$,
  $$SELECT id FROM equoria.horses WHERE (epigenetic_modifiers -> 'hidden') ? 'calm'$$,
  'and returns the same horses');
SELECT doesnt_match(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE (epigenetic_modifiers -> 'positive') @> '["resilient"]'$$),
  'idx_horses_epigenetic_modifiers',
  'containment on a sub-document (the ORM''s path + array_contains form) cannot use the index: query the whole column');

-- A discipline score of at least N: a jsonpath filter, answered by the jsonb_ops index
-- (the index finds horses having the key; the filter is rechecked on those rows).
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE discipline_scores @? '$."Racing" ? (@ >= 20)'$$),
  'Bitmap Index Scan on idx_horses_discipline_scores',
  'a score >= N search (@?) uses idx_horses_discipline_scores');
SELECT ok((SELECT count(*) FROM equoria.horses WHERE discipline_scores @? '$."Racing" ? (@ >= 20)') > 0,
  'the seed has horses with Racing >= 20');
SELECT set_eq($$SELECT id FROM equoria.horses WHERE discipline_scores @? '$."Racing" ? (@ >= 20)'$$,
  $$SELECT id FROM equoria.horses WHERE (discipline_scores ->> 'Racing')::numeric >= 20$$,
  'the indexed score search returns exactly the horses with Racing >= 20');
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE discipline_scores @@ '$."Show Jumping" >= 50'$$),
  'idx_horses_discipline_scores', 'the @@ predicate form uses the index');
SELECT set_eq($$SELECT id FROM equoria.horses WHERE discipline_scores @@ '$."Show Jumping" >= 50'$$,
  $$SELECT id FROM equoria.horses WHERE (discipline_scores ->> 'Show Jumping')::numeric >= 50$$,
  'and returns the same horses');
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.horses WHERE discipline_scores ? 'Dressage'$$),
  'idx_horses_discipline_scores', 'horses trained in a discipline (key existence) use the index');

-- The other seed indexes serve their queries.
SELECT matches(pg_temp.plan_of($$SELECT max(trained_at) FROM equoria.training_logs WHERE horse_id = 1 AND discipline = 'Racing'$$),
  'idx_training_logs_horse_discipline', 'the cooldown lookup uses idx_training_logs_horse_discipline');
SELECT matches(pg_temp.plan_of($$SELECT id FROM equoria.users WHERE lower(email) = 'alice.moreau@example.com'$$),
  'idx_users_email', 'login by email uses idx_users_email');

SELECT * FROM finish();
ROLLBACK;
