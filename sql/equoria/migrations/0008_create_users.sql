-- What: creates equoria.users (players) with a UUID key, a case-insensitively unique email,
--       money/level/xp with range checks and JSONB settings with the seed's structure;
--       enables and forces row-level security with its policies and grants.
-- Why:  users own horses, stables and show entries. Money can never go negative, which is
--       the last line of defence behind equoria.enter_show()'s row lock.

CREATE TABLE equoria.users (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL
             CONSTRAINT users_name_length CHECK (length(name) BETWEEN 1 AND 100),
  email      text NOT NULL
             CONSTRAINT users_email_format
             CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  money      integer NOT NULL DEFAULT 1000
             CONSTRAINT users_money_nonnegative CHECK (money >= 0),
  level      integer NOT NULL DEFAULT 1
             CONSTRAINT users_level_range CHECK (level BETWEEN 1 AND 100),
  xp         integer NOT NULL DEFAULT 0
             CONSTRAINT users_xp_nonnegative CHECK (xp >= 0),
  settings   jsonb NOT NULL DEFAULT
             '{"darkMode": false,
               "notifications": {"training": true, "competitions": true, "breeding": true},
               "privacy": {"profileVisible": true, "shareProgress": false}}'
             CONSTRAINT users_settings_shape CHECK (coalesce(
                   jsonb_typeof(settings) = 'object'
               AND jsonb_typeof(settings -> 'darkMode') = 'boolean'
               AND jsonb_typeof(settings -> 'notifications') = 'object'
               AND (settings -> 'notifications') ?& ARRAY['training', 'competitions', 'breeding']
               AND NOT jsonb_path_exists(settings, '$.notifications.* ? (@.type() != "boolean")')
               AND jsonb_typeof(settings -> 'privacy') = 'object'
               AND (settings -> 'privacy') ?& ARRAY['profileVisible', 'shareProgress']
               AND NOT jsonb_path_exists(settings, '$.privacy.* ? (@.type() != "boolean")'),
             false)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The seed's idx_users_email, made unique and case-insensitive: it is the unique constraint.
CREATE UNIQUE INDEX idx_users_email ON equoria.users (lower(email));

COMMENT ON TABLE equoria.users IS
  'Players. Money, level and xp change only through the game-rule functions.';
COMMENT ON COLUMN equoria.users.id IS 'Player id (UUID); horses.owner_id, stables.owner_id and show_entries.owner_id point here.';
COMMENT ON COLUMN equoria.users.email IS 'Login email; unique ignoring case (index idx_users_email on lower(email)).';
COMMENT ON COLUMN equoria.users.money IS 'Coins; never negative. Entry fees are taken and prizes paid by the game-rule functions.';
COMMENT ON COLUMN equoria.users.level IS 'Player level 1-100, recomputed from xp as 1 + xp / 100 when show xp is awarded.';
COMMENT ON COLUMN equoria.users.xp IS 'Experience points earned in shows; never negative.';
COMMENT ON COLUMN equoria.users.settings IS
  'Preferences: {"darkMode": bool, "notifications": {"training","competitions","breeding": bool}, '
  '"privacy": {"profileVisible","shareProgress": bool}}; those keys are required, extra keys allowed.';

ALTER TABLE equoria.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE equoria.users FORCE ROW LEVEL SECURITY;

CREATE POLICY users_select_own ON equoria.users
  FOR SELECT TO equoria_app
  USING (id = equoria.current_player_id());
CREATE POLICY users_insert_own ON equoria.users
  FOR INSERT TO equoria_app
  WITH CHECK (id = equoria.current_player_id());
CREATE POLICY users_update_own ON equoria.users
  FOR UPDATE TO equoria_app
  USING (id = equoria.current_player_id())
  WITH CHECK (id = equoria.current_player_id());
CREATE POLICY users_select_admin ON equoria.users
  FOR SELECT TO equoria_admin
  USING (true);
CREATE POLICY users_all_engine ON equoria.users
  FOR ALL TO equoria_engine
  USING (true) WITH CHECK (true);

GRANT SELECT ON equoria.users TO equoria_app, equoria_admin, equoria_engine;
GRANT INSERT (id, name, email, settings) ON equoria.users TO equoria_app;
GRANT UPDATE (name, email, settings) ON equoria.users TO equoria_app;
GRANT UPDATE (money, level, xp) ON equoria.users TO equoria_engine;
