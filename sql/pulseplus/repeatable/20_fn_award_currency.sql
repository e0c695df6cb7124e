-- What: pulseplus.credit_balance(...) (internal: the one place a balance goes up) and
--       pulseplus.award_currency(competitor, currency, amount, reason), the operator/game-
--       service entry point for giving currency.
-- Why:  a credit is one statement, INSERT ... ON CONFLICT (competitor_id, currency_id) DO
--       UPDATE SET balance = balance + amount: it creates the balance on first use and
--       otherwise adds under the row lock the upsert takes, so concurrent credits of the same
--       balance queue and none is lost. The ledger row (currency_transaction) is written in
--       the same transaction with the resulting balance.
--
-- Refusals (SQLSTATE):
--   amount not in 1 .. 1,000,000,000, or no reason for an award   22023 invalid_parameter_value
--   competitor or currency does not exist                          P0002 no_data_found
--   the currency belongs to another game than the competitor       PP005
--   caller is not pulseplus_admin (or a superuser)                 42501 (no EXECUTE privilege)

CREATE OR REPLACE FUNCTION pulseplus.credit_balance(
  p_competitor_id  uuid,
  p_currency_id    uuid,
  p_amount         bigint,
  p_kind           text,
  p_reason         text,
  p_quest_id       uuid DEFAULT NULL,
  p_season_tier_id uuid DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_game          uuid;
  v_currency_game uuid;
  v_balance       bigint;
BEGIN
  IF p_amount IS NULL OR p_amount NOT BETWEEN 1 AND 1000000000 THEN
    RAISE EXCEPTION 'amount must be between 1 and 1000000000, got %', p_amount
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  SELECT c.game_id INTO v_game FROM pulseplus.competitor AS c WHERE c.id = p_competitor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competitor % does not exist', p_competitor_id USING ERRCODE = 'no_data_found';
  END IF;
  SELECT vc.game_id INTO v_currency_game FROM pulseplus.virtual_currency AS vc WHERE vc.id = p_currency_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'currency % does not exist', p_currency_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_currency_game <> v_game THEN
    RAISE EXCEPTION 'currency % belongs to another game than competitor %', p_currency_id, p_competitor_id
      USING ERRCODE = 'PP005';
  END IF;

  INSERT INTO pulseplus.currency_balance AS b (competitor_id, currency_id, game_id, balance, lifetime_earned)
  VALUES (p_competitor_id, p_currency_id, v_game, p_amount, p_amount)
  ON CONFLICT (competitor_id, currency_id) DO UPDATE
     SET balance = b.balance + excluded.balance,
         lifetime_earned = b.lifetime_earned + excluded.lifetime_earned
  RETURNING b.balance INTO v_balance;

  INSERT INTO pulseplus.currency_transaction
    (competitor_id, currency_id, amount, balance_after, kind, reason, quest_id, season_tier_id, actor_id)
  VALUES
    (p_competitor_id, p_currency_id, p_amount, v_balance, p_kind, p_reason, p_quest_id, p_season_tier_id,
     pulseplus.acting_user_id());

  RETURN v_balance;
END
$$;

COMMENT ON FUNCTION pulseplus.credit_balance(uuid, uuid, bigint, text, text, uuid, uuid) IS
  'Internal (EXECUTE for pulseplus_engine only): credits a balance atomically and writes the ledger row; returns the new balance. '
  'Refusals: 22023, P0002, PP005.';

ALTER FUNCTION pulseplus.credit_balance(uuid, uuid, bigint, text, text, uuid, uuid) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.credit_balance(uuid, uuid, bigint, text, text, uuid, uuid) FROM PUBLIC;

CREATE OR REPLACE FUNCTION pulseplus.award_currency(
  p_competitor_id uuid,
  p_currency_id   uuid,
  p_amount        bigint,
  p_reason        text)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_reason IS NULL OR btrim(p_reason) = '' THEN
    RAISE EXCEPTION 'an award needs a reason' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN pulseplus.credit_balance(p_competitor_id, p_currency_id, p_amount, 'award', p_reason);
END
$$;

COMMENT ON FUNCTION pulseplus.award_currency(uuid, uuid, bigint, text) IS
  'Gives p_amount of a currency to a competitor of the same game (operators and game services); returns the new balance. '
  'Refusals: 22023, P0002, PP005.';

ALTER FUNCTION pulseplus.award_currency(uuid, uuid, bigint, text) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.award_currency(uuid, uuid, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.award_currency(uuid, uuid, bigint, text) TO pulseplus_admin;
