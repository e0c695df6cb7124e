-- What: pulseplus.purchase_item(competitor, shop_item, quantity), buying from a shop.
-- Why:  stock and balance are checked and changed atomically, so that many sessions buying
--       the last units at once can neither oversell nor drive a balance negative:
--         1. stock (limited items only): one conditional statement,
--              UPDATE shop_item SET stock = stock - q WHERE id = ... AND stock >= q
--            The row lock makes concurrent buyers of the item queue; each re-evaluates
--            "stock >= q" on the latest row version (READ COMMITTED re-check), so once the
--            stock is gone every later buyer updates no row and is refused (PP002).
--         2. balance: one conditional statement,
--              UPDATE currency_balance SET balance = balance - total WHERE ... AND balance >= total
--            with the same queue-and-recheck behaviour per balance (PP001 when short).
--         3. per-user limit: counted after step 2, so under the balance row lock: every
--            purchase by this competitor in this currency is serialised there, and the count
--            (a new statement, a new snapshot) sees the purchases committed before it (PP004).
--       Any refusal raises, which undoes the earlier steps of the call.
--       Locks are always taken in the order shop_item -> currency_balance (and no other
--       economy function locks a shop_item), so purchases cannot deadlock with each other or
--       with awards. CHECK (stock >= 0) and CHECK (balance >= 0) are the last line of
--       defence.
--       Unlimited items (stock NULL) are not locked: buyers of a popular unlimited item do
--       not queue on it. An operator switching an item from unlimited to limited while
--       purchases are in flight may see those in-flight purchases not counted against the
--       new stock.
--
-- Acting user: pulseplus.user_id must be set to the competitor's user (the API does it per
-- transaction); pulseplus_app may buy only for itself.
--
-- Refusals (SQLSTATE):
--   quantity not in 1..100                                           22023 invalid_parameter_value
--   no acting user, or the competitor is not the acting user's       42501 insufficient_privilege
--   competitor or item does not exist                                P0002 no_data_found
--   not enough currency                                              PP001
--   not enough stock                                                 PP002
--   item inactive, or shop inactive or outside its opening window    PP003
--   the competitor's per-user limit for the item would be exceeded   PP004
--   item of another game than the competitor                         PP005
-- Returns the new purchase id.

CREATE OR REPLACE FUNCTION pulseplus.purchase_item(
  p_competitor_id uuid,
  p_shop_item_id  uuid,
  p_quantity      integer DEFAULT 1)
RETURNS uuid
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_user       uuid := pulseplus.acting_user_id();
  v_competitor pulseplus.competitor%ROWTYPE;
  v_item       record;
  v_price      bigint;
  v_total      bigint;
  v_balance    bigint;
  v_have       bigint;
  v_bought     bigint;
  v_purchase   uuid;
