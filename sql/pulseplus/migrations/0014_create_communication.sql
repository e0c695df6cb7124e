-- What: pulseplus.notification, pulseplus.chat_group, pulseplus.chat_group_member and
--       pulseplus.chat_message; the helper pulseplus.is_chat_member(group_id); row-level
--       security, policies, grants.
-- Why:  the seed's communication group (surveys follow in 0015). Chat needs a membership
--       table (the seed names groups and messages only) to say who may read a group.
--       is_chat_member() is SECURITY DEFINER (owner pulseplus_engine) so that the policies on
--       chat_group_member can ask about membership without querying the table they protect
--       (which would recurse); it is versioned because policies use it.
--       A user sees only their own notifications and only groups, members and messages of
--       groups they belong to; messages keep their text when the sender's account is deleted
--       (sender_id SET NULL).

CREATE TABLE pulseplus.notification (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES pulseplus.sys_user (id) ON DELETE CASCADE,
  kind       text NOT NULL
             CONSTRAINT notification_kind_valid
             CHECK (kind IN ('tier_unlocked', 'quest_completed', 'badge_awarded', 'competition', 'chat', 'survey', 'system')),
  title      text NOT NULL
             CONSTRAINT notification_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  body       text
             CONSTRAINT notification_body_length CHECK (length(body) <= 2000),
  data       jsonb NOT NULL DEFAULT '{}'
             CONSTRAINT notification_data_object CHECK (jsonb_typeof(data) = 'object'),
  read_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notification_user_created_idx ON pulseplus.notification (user_id, created_at DESC);
CREATE INDEX notification_user_unread_idx ON pulseplus.notification (user_id) WHERE read_at IS NULL;

COMMENT ON TABLE pulseplus.notification IS 'User notifications (tier unlocked, quest completed, ...); each user sees only their own.';
COMMENT ON COLUMN pulseplus.notification.kind IS 'What the notification is about; the API picks the icon and link from it and data.';
COMMENT ON COLUMN pulseplus.notification.data IS 'Ids the client needs to link the notification, e.g. {"season_tier_id": ...}.';
COMMENT ON COLUMN pulseplus.notification.read_at IS 'When the user read it; NULL: unread. The only column the API may change.';

CREATE TABLE pulseplus.chat_group (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL
                CONSTRAINT chat_group_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  kind          text NOT NULL
                CONSTRAINT chat_group_kind_valid CHECK (kind IN ('team', 'department', 'custom')),
  team_id       uuid REFERENCES pulseplus.team (id) ON DELETE CASCADE,
  department_id uuid REFERENCES pulseplus.department (id) ON DELETE CASCADE,
  created_by    uuid REFERENCES pulseplus.sys_user (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chat_group_team_kind CHECK ((kind = 'team') = (team_id IS NOT NULL)),
  CONSTRAINT chat_group_department_kind CHECK ((kind = 'department') = (department_id IS NOT NULL))
);

CREATE UNIQUE INDEX chat_group_team_key ON pulseplus.chat_group (team_id) WHERE team_id IS NOT NULL;
CREATE UNIQUE INDEX chat_group_department_key ON pulseplus.chat_group (department_id) WHERE department_id IS NOT NULL;
CREATE INDEX chat_group_created_by_idx ON pulseplus.chat_group (created_by) WHERE created_by IS NOT NULL;

COMMENT ON TABLE pulseplus.chat_group IS 'Chat groups: one per team, one per department, or custom; readable by their members.';
COMMENT ON COLUMN pulseplus.chat_group.kind IS 'team (team_id set), department (department_id set) or custom (neither).';
COMMENT ON COLUMN pulseplus.chat_group.created_by IS 'User who created the group; NULL for generated groups or deleted users.';

CREATE TABLE pulseplus.chat_group_member (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id     uuid NOT NULL REFERENCES pulseplus.chat_group (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES pulseplus.sys_user (id) ON DELETE CASCADE,
  joined_at    timestamptz NOT NULL DEFAULT now(),
  last_read_at timestamptz,
  CONSTRAINT chat_group_member_group_user_key UNIQUE (group_id, user_id)
);

CREATE INDEX chat_group_member_user_id_idx ON pulseplus.chat_group_member (user_id);

COMMENT ON TABLE pulseplus.chat_group_member IS 'Who belongs to which chat group (and so may read and post there).';
COMMENT ON COLUMN pulseplus.chat_group_member.last_read_at IS 'Read marker: messages after it are unread for this member.';

CREATE TABLE pulseplus.chat_message (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id   uuid NOT NULL REFERENCES pulseplus.chat_group (id) ON DELETE CASCADE,
  sender_id  uuid REFERENCES pulseplus.sys_user (id) ON DELETE SET NULL,
  body       text NOT NULL
             CONSTRAINT chat_message_body_length CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at  timestamptz,
  CONSTRAINT chat_message_edited_after_created CHECK (edited_at >= created_at)
);

CREATE INDEX chat_message_group_created_idx ON pulseplus.chat_message (group_id, created_at);
CREATE INDEX chat_message_sender_id_idx ON pulseplus.chat_message (sender_id) WHERE sender_id IS NOT NULL;

COMMENT ON TABLE pulseplus.chat_message IS 'Messages in chat groups; members read and post, authors edit their own.';
COMMENT ON COLUMN pulseplus.chat_message.sender_id IS 'Author; NULL once the author''s account is deleted (the message stays).';
COMMENT ON COLUMN pulseplus.chat_message.edited_at IS 'When the body was last edited; NULL: never.';

CREATE FUNCTION pulseplus.is_chat_member(p_group_id uuid)
RETURNS boolean
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT EXISTS (SELECT 1 FROM pulseplus.chat_group_member m
                  WHERE m.group_id = p_group_id AND m.user_id = pulseplus.acting_user_id())
$$;

COMMENT ON FUNCTION pulseplus.is_chat_member(uuid) IS
  'Whether the acting user (pulseplus.user_id) is a member of the chat group. Used by the chat policies.';

ALTER FUNCTION pulseplus.is_chat_member(uuid) OWNER TO pulseplus_engine;
REVOKE ALL ON FUNCTION pulseplus.is_chat_member(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pulseplus.is_chat_member(uuid) TO pulseplus_app, pulseplus_admin;

ALTER TABLE pulseplus.notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.notification FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_group ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_group FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_group_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_group_member FORCE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulseplus.chat_message FORCE ROW LEVEL SECURITY;

CREATE POLICY notification_own ON pulseplus.notification
  FOR SELECT TO pulseplus_app
  USING (user_id = pulseplus.acting_user_id());
CREATE POLICY notification_mark_read_own ON pulseplus.notification
  FOR UPDATE TO pulseplus_app
  USING (user_id = pulseplus.acting_user_id())
  WITH CHECK (user_id = pulseplus.acting_user_id());
CREATE POLICY notification_all_admin ON pulseplus.notification
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);
CREATE POLICY notification_insert_engine ON pulseplus.notification
  FOR INSERT TO pulseplus_engine
  WITH CHECK (true);

CREATE POLICY chat_group_select_member ON pulseplus.chat_group
  FOR SELECT TO pulseplus_app
  USING (pulseplus.is_chat_member(id));
CREATE POLICY chat_group_all_admin ON pulseplus.chat_group
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

CREATE POLICY chat_group_member_select_member ON pulseplus.chat_group_member
  FOR SELECT TO pulseplus_app
  USING (pulseplus.is_chat_member(group_id));
CREATE POLICY chat_group_member_mark_read_own ON pulseplus.chat_group_member
  FOR UPDATE TO pulseplus_app
  USING (user_id = pulseplus.acting_user_id())
  WITH CHECK (user_id = pulseplus.acting_user_id());
CREATE POLICY chat_group_member_all_admin ON pulseplus.chat_group_member
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);
CREATE POLICY chat_group_member_select_engine ON pulseplus.chat_group_member
  FOR SELECT TO pulseplus_engine
  USING (true);

CREATE POLICY chat_message_select_member ON pulseplus.chat_message
  FOR SELECT TO pulseplus_app
  USING (pulseplus.is_chat_member(group_id));
CREATE POLICY chat_message_post_member ON pulseplus.chat_message
  FOR INSERT TO pulseplus_app
  WITH CHECK (sender_id = pulseplus.acting_user_id() AND pulseplus.is_chat_member(group_id));
CREATE POLICY chat_message_edit_own ON pulseplus.chat_message
  FOR UPDATE TO pulseplus_app
  USING (sender_id = pulseplus.acting_user_id())
  WITH CHECK (sender_id = pulseplus.acting_user_id());
CREATE POLICY chat_message_all_admin ON pulseplus.chat_message
  FOR ALL TO pulseplus_admin
  USING (true) WITH CHECK (true);

GRANT SELECT ON pulseplus.notification, pulseplus.chat_group, pulseplus.chat_group_member, pulseplus.chat_message
  TO pulseplus_app, pulseplus_admin;
GRANT UPDATE (read_at) ON pulseplus.notification TO pulseplus_app;
GRANT UPDATE (last_read_at) ON pulseplus.chat_group_member TO pulseplus_app;
GRANT INSERT (group_id, sender_id, body), UPDATE (body, edited_at) ON pulseplus.chat_message TO pulseplus_app;
GRANT INSERT, UPDATE, DELETE ON pulseplus.notification, pulseplus.chat_group, pulseplus.chat_group_member,
                                pulseplus.chat_message
  TO pulseplus_admin;
GRANT SELECT ON pulseplus.chat_group_member TO pulseplus_engine;
GRANT INSERT (user_id, kind, title, body, data) ON pulseplus.notification TO pulseplus_engine;
