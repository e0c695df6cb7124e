-- What: pulseplus.add_season_xp(competitor, season, xp): season-pass progress that unlocks
--       tiers and pays their rewards; also keeps the season leaderboard row current.
-- Why:  XP arrives from many places at once (quests, game events). In one transaction:
--         - a transaction-level advisory lock on the competitor serialises every progress
--           operation of that competitor (this function and complete_objective), which fixes
--           the order in which they take row locks, so they cannot deadlock on balances;
--         - INSERT ... ON CONFLICT DO UPDATE SET xp = xp + p_xp adds the XP under the pass's
--           row lock (no lost update);
--         - every tier whose xp_required the pass has now reached is inserted into
--           season_tier_unlock ... ON CONFLICT DO NOTHING: the unique (progress_id,
--           season_tier_id) key lets each tier be unlocked, and paid, exactly once;
--         - each newly unlocked tier pays its reward (credit_balance, ledger kind
--           tier_reward) and notifies the user; current_tier becomes the highest unlocked;
--         - the season leaderboard row's score is set to the pass XP.
--       Lock order: competitor (advisory) -> season_pass_progress -> currency_balance ->
--       leaderboard.
--
-- Refusals (SQLSTATE):
--   xp not in 1 .. 1,000,000,000                                 22023 invalid_parameter_value
--   competitor or season does not exist                          P0002 no_data_found
--   season of another game than the competitor                   PP005
--   season not running (now() outside [starts_at, ends_at))      PP006
--   caller is not pulseplus_admin (or a superuser)               42501 (no EXECUTE privilege)
-- Returns the number of tiers this call unlocked.

CREATE OR REPLACE FUNCTION pulseplus.add_season_xp(
  p_competitor_id uuid,
  p_season_id     uuid,
  p_xp            bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_competitor pulseplus.competitor%ROWTYPE;
  v_season     pulseplus.season%ROWTYPE;
  v_progress   uuid;
  v_xp         bigint;
  v_unlocked   uuid[];
  v_tier       record;
BEGIN
  IF p_xp IS NULL OR p_xp NOT BETWEEN 1 AND 1000000000 THEN
    RAISE EXCEPTION 'xp must be between 1 and 1000000000, got %', p_xp USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO v_competitor FROM pulseplus.competitor AS c WHERE c.id = p_competitor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competitor % does not exist', p_competitor_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT * INTO v_season FROM pulseplus.season AS s WHERE s.id = p_season_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'season % does not exist', p_season_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_season.game_id <> v_competitor.game_id THEN
    RAISE EXCEPTION 'season % belongs to another game than competitor %', p_season_id, p_competitor_id
      USING ERRCODE = 'PP005';
  END IF;
  IF now() < v_season.starts_at OR now() >= v_season.ends_at THEN
    RAISE EXCEPTION 'season % is not running', p_season_id
      USING ERRCODE = 'PP006', DETAIL = format('it runs from %s to %s', v_season.starts_at, v_season.ends_at);
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext('pulseplus.competitor'), hashtext(p_competitor_id::text));

  INSERT INTO pulseplus.season_pass_progress AS p (competitor_id, season_id, game_id, xp)
  VALUES (p_competitor_id, p_season_id, v_season.game_id, p_xp)
  ON CONFLICT (competitor_id, season_id) DO UPDATE SET xp = p.xp + excluded.xp
  RETURNING p.id, p.xp INTO v_progress, v_xp;

  WITH unlocked AS (
    INSERT INTO pulseplus.season_tier_unlock (progress_id, season_tier_id)
    SELECT v_progress, t.id
      FROM pulseplus.season_tier AS t
     WHERE t.season_id = p_season_id AND t.xp_required <= v_xp
    ON CONFLICT (progress_id, season_tier_id) DO NOTHING
    RETURNING season_tier_id)
  SELECT array_agg(season_tier_id) INTO v_unlocked FROM unlocked;

  IF v_unlocked IS NOT NULL THEN
    -- rewards in a fixed order (currency, then tier) so that balance rows are locked in order
    FOR v_tier IN
      SELECT t.id, t.tier_number, t.name, t.reward_currency_id, t.reward_amount
        FROM pulseplus.season_tier AS t
       WHERE t.id = ANY (v_unlocked)
       ORDER BY t.reward_currency_id NULLS LAST, t.tier_number
    LOOP
      IF v_tier.reward_currency_id IS NOT NULL THEN
        PERFORM pulseplus.credit_balance(p_competitor_id, v_tier.reward_currency_id, v_tier.reward_amount,
                                         'tier_reward', NULL, NULL, v_tier.id);
      END IF;
      INSERT INTO pulseplus.notification (user_id, kind, title, data)
      VALUES (v_competitor.user_id, 'tier_unlocked',
              format('%s: tier %s unlocked', v_season.name, v_tier.tier_number),
              jsonb_build_object('season_id', p_season_id, 'season_tier_id', v_tier.id,
                                 'competitor_id', p_competitor_id));
    END LOOP;

    UPDATE pulseplus.season_pass_progress AS p
       SET current_tier = (SELECT max(t.tier_number)
                             FROM pulseplus.season_tier_unlock AS u
                             JOIN pulseplus.season_tier AS t ON t.id = u.season_tier_id
                            WHERE u.progress_id = v_progress)
     WHERE p.id = v_progress;
  END IF;

  INSERT INTO pulseplus.leaderboard AS l (game_id, season_id, competitor_id, score, last_scored_at)
  VALUES (v_season.game_id, p_season_id, p_competitor_id, v_xp, now())
  ON CONFLICT (season_id, competitor_id) WHERE season_id IS NOT NULL
  DO UPDATE SET score = excluded.score, last_scored_at = excluded.last_scored_at;

  RETURN coalesce(cardinality(v_unlocked), 0);
END
$$;

COMMENT ON FUNCTION pulseplus.add_season_xp(uuid, uuid, bigint) IS
  'Adds season XP to a competitor''s pass, unlocking (and paying) every tier reached exactly once; returns the number '
  'of tiers unlocked by this call. Refusals: 22023, P0002, PP005, PP006.';

ALTER FUNCTION pulseplus.add_season_xp(uuid, uuid, bigint) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.add_season_xp(uuid, uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.add_season_xp(uuid, uuid, bigint) TO pulseplus_admin;
