-- What: pulseplus.reward_shop and pulseplus.shop_item, with indexes and grants.
-- Why:  the seed's shops. A shop sells in exactly one currency of its own game (composite
--       foreign key to virtual_currency (id, game_id)). shop_item.stock is the number left,
--       NULL for unlimited; CHECK (stock >= 0) is the last line of defence against overselling
--       (pulseplus.purchase_item decrements it with one conditional UPDATE).
--       Items that were ever bought cannot be deleted (purchase.shop_item_id is RESTRICT):
--       deactivate them (is_active = false) instead.

CREATE TABLE pulseplus.reward_shop (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  currency_id uuid NOT NULL,
  name        text NOT NULL
              CONSTRAINT reward_shop_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  is_active   boolean NOT NULL DEFAULT true,
  opens_at    timestamptz,
  closes_at   timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reward_shop_window CHECK (closes_at > opens_at),
  CONSTRAINT reward_shop_game_name_key UNIQUE (game_id, name),
  CONSTRAINT reward_shop_currency_of_game FOREIGN KEY (currency_id, game_id)
    REFERENCES pulseplus.virtual_currency (id, game_id) ON DELETE RESTRICT
);

CREATE INDEX reward_shop_currency_idx ON pulseplus.reward_shop (currency_id, game_id);

COMMENT ON TABLE pulseplus.reward_shop IS
  'Shops for redeeming rewards. Open when is_active and now() lies in [opens_at, closes_at) (NULL bounds are open-ended).';
COMMENT ON COLUMN pulseplus.reward_shop.currency_id IS 'The currency every price of this shop is in; a currency of the same game.';
COMMENT ON COLUMN pulseplus.reward_shop.opens_at IS 'Opening time; NULL: open since creation.';
COMMENT ON COLUMN pulseplus.reward_shop.closes_at IS 'Exclusive closing time; NULL: no closing date.';

CREATE TABLE pulseplus.shop_item (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shop_id        uuid NOT NULL REFERENCES pulseplus.reward_shop (id) ON DELETE CASCADE,
  sku            text NOT NULL
                 CONSTRAINT shop_item_sku_format CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  name           text NOT NULL
                 CONSTRAINT shop_item_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description    text,
  price          bigint NOT NULL
                 CONSTRAINT shop_item_price_range CHECK (price BETWEEN 1 AND 1000000000),
  stock          integer
                 CONSTRAINT shop_item_stock_nonnegative CHECK (stock >= 0),
  per_user_limit integer
                 CONSTRAINT shop_item_per_user_limit_positive CHECK (per_user_limit >= 1),
  powerup_id     uuid REFERENCES pulseplus.powerup (id) ON DELETE SET NULL,
  is_active      boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shop_item_shop_sku_key UNIQUE (shop_id, sku)
);

CREATE INDEX shop_item_powerup_id_idx ON pulseplus.shop_item (powerup_id) WHERE powerup_id IS NOT NULL;

COMMENT ON TABLE pulseplus.shop_item IS 'Items on sale in a shop, priced in the shop''s currency.';
COMMENT ON COLUMN pulseplus.shop_item.sku IS 'Stock-keeping unit, unique within the shop.';
COMMENT ON COLUMN pulseplus.shop_item.price IS 'Unit price in the shop''s currency.';
COMMENT ON COLUMN pulseplus.shop_item.stock IS 'Units left; NULL: unlimited. Never negative; decremented by pulseplus.purchase_item.';
COMMENT ON COLUMN pulseplus.shop_item.per_user_limit IS 'Most units one competitor may buy in total; NULL: no limit.';
COMMENT ON COLUMN pulseplus.shop_item.powerup_id IS 'The power-up this item grants, if it is one.';

GRANT SELECT ON pulseplus.reward_shop, pulseplus.shop_item TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.reward_shop, pulseplus.shop_item TO pulseplus_admin;
GRANT UPDATE (stock) ON pulseplus.shop_item TO pulseplus_engine;
