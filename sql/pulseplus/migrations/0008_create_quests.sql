-- What: the quest catalogue: pulseplus.quest and pulseplus.quest_objective, with indexes and
--       grants. (Per-competitor progress is in 0012.)
-- Why:  the seed's quests. A quest is complete for a competitor when every one of its
--       objectives is; completion pays reward_amount of reward_currency_id, reward_xp on the
--       quest's season pass and the badge, once (pulseplus.complete_objective).
--       Composite foreign keys keep the season and the reward currency in the quest's own
--       game; ON DELETE SET NULL (season_id) clears only the season column (PostgreSQL 15).

CREATE TABLE pulseplus.quest (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id            uuid NOT NULL REFERENCES pulseplus.game (id) ON DELETE CASCADE,
  season_id          uuid,
  key                text NOT NULL
                     CONSTRAINT quest_key_format CHECK (key ~ '^[a-z0-9][a-z0-9_-]{1,49}$'),
  name               text NOT NULL
                     CONSTRAINT quest_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description        text,
  reward_currency_id uuid,
  reward_amount      bigint NOT NULL DEFAULT 0
                     CONSTRAINT quest_reward_amount_range CHECK (reward_amount BETWEEN 0 AND 1000000000),
  reward_xp          bigint NOT NULL DEFAULT 0
                     CONSTRAINT quest_reward_xp_range CHECK (reward_xp BETWEEN 0 AND 1000000000),
  badge_id           uuid REFERENCES pulseplus.badge (id) ON DELETE SET NULL,
  is_active          boolean NOT NULL DEFAULT true,
  starts_at          timestamptz,
  ends_at            timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quest_window CHECK (ends_at > starts_at),
  CONSTRAINT quest_reward_complete CHECK ((reward_currency_id IS NULL) = (reward_amount = 0)),
  CONSTRAINT quest_xp_needs_season CHECK (reward_xp = 0 OR season_id IS NOT NULL),
  CONSTRAINT quest_game_key_key UNIQUE (game_id, key),
  CONSTRAINT quest_id_game_key UNIQUE (id, game_id),
  CONSTRAINT quest_season_of_game FOREIGN KEY (season_id, game_id)
    REFERENCES pulseplus.season (id, game_id) ON DELETE SET NULL (season_id),
  CONSTRAINT quest_reward_currency_of_game FOREIGN KEY (reward_currency_id, game_id)
    REFERENCES pulseplus.virtual_currency (id, game_id) ON DELETE RESTRICT
);

CREATE INDEX quest_season_idx ON pulseplus.quest (season_id, game_id) WHERE season_id IS NOT NULL;
CREATE INDEX quest_reward_currency_idx ON pulseplus.quest (reward_currency_id, game_id)
  WHERE reward_currency_id IS NOT NULL;
CREATE INDEX quest_badge_id_idx ON pulseplus.quest (badge_id) WHERE badge_id IS NOT NULL;

COMMENT ON TABLE pulseplus.quest IS
  'Quests: sets of objectives. Running when is_active and now() lies in [starts_at, ends_at) (NULL bounds are open-ended).';
COMMENT ON COLUMN pulseplus.quest.season_id IS 'Season pass that receives reward_xp; required when reward_xp > 0.';
COMMENT ON COLUMN pulseplus.quest.reward_currency_id IS 'Currency of the completion reward (same game); NULL exactly when reward_amount = 0.';
COMMENT ON COLUMN pulseplus.quest.reward_amount IS 'Currency paid once on completion.';
COMMENT ON COLUMN pulseplus.quest.reward_xp IS 'Season XP added once on completion (may unlock tiers).';
COMMENT ON COLUMN pulseplus.quest.badge_id IS 'Badge awarded on completion; NULL: none.';

CREATE TABLE pulseplus.quest_objective (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  quest_id     uuid NOT NULL REFERENCES pulseplus.quest (id) ON DELETE CASCADE,
  position     integer NOT NULL
               CONSTRAINT quest_objective_position_range CHECK (position BETWEEN 1 AND 50),
  description  text NOT NULL
               CONSTRAINT quest_objective_description_length CHECK (length(btrim(description)) BETWEEN 1 AND 500),
  target_count integer NOT NULL DEFAULT 1
               CONSTRAINT quest_objective_target_count_range CHECK (target_count BETWEEN 1 AND 1000000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quest_objective_quest_position_key UNIQUE (quest_id, position)
);

COMMENT ON TABLE pulseplus.quest_objective IS 'Objectives of a quest, done when a competitor''s progress reaches target_count.';
COMMENT ON COLUMN pulseplus.quest_objective.position IS 'Display order within the quest, from 1.';
COMMENT ON COLUMN pulseplus.quest_objective.target_count IS 'How many times the objective must be done (1 for a one-off).';

GRANT SELECT ON pulseplus.quest, pulseplus.quest_objective TO pulseplus_app, pulseplus_admin, pulseplus_engine;
GRANT INSERT, UPDATE, DELETE ON pulseplus.quest, pulseplus.quest_objective TO pulseplus_admin;
