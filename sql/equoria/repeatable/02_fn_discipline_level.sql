-- What: equoria.discipline_level(score), the 1-10 level of a horse in a discipline.
-- Why:  shows admit horses by level range (shows.level_min / level_max); the level is a
--       pure function of the discipline score: 0-9 -> 1, 10-19 -> 2, ..., 90-100 -> 10.

CREATE OR REPLACE FUNCTION equoria.discipline_level(p_score numeric)
RETURNS smallint
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
  SELECT least(10, greatest(1, floor(p_score / 10) + 1))::smallint
$$;

COMMENT ON FUNCTION equoria.discipline_level(numeric) IS
  'Horse level 1-10 for a discipline score 0-100: floor(score / 10) + 1, capped at 10.';