BEGIN
  IF p_quantity IS NULL OR p_quantity NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'quantity must be between 1 and 100, got %', p_quantity
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_user IS NULL THEN
    RAISE EXCEPTION 'no acting user'
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'set pulseplus.user_id for the transaction: SELECT set_config(''pulseplus.user_id'', $1, true)';
  END IF;

  SELECT * INTO v_competitor FROM pulseplus.competitor AS c WHERE c.id = p_competitor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'competitor % does not exist', p_competitor_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_competitor.user_id <> v_user THEN
    RAISE EXCEPTION 'competitor % is not played by the acting user', p_competitor_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  SELECT i.price, i.stock, i.per_user_limit, i.is_active AS item_active,
         s.is_active AS shop_active, s.opens_at, s.closes_at, s.game_id, s.currency_id
    INTO v_item
    FROM pulseplus.shop_item AS i
    JOIN pulseplus.reward_shop AS s ON s.id = i.shop_id
   WHERE i.id = p_shop_item_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'shop item % does not exist', p_shop_item_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_item.game_id <> v_competitor.game_id THEN
    RAISE EXCEPTION 'shop item % belongs to another game than competitor %', p_shop_item_id, p_competitor_id
      USING ERRCODE = 'PP005';
  END IF;
  IF NOT v_item.item_active OR NOT v_item.shop_active
     OR now() < coalesce(v_item.opens_at, '-infinity') OR now() >= coalesce(v_item.closes_at, 'infinity') THEN
    RAISE EXCEPTION 'shop item % is not on sale', p_shop_item_id
      USING ERRCODE = 'PP003',
            DETAIL = format('item active: %s, shop active: %s, shop open from %s to %s',
                            v_item.item_active, v_item.shop_active, v_item.opens_at, v_item.closes_at);
  END IF;

  -- 1. stock: the conditional decrement is the check
  v_price := v_item.price;
  IF v_item.stock IS NOT NULL THEN
    UPDATE pulseplus.shop_item AS i
       SET stock = i.stock - p_quantity
     WHERE i.id = p_shop_item_id AND i.stock >= p_quantity AND i.is_active
    RETURNING i.price INTO v_price;
    IF NOT FOUND THEN
      -- deactivated meanwhile, or sold out: say which
      IF NOT (SELECT i.is_active FROM pulseplus.shop_item AS i WHERE i.id = p_shop_item_id) THEN
        RAISE EXCEPTION 'shop item % is not on sale', p_shop_item_id USING ERRCODE = 'PP003';
      END IF;
      SELECT i.stock INTO v_have FROM pulseplus.shop_item AS i WHERE i.id = p_shop_item_id;
      RAISE EXCEPTION 'out of stock: % wanted, % left', p_quantity, coalesce(v_have, 0)
        USING ERRCODE = 'PP002';
    END IF;
  END IF;
  v_total := v_price * p_quantity;

  -- 2. balance: the conditional debit is the check
  UPDATE pulseplus.currency_balance AS b
     SET balance = b.balance - v_total,
         lifetime_spent = b.lifetime_spent + v_total
   WHERE b.competitor_id = p_competitor_id AND b.currency_id = v_item.currency_id AND b.balance >= v_total
  RETURNING b.balance INTO v_balance;
  IF NOT FOUND THEN
    SELECT b.balance INTO v_have
      FROM pulseplus.currency_balance AS b
     WHERE b.competitor_id = p_competitor_id AND b.currency_id = v_item.currency_id;
    RAISE EXCEPTION 'insufficient funds: the purchase costs %, the balance is %', v_total, coalesce(v_have, 0)
      USING ERRCODE = 'PP001';
  END IF;

  -- 3. per-user limit, counted under the balance row lock
  IF v_item.per_user_limit IS NOT NULL THEN
    SELECT coalesce(sum(p.quantity), 0) INTO v_bought
      FROM pulseplus.purchase AS p
     WHERE p.competitor_id = p_competitor_id AND p.shop_item_id = p_shop_item_id;
    IF v_bought + p_quantity > v_item.per_user_limit THEN
      RAISE EXCEPTION 'limit reached: at most % per competitor, % bought already', v_item.per_user_limit, v_bought
        USING ERRCODE = 'PP004';
    END IF;
  END IF;

  INSERT INTO pulseplus.purchase (competitor_id, shop_item_id, currency_id, quantity, unit_price, total_price)
  VALUES (p_competitor_id, p_shop_item_id, v_item.currency_id, p_quantity, v_price, v_total)
  RETURNING id INTO v_purchase;

  INSERT INTO pulseplus.currency_transaction
    (competitor_id, currency_id, amount, balance_after, kind, purchase_id, actor_id)
  VALUES
    (p_competitor_id, v_item.currency_id, -v_total, v_balance, 'purchase', v_purchase, v_user);

  RETURN v_purchase;
END
$$;

COMMENT ON FUNCTION pulseplus.purchase_item(uuid, uuid, integer) IS
  'Buys p_quantity of a shop item for a competitor of the acting user: stock and balance are decremented atomically '
  '(no overselling, no negative balance). Returns the purchase id. Refusals: 22023, 42501, P0002, PP001-PP005.';

ALTER FUNCTION pulseplus.purchase_item(uuid, uuid, integer) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.purchase_item(uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.purchase_item(uuid, uuid, integer) TO pulseplus_app, pulseplus_admin;
