-- What: the game catalogue: pulseplus.game, pulseplus.season, pulseplus.virtual_currency and
--       pulseplus.season_tier, with their indexes and grants.
-- Why:  the seed's game group (shops and items follow in 0007). Currencies belong to one game
--       and carry a unique (id, game_id) key so that balances, shops and quests can point at
--       "a currency of this game" with a composite foreign key: the database, not only the
--       functions, refuses to mix the coins of two games.
--       Deleting a game that has currencies is refused (RESTRICT): currencies carry economy
--       history; archive the game (status = 'archived') instead.

CREATE TABLE pulseplus.game (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug          text NOT NULL
                CONSTRAINT game_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,49}$'),
  name          text NOT NULL
                CONSTRAINT game_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description   text,
  status        text NOT NULL DEFAULT 'draft'
                CONSTRAINT game_status_valid CHECK (status IN ('draft', 'active', 'archived')),
  department_id uuid REFERENCES pulseplus.department (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT game_slug_key UNIQUE (slug)
);

CREATE INDEX game_department_id_idx ON pulseplus.game (department_id);

COMMENT ON TABLE pulseplus.game IS 'Game definitions (a step challenge, a sales sprint, ...).';
COMMENT ON COLUMN pulseplus.game.slug IS 'URL-safe unique key, e.g. step-challenge.';
COMMENT ON COLUMN pulseplus.game.status IS 'draft (being set up), active (playable) or archived (read-only history).';
COMMENT ON COLUMN pulseplus.game.department_id IS 'Department the game is run for; NULL: the whole organisation.';

CREATE TABLE pulseplus.season (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id    uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  number     integer NOT NULL
             CONSTRAINT season_number_positive CHECK (number >= 1),
  name       text NOT NULL
             CONSTRAINT season_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT season_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT season_game_number_key UNIQUE (game_id, number),
  CONSTRAINT season_id_game_key UNIQUE (id, game_id)
);

COMMENT ON TABLE pulseplus.season IS
  'Seasons of a game. XP is earned on a season pass only while the season runs (starts_at <= now() < ends_at).';
COMMENT ON COLUMN pulseplus.season.number IS 'Season number within its game, from 1.';
COMMENT ON COLUMN pulseplus.season.ends_at IS 'Exclusive end of the season.';

CREATE TABLE pulseplus.virtual_currency (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id    uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE RESTRICT,
  code       text NOT NULL
             CONSTRAINT virtual_currency_code_format CHECK (code ~ '^[A-Z]{2,10}$'),
  name       text NOT NULL
             CONSTRAINT virtual_currency_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 50),
  symbol     text
             CONSTRAINT virtual_currency_symbol_length CHECK (length(symbol) BETWEEN 1 AND 4),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT virtual_currency_game_code_key UNIQUE (game_id, code),
  CONSTRAINT virtual_currency_id_game_key UNIQUE (id, game_id)
);

COMMENT ON TABLE pulseplus.virtual_currency IS
  'In-game currencies, each belonging to one game. Cannot be deleted once balances, purchases or ledger rows use it.';
COMMENT ON COLUMN pulseplus.virtual_currency.code IS 'Upper-case code unique within the game, e.g. PULSE.';

CREATE TABLE pulseplus.season_tier (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id          uuid NOT NULL REFERENCES pulseplus.season (id) ON DELETE CASCADE,
  tier_number        integer NOT NULL
                     CONSTRAINT season_tier_number_range CHECK (tier_number BETWEEN 1 AND 200),
  name               text NOT NULL
                     CONSTRAINT season_tier_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  xp_required        bigint NOT NULL
                     CONSTRAINT season_tier_xp_required_nonnegative CHECK (xp_required >= 0),
  reward_currency_id uuid REFERENCES pulseplus.virtual_currency (id) ON DELETE RESTRICT,
  reward_amount      bigint NOT NULL DEFAULT 0
                     CONSTRAINT season_tier_reward_amount_range CHECK (reward_amount BETWEEN 0 AND 1000000000),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT season_tier_reward_complete CHECK ((reward_currency_id IS NULL) = (reward_amount = 0)),
  CONSTRAINT season_tier_season_number_key UNIQUE (season_id, tier_number)
);

CREATE INDEX season_tier_season_xp_idx ON pulseplus.season_tier (season_id, xp_required);
CREATE INDEX season_tier_reward_currency_id_idx ON pulseplus.season_tier (reward_currency_id)
  WHERE reward_currency_id IS NOT NULL;

COMMENT ON TABLE pulseplus.season_tier IS
  'Season-pass tiers: a tier unlocks (once per pass) when the pass XP reaches xp_required, paying its reward.';
COMMENT ON COLUMN pulseplus.season_tier.tier_number IS 'Display order within the season, from 1; season_pass_progress.current_tier is the highest unlocked.';
COMMENT ON COLUMN pulseplus.season_tier.xp_required IS 'Season XP at which the tier unlocks.';
COMMENT ON COLUMN pulseplus.season_tier.reward_currency_id IS
  'Currency the unlock reward is paid in; must be a currency of the season''s game (checked when paid, error PP005).';
COMMENT ON COLUMN pulseplus.season_tier.reward_amount IS 'Amount paid on unlock; 0 exactly when there is no reward currency.';

GRANT SELECT ON pulseplus.game, pulseplus.season, pulseplus.virtual_currency, pulseplus.season_tier
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.game, pulseplus.season, pulseplus.virtual_currency, pulseplus.season_tier
  TO pulseplus_admin;
