-- What: leaderboards: pulseplus.record_competition_score(competition, competitor, points)
--       (incremental maintenance), the view pulseplus.leaderboard_ranking (every scope with
--       ranks) and the top-N functions pulseplus.competition_leaderboard(competition, top)
--       and pulseplus.season_leaderboard(season, top).
-- Why:  scores are maintained incrementally, in the transaction of the event (an upsert that
--       adds points under the row lock, so concurrent scores of one competitor are never
--       lost); season rows are kept by add_season_xp. Nothing needs refreshing.
--       Ranks use rank() - standard competition ranking, "1224": competitors with equal
--       scores share a rank and the next rank skips, so a rank always means "1 + the number
--       of competitors strictly ahead", which is what a prize table ("top 3") needs. Rows
--       that share a rank are listed by who reached the score first (last_scored_at), then
--       competitor_id, for a stable order. dense_rank() ("1223") was not chosen: with it
--       "rank <= 100" could return thousands of rows after many ties, and a player's rank
--       would not say how many are ahead.
--       The top-N functions return every row with rank <= p_top, so ties at the boundary
--       are all included (possibly more than p_top rows). They read the partial index
--       (scope, score DESC, last_scored_at, competitor_id) in order and stop at the cut-off
--       (PostgreSQL 15 stops a WindowAgg early on a monotonic rank() condition); the display
--       name is looked up only for the rows returned (a scalar subquery, not a join that the
--       planner might hash over every competitor).
--
-- Refusals of record_competition_score (SQLSTATE):
--   points not in 1 .. 1,000,000,000                              22023 invalid_parameter_value
--   competition or competitor does not exist                      P0002 no_data_found
--   competitor of another game than the competition               PP005
--   competition status is not running                             PP009
--   caller is not pulseplus_admin (or a superuser)                42501 (no EXECUTE privilege)

CREATE OR REPLACE FUNCTION pulseplus.record_competition_score(
  p_competition_id uuid,
  p_competitor_id  uuid,
  p_points         bigint)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_competition pulseplus.competition%ROWTYPE;
  v_game        uuid;
  v_score       bigint;
BEGIN
  IF p_points IS NULL OR p_points NOT BETWEEN 1 AND 1000000000 THEN
    RAISE EXCEPTION 'points must be between 1 and 1000000000, got %', p_points
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO v_competition FROM pulseplus.competition AS c WHERE c.id = p_competition_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competition % does not exist', p_competition_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT c.game_id INTO v_game FROM pulseplus.competitor AS c WHERE c.id = p_competitor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competitor % does not exist', p_competitor_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_game <> v_competition.game_id THEN
    RAISE EXCEPTION 'competitor % plays another game than competition %', p_competitor_id, p_competition_id
      USING ERRCODE = 'PP005';
  END IF;
  IF v_competition.status <> 'running' THEN
    RAISE EXCEPTION 'competition % is not running (status %)', p_competition_id, v_competition.status
      USING ERRCODE = 'PP009';
  END IF;

  INSERT INTO pulseplus.leaderboard AS l (game_id, competition_id, competitor_id, score, last_scored_at)
  VALUES (v_game, p_competition_id, p_competitor_id, p_points, now())
  ON CONFLICT (competition_id, competitor_id) WHERE competition_id IS NOT NULL
  DO UPDATE SET score = l.score + excluded.score, last_scored_at = excluded.last_scored_at
  RETURNING l.score INTO v_score;

  RETURN v_score;
END
$$;

COMMENT ON FUNCTION pulseplus.record_competition_score(uuid, uuid, bigint) IS
  'Adds points to a competitor''s score in a running competition (creating the leaderboard row); returns the new score. '
  'Refusals: 22023, P0002, PP005, PP009.';

ALTER FUNCTION pulseplus.record_competition_score(uuid, uuid, bigint) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.record_competition_score(uuid, uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.record_competition_score(uuid, uuid, bigint) TO pulseplus_admin;

CREATE OR REPLACE VIEW pulseplus.leaderboard_ranking AS
SELECT l.id AS leaderboard_id,
       l.game_id,
       l.competition_id,
       l.season_id,
       l.competitor_id,
       c.display_name,
       l.score,
       l.last_scored_at,
       rank() OVER (PARTITION BY l.competition_id, l.season_id ORDER BY l.score DESC) AS rank
  FROM pulseplus.leaderboard AS l
  JOIN pulseplus.competitor AS c ON c.id = l.competitor_id;

COMMENT ON VIEW pulseplus.leaderboard_ranking IS
  'Every leaderboard row with its rank in its scope (competition or season): rank() over score descending, so ties share '
  'a rank and the next rank skips (1, 2, 2, 4). Filter on competition_id or season_id; for the top N use '
  'competition_leaderboard() / season_leaderboard().';
COMMENT ON COLUMN pulseplus.leaderboard_ranking.rank IS 'rank() within the scope: 1 + the number of competitors with a strictly higher score.';

GRANT SELECT ON pulseplus.leaderboard_ranking TO pulseplus_app, pulseplus_admin;

CREATE OR REPLACE FUNCTION pulseplus.competition_leaderboard(p_competition_id uuid, p_top integer DEFAULT 100)
RETURNS TABLE (rank bigint, competitor_id uuid, display_name text, score bigint, last_scored_at timestamptz)
LANGUAGE sql
STABLE
AS $$
  SELECT r.rank, r.competitor_id,
         (SELECT c.display_name FROM pulseplus.competitor AS c WHERE c.id = r.competitor_id),
         r.score, r.last_scored_at
    FROM (SELECT l.competitor_id, l.score, l.last_scored_at,
                 rank() OVER (ORDER BY l.score DESC) AS rank
            FROM pulseplus.leaderboard AS l
           WHERE l.competition_id = p_competition_id
           ORDER BY l.score DESC, l.last_scored_at, l.competitor_id) AS r
   WHERE r.rank <= p_top
   ORDER BY r.rank, r.last_scored_at, r.competitor_id
$$;

COMMENT ON FUNCTION pulseplus.competition_leaderboard(uuid, integer) IS
  'Top of a competition: every competitor with rank() <= p_top (ties at the cut-off included), in rank order.';

CREATE OR REPLACE FUNCTION pulseplus.season_leaderboard(p_season_id uuid, p_top integer DEFAULT 100)
RETURNS TABLE (rank bigint, competitor_id uuid, display_name text, score bigint, last_scored_at timestamptz)
LANGUAGE sql
STABLE
AS $$
  SELECT r.rank, r.competitor_id,
         (SELECT c.display_name FROM pulseplus.competitor AS c WHERE c.id = r.competitor_id),
         r.score, r.last_scored_at
    FROM (SELECT l.competitor_id, l.score, l.last_scored_at,
                 rank() OVER (ORDER BY l.score DESC) AS rank
            FROM pulseplus.leaderboard AS l
           WHERE l.season_id = p_season_id
           ORDER BY l.score DESC, l.last_scored_at, l.competitor_id) AS r
   WHERE r.rank <= p_top
   ORDER BY r.rank, r.last_scored_at, r.competitor_id
$$;

COMMENT ON FUNCTION pulseplus.season_leaderboard(uuid, integer) IS
  'Top of a season (by season XP): every competitor with rank() <= p_top (ties at the cut-off included), in rank order.';
