-- What: the achievement catalogue: pulseplus.badge, pulseplus.achievement and
--       pulseplus.powerup, with indexes and grants.
-- Why:  the seed's achievement group (quests, which reward badges, follow in 0008). These are
--       definitions; what a competitor has earned lives in competitor_badge and
--       competitor_achievement (0009).

CREATE TABLE pulseplus.badge (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  key         text NOT NULL
              CONSTRAINT badge_key_format CHECK (key ~ '^[a-z0-9][a-z0-9_-]{1,49}$'),
  name        text NOT NULL
              CONSTRAINT badge_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  rarity      text NOT NULL DEFAULT 'common'
              CONSTRAINT badge_rarity_valid CHECK (rarity IN ('common', 'rare', 'epic', 'legendary')),
  icon_url    text
              CONSTRAINT badge_icon_url_https CHECK (icon_url ~ '^https://'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT badge_game_key_key UNIQUE (game_id, key)
);

COMMENT ON TABLE pulseplus.badge IS 'Badges that can be awarded to competitors of a game (by quests, achievements or operators).';
COMMENT ON COLUMN pulseplus.badge.key IS 'Stable lower-case key unique within the game.';

CREATE TABLE pulseplus.achievement (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  key         text NOT NULL
              CONSTRAINT achievement_key_format CHECK (key ~ '^[a-z0-9][a-z0-9_-]{1,49}$'),
  name        text NOT NULL
              CONSTRAINT achievement_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  points      integer NOT NULL DEFAULT 0
              CONSTRAINT achievement_points_range CHECK (points BETWEEN 0 AND 100000),
  criteria    jsonb NOT NULL DEFAULT '{}'
              CONSTRAINT achievement_criteria_object CHECK (jsonb_typeof(criteria) = 'object'),
  badge_id    uuid REFERENCES pulseplus.badge (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT achievement_game_key_key UNIQUE (game_id, key)
);

CREATE INDEX achievement_badge_id_idx ON pulseplus.achievement (badge_id) WHERE badge_id IS NOT NULL;

COMMENT ON TABLE pulseplus.achievement IS 'Achievements that can be earned in a game.';
COMMENT ON COLUMN pulseplus.achievement.points IS 'Achievement points (a score shown on profiles).';
COMMENT ON COLUMN pulseplus.achievement.criteria IS
  'Machine-readable rule evaluated by the game service, e.g. {"metric": "steps", "at_least": 100000}.';
COMMENT ON COLUMN pulseplus.achievement.badge_id IS 'Badge awarded with the achievement; NULL: none.';

CREATE TABLE pulseplus.powerup (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id     uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  key         text NOT NULL
              CONSTRAINT powerup_key_format CHECK (key ~ '^[a-z0-9][a-z0-9_-]{1,49}$'),
  name        text NOT NULL
              CONSTRAINT powerup_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description text,
  effect      text NOT NULL
              CONSTRAINT powerup_effect_valid
              CHECK (effect IN ('xp_boost', 'currency_boost', 'streak_freeze', 'hint')),
  multiplier  numeric(4, 2) NOT NULL DEFAULT 1
              CONSTRAINT powerup_multiplier_range CHECK (multiplier BETWEEN 1 AND 10),
  duration    interval NOT NULL
              CONSTRAINT powerup_duration_range CHECK (duration > interval '0' AND duration <= interval '7 days'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT powerup_game_key_key UNIQUE (game_id, key)
);

COMMENT ON TABLE pulseplus.powerup IS 'Special abilities or bonuses (sold in shops; applied by the game service).';
COMMENT ON COLUMN pulseplus.powerup.effect IS 'xp_boost, currency_boost, streak_freeze or hint.';
COMMENT ON COLUMN pulseplus.powerup.multiplier IS 'Boost factor for xp_boost and currency_boost (1 for the others), 1-10.';
COMMENT ON COLUMN pulseplus.powerup.duration IS 'How long the effect lasts once activated (at most 7 days).';

GRANT SELECT ON pulseplus.badge, pulseplus.achievement, pulseplus.powerup
  TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.badge, pulseplus.achievement, pulseplus.powerup
  TO pulseplus_admin;
