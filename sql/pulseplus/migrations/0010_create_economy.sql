-- What: the economy ledger: pulseplus.currency_balance (one row per competitor and currency),
--       pulseplus.purchase (items bought) and pulseplus.currency_transaction (every credit and
--       debit); indexes, row-level security, policies, grants.
-- Why:  the seed's currency_balance, plus the two tables that make the economy checkable.
--       Invariants held by constraints, whatever the code does:
--         balance >= 0                                  (no overspending)
--         balance = lifetime_earned - lifetime_spent    (no money from nowhere)
--         purchase.total_price = unit_price * quantity
--         a ledger row's references match its kind (a purchase debit names its purchase, ...)
--       and by the economy functions (the only writers): for every balance row,
--         balance = sum(currency_transaction.amount) of that competitor and currency.
--       Only pulseplus_engine (the owner of the economy functions) may write these tables;
--       the API reads its own rows, operators read all.
--       The ledger's quest and tier references are RESTRICT: a quest or tier that has paid
--       out cannot be deleted (economy history pins it); a purchase's debit goes with the
--       purchase (both are deleted only with their competitor).

CREATE TABLE pulseplus.currency_balance (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id   uuid NOT NULL,
  currency_id     uuid NOT NULL,
  game_id         uuid NOT NULL,
  balance         bigint NOT NULL DEFAULT 0
                  CONSTRAINT currency_balance_nonnegative CHECK (balance >= 0),
  lifetime_earned bigint NOT NULL DEFAULT 0
                  CONSTRAINT currency_balance_lifetime_earned_nonnegative CHECK (lifetime_earned >= 0),
  lifetime_spent  bigint NOT NULL DEFAULT 0
                  CONSTRAINT currency_balance_lifetime_spent_nonnegative CHECK (lifetime_spent >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT currency_balance_adds_up CHECK (balance = lifetime_earned - lifetime_spent),
  CONSTRAINT currency_balance_competitor_currency_key UNIQUE (competitor_id, currency_id),
  CONSTRAINT currency_balance_competitor_of_game FOREIGN KEY (competitor_id, game_id)
    REFERENCES pulseplus.competitor (id, game_id) ON DELETE CASCADE,
  CONSTRAINT currency_balance_currency_of_game FOREIGN KEY (currency_id, game_id)
    REFERENCES pulseplus.virtual_currency (id, game_id) ON DELETE RESTRICT
);

CREATE INDEX currency_balance_currency_idx ON pulseplus.currency_balance (currency_id, game_id);

COMMENT ON TABLE pulseplus.currency_balance IS
  'Balance of one competitor in one currency of their game. Written only by the economy functions; never negative.';
COMMENT ON COLUMN pulseplus.currency_balance.game_id IS 'Game of both the competitor and the currency (enforced by composite foreign keys).';
COMMENT ON COLUMN pulseplus.currency_balance.balance IS 'Spendable amount; always lifetime_earned - lifetime_spent and >= 0.';
COMMENT ON COLUMN pulseplus.currency_balance.lifetime_earned IS 'Sum of all credits (awards, tier and quest rewards).';
COMMENT ON COLUMN pulseplus.currency_balance.lifetime_spent IS 'Sum of all debits (purchases).';

CREATE TABLE pulseplus.purchase (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id uuid NOT NULL REFERENCES pulseplus.competitor (id) ON DELETE CASCADE,
  shop_item_id  uuid NOT NULL REFERENCES pulseplus.shop_item (id) ON DELETE RESTRICT,
  currency_id   uuid NOT NULL REFERENCES pulseplus.virtual_currency (id) ON DELETE RESTRICT,
  quantity      integer NOT NULL
                CONSTRAINT purchase_quantity_range CHECK (quantity BETWEEN 1 AND 100),
  unit_price    bigint NOT NULL
                CONSTRAINT purchase_unit_price_positive CHECK (unit_price >= 1),
  total_price   bigint NOT NULL,
  purchased_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT purchase_total_price_matches CHECK (total_price = unit_price * quantity)
);

CREATE INDEX purchase_competitor_item_idx ON pulseplus.purchase (competitor_id, shop_item_id);
CREATE INDEX purchase_shop_item_id_idx ON pulseplus.purchase (shop_item_id);
CREATE INDEX purchase_currency_id_idx ON pulseplus.purchase (currency_id);

COMMENT ON TABLE pulseplus.purchase IS 'Shop items bought, written only by pulseplus.purchase_item (append-only).';
COMMENT ON COLUMN pulseplus.purchase.unit_price IS 'Price per unit when bought (the item''s price may change later).';
COMMENT ON COLUMN pulseplus.purchase.currency_id IS 'Currency paid in (the shop''s currency when bought).';

CREATE TABLE pulseplus.currency_transaction (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  competitor_id  uuid NOT NULL REFERENCES pulseplus.competitor (id) ON DELETE CASCADE,
  currency_id    uuid NOT NULL REFERENCES pulseplus.virtual_currency (id) ON DELETE RESTRICT,
  amount         bigint NOT NULL
                 CONSTRAINT currency_transaction_amount_nonzero CHECK (amount <> 0),
  balance_after  bigint NOT NULL
                 CONSTRAINT currency_transaction_balance_after_nonnegative CHECK (balance_after >= 0),
  kind           text NOT NULL
                 CONSTRAINT currency_transaction_kind_valid
                 CHECK (kind IN ('award', 'purchase', 'tier_reward', 'quest_reward')),
  reason         text
                 CONSTRAINT currency_transaction_reason_length CHECK (length(reason) <= 500),
  purchase_id    uuid REFERENCES pulseplus.purchase (id) ON DELETE CASCADE,
  quest_id       uuid REFERENCES pulseplus.quest (id) ON DELETE RESTRICT,
  season_tier_id uuid REFERENCES pulseplus.season_tier (id) ON DELETE RESTRICT,
  actor_id       uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT currency_transaction_kind_matches CHECK (
    CASE kind
      WHEN 'award'        THEN amount > 0 AND reason IS NOT NULL
                               AND num_nonnulls(purchase_id, quest_id, season_tier_id) = 0
      WHEN 'purchase'     THEN amount < 0 AND purchase_id IS NOT NULL AND num_nonnulls(quest_id, season_tier_id) = 0
      WHEN 'tier_reward'  THEN amount > 0 AND season_tier_id IS NOT NULL AND num_nonnulls(purchase_id, quest_id) = 0
      WHEN 'quest_reward' THEN amount > 0 AND quest_id IS NOT NULL AND num_nonnulls(purchase_id, season_tier_id) = 0
    END)
);

CREATE INDEX currency_transaction_competitor_idx
  ON pulseplus.currency_transaction (competitor_id, currency_id, created_at);
CREATE INDEX currency_transaction_currency_id_idx ON pulseplus.currency_transaction (currency_id);
CREATE INDEX currency_transaction_purchase_id_idx ON pulseplus.currency_transaction (purchase_id)
  WHERE purchase_id IS NOT NULL;
CREATE INDEX currency_transaction_quest_id_idx ON pulseplus.currency_transaction (quest_id)
  WHERE quest_id IS NOT NULL;
CREATE INDEX currency_transaction_season_tier_id_idx ON pulseplus.currency_transaction (season_tier_id)
  WHERE season_tier_id IS NOT NULL;

COMMENT ON TABLE pulseplus.currency_transaction IS
  'Ledger of every credit and debit of a balance (append-only). Per competitor and currency, sum(amount) = currency_balance.balance.';
COMMENT ON COLUMN pulseplus.currency_transaction.amount IS 'Positive: credit; negative: debit.';
COMMENT ON COLUMN pulseplus.currency_transaction.balance_after IS 'The balance right after this row''s change.';
COMMENT ON COLUMN pulseplus.currency_transaction.kind IS
  'award (operator or game service, reason required), purchase (names purchase_id), tier_reward (season_tier_id), quest_reward (quest_id).';
COMMENT ON COLUMN pulseplus.currency_transaction.actor_id IS
  'Acting user (pulseplus.user_id) when the change was made; no foreign key: the ledger outlives accounts of operators.';

ALTER TABLE pulseplus.currency_balance ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.currency_balance FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.purchase ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.purchase FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.currency_transaction ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.currency_transaction FORCE ROW LEVEL SECURITY;

CREATE POLICY currency_balance_select_own ON pulseplus.currency_balance
  FOR SELECT TO pulseplus_app
  USING (EXISTS (SELECT 1 FROM pulseplus.competitor c
                  WHERE c.id = competitor_id AND c.user_id = pulseplus.acting_user_id()));
CREATE POLICY currency_balance_select_admin ON pulseplus.currency_balance
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY currency_balance_all_engine ON pulseplus.currency_balance
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

CREATE POLICY purchase_select_own ON pulseplus.purchase
  FOR SELECT TO pulseplus_app
  USING (EXISTS (SELECT 1 FROM pulseplus.competitor c
                  WHERE c.id = competitor_id AND c.user_id = pulseplus.acting_user_id()));
CREATE POLICY purchase_select_admin ON pulseplus.purchase
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY purchase_all_engine ON pulseplus.purchase
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

CREATE POLICY currency_transaction_select_own ON pulseplus.currency_transaction
  FOR SELECT TO pulseplus_app
  USING (EXISTS (SELECT 1 FROM pulseplus.competitor c
                  WHERE c.id = competitor_id AND c.user_id = pulseplus.acting_user_id()));
CREATE POLICY currency_transaction_select_admin ON pulseplus.currency_transaction
  FOR SELECT TO pulseplus_admin
  USING (true);
CREATE POLICY currency_transaction_all_engine ON pulseplus.currency_transaction
  FOR ALL TO pulseplus_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.currency_balance, pulseplus.purchase, pulseplus.currency_transaction
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT (competitor_id, currency_id, game_id, balance, lifetime_earned),
      UPDATE (balance, lifetime_earned, lifetime_spent)
  ON pulseplus.currency_balance TO pulseplus_engine;
GRANT INSERT ON pulseplus.purchase, pulseplus.currency_transaction TO pulseplus_engine;
