-- What: pulseplus.complete_objective(competitor, objective, increment): records progress on a
--       quest objective and, when that completes the last open objective, completes the quest
--       and pays its rewards (season XP, currency, badge) exactly once.
-- Why:  two objectives of one quest finished at the same moment in two sessions must still
--       complete the quest (neither may miss the other's write: write skew), and only once.
--       A transaction-level advisory lock on the competitor serialises every progress
--       operation of that competitor (this function and add_season_xp); the "are all
--       objectives done?" query runs after the lock is granted, in a new snapshot, so it sees
--       whatever the previous holder committed. quest_progress.status moves to 'completed'
--       once; a later call on a completed quest is refused (PP008).
--       Rewards: season XP first (add_season_xp; may unlock tiers), then currency
--       (credit_balance, ledger kind quest_reward), then the badge (kept if already held),
--       then a notification. Lock order: competitor (advisory) -> quest_progress ->
--       quest_objective_progress -> season_pass_progress -> currency_balance -> leaderboard.
--       Progress is capped at the objective's target_count; more increments on a finished
--       objective of an unfinished quest change nothing.
--
-- Refusals (SQLSTATE):
--   increment not in 1 .. 1,000,000                                 22023 invalid_parameter_value
--   competitor or objective does not exist                          P0002 no_data_found
--   quest of another game than the competitor                       PP005
--   quest's season not running when it pays XP (from add_season_xp) PP006
--   quest inactive or outside [starts_at, ends_at)                  PP007
--   quest already completed by this competitor                      PP008
--   caller is not pulseplus_admin (or a superuser)                  42501 (no EXECUTE privilege)
-- Returns true when this call completed the quest.

CREATE OR REPLACE FUNCTION pulseplus.complete_objective(
  p_competitor_id uuid,
  p_objective_id  uuid,
  p_increment     integer DEFAULT 1)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_competitor pulseplus.competitor%ROWTYPE;
  v_objective  pulseplus.quest_objective%ROWTYPE;
  v_quest      pulseplus.quest%ROWTYPE;
  v_progress   pulseplus.quest_progress%ROWTYPE;
BEGIN
  IF p_increment IS NULL OR p_increment NOT BETWEEN 1 AND 1000000 THEN
    RAISE EXCEPTION 'increment must be between 1 and 1000000, got %', p_increment
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO v_competitor FROM pulseplus.competitor AS c WHERE c.id = p_competitor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competitor % does not exist', p_competitor_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT * INTO v_objective FROM pulseplus.quest_objective AS o WHERE o.id = p_objective_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'quest objective % does not exist', p_objective_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT * INTO v_quest FROM pulseplus.quest AS q WHERE q.id = v_objective.quest_id;
  IF v_quest.game_id <> v_competitor.game_id THEN
    RAISE EXCEPTION 'quest % belongs to another game than competitor %', v_quest.id, p_competitor_id
      USING ERRCODE = 'PP005';
  END IF;
  IF NOT v_quest.is_active
     OR now() < coalesce(v_quest.starts_at, '-infinity') OR now() >= coalesce(v_quest.ends_at, 'infinity') THEN
    RAISE EXCEPTION 'quest % is not running', v_quest.id
      USING ERRCODE = 'PP007',
            DETAIL = format('active: %s, runs from %s to %s', v_quest.is_active, v_quest.starts_at, v_quest.ends_at);
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext('pulseplus.competitor'), hashtext(p_competitor_id::text));

  INSERT INTO pulseplus.quest_progress (competitor_id, quest_id, game_id)
  VALUES (p_competitor_id, v_quest.id, v_quest.game_id)
  ON CONFLICT (competitor_id, quest_id) DO NOTHING;
  SELECT * INTO v_progress
    FROM pulseplus.quest_progress AS qp
   WHERE qp.competitor_id = p_competitor_id AND qp.quest_id = v_quest.id;
  IF v_progress.status = 'completed' THEN
    RAISE EXCEPTION 'quest % is already completed by competitor %', v_quest.id, p_competitor_id
      USING ERRCODE = 'PP008', DETAIL = format('completed at %s', v_progress.completed_at);
  END IF;

  INSERT INTO pulseplus.quest_objective_progress AS op (quest_progress_id, objective_id, progress, completed_at)
  VALUES (v_progress.id, p_objective_id, least(p_increment, v_objective.target_count),
          CASE WHEN p_increment >= v_objective.target_count THEN now() END)
  ON CONFLICT (quest_progress_id, objective_id) DO UPDATE
     SET progress = least(op.progress + p_increment, v_objective.target_count),
         completed_at = coalesce(op.completed_at,
                                 CASE WHEN op.progress + p_increment >= v_objective.target_count THEN now() END);

  IF EXISTS (SELECT 1
               FROM pulseplus.quest_objective AS o
              WHERE o.quest_id = v_quest.id
                AND NOT EXISTS (SELECT 1 FROM pulseplus.quest_objective_progress AS op
                                 WHERE op.quest_progress_id = v_progress.id AND op.objective_id = o.id
                                   AND op.completed_at IS NOT NULL)) THEN
    RETURN false;
  END IF;

  UPDATE pulseplus.quest_progress AS qp
     SET status = 'completed', completed_at = now()
   WHERE qp.id = v_progress.id;

  IF v_quest.reward_xp > 0 THEN
    PERFORM pulseplus.add_season_xp(p_competitor_id, v_quest.season_id, v_quest.reward_xp);
  END IF;
  IF v_quest.reward_amount > 0 THEN
    PERFORM pulseplus.credit_balance(p_competitor_id, v_quest.reward_currency_id, v_quest.reward_amount,
                                     'quest_reward', NULL, v_quest.id, NULL);
  END IF;
  IF v_quest.badge_id IS NOT NULL THEN
    INSERT INTO pulseplus.competitor_badge (competitor_id, badge_id, source)
    VALUES (p_competitor_id, v_quest.badge_id, 'quest')
    ON CONFLICT (competitor_id, badge_id) DO NOTHING;
  END IF;
  INSERT INTO pulseplus.notification (user_id, kind, title, data)
  VALUES (v_competitor.user_id, 'quest_completed', format('Quest completed: %s', v_quest.name),
          jsonb_build_object('quest_id', v_quest.id, 'competitor_id', p_competitor_id));

  RETURN true;
END
$$;

COMMENT ON FUNCTION pulseplus.complete_objective(uuid, uuid, integer) IS
  'Adds progress to a quest objective for a competitor; completing the last objective completes the quest and pays its '
  'rewards once. Returns true when this call completed the quest. Refusals: 22023, P0002, PP005-PP008.';

ALTER FUNCTION pulseplus.complete_objective(uuid, uuid, integer) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.complete_objective(uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.complete_objective(uuid, uuid, integer) TO pulseplus_admin;
