-- What: forum rules: no new threads in a locked forum and no new posts in a locked thread;
--       edits are stamped; thread counters (post_count, last_post_at) follow inserts and soft
--       deletions; a post is logged as an event and counts towards forum badges.
-- Why:  counters are maintained by a SECURITY DEFINER trigger because the application has no
--       privilege on them (a client could otherwise inflate its thread).
--       Error code: LRN05 forum or thread locked.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION social.tg_threads__check_forum_open()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM social.forums f WHERE f.id = NEW.forum_id AND f.is_locked) THEN
    RAISE EXCEPTION 'forum is locked' USING ERRCODE = 'LRN05';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION social.tg_threads__check_forum_open() IS
  'BEFORE INSERT on threads: refuses a thread in a locked forum (LRN05).';

CREATE OR REPLACE FUNCTION social.tg_posts__check_thread_open()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF EXISTS (SELECT 1
               FROM social.threads t
               JOIN social.forums f ON f.id = t.forum_id
              WHERE t.id = NEW.thread_id AND (t.is_locked OR f.is_locked)) THEN
    RAISE EXCEPTION 'thread is locked' USING ERRCODE = 'LRN05';
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION social.tg_posts__check_thread_open() IS
  'BEFORE INSERT on posts: refuses a post in a locked thread or forum (LRN05).';

CREATE OR REPLACE FUNCTION social.tg_posts__stamp_edit()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body THEN
    NEW.edited_at := now();
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION social.tg_posts__stamp_edit() IS 'BEFORE UPDATE OF body on posts: sets edited_at.';

CREATE OR REPLACE FUNCTION social.tg_posts__after_insert()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  IF NEW.deleted_at IS NULL THEN
    UPDATE social.threads t
       SET post_count = t.post_count + 1,
           last_post_at = greatest(t.last_post_at, NEW.created_at)
     WHERE t.id = NEW.thread_id;
  END IF;
  IF NEW.author_id IS NOT NULL THEN
    PERFORM gamification.lock_learner(NEW.organization_id, NEW.author_id);
    PERFORM analytics.record_event(NEW.organization_id, NEW.author_id, 'forum_post', NULL, NEW.id,
                                   jsonb_build_object('thread_id', NEW.thread_id), NEW.created_at);
    PERFORM gamification.evaluate_rules(NEW.organization_id, NEW.author_id, ARRAY['forum_posts']);
  END IF;
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION social.tg_posts__after_insert() IS
  'AFTER INSERT on posts: thread counters, event, forum badge rules. SECURITY DEFINER, acts in the row''s organization.';

CREATE OR REPLACE FUNCTION social.tg_posts__count_soft_delete()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_caller_org text := current_setting('learning.organization_id', true);
BEGIN
  PERFORM set_config('learning.organization_id', NEW.organization_id::text, true);
  UPDATE social.threads t
     SET post_count = t.post_count + CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END
   WHERE t.id = NEW.thread_id;
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION social.tg_posts__count_soft_delete() IS
  'AFTER UPDATE OF deleted_at on posts (deleted or restored): keeps threads.post_count equal to the posts not deleted. SECURITY DEFINER.';

REVOKE EXECUTE ON FUNCTION social.tg_threads__check_forum_open(),
                           social.tg_posts__check_thread_open(),
                           social.tg_posts__stamp_edit(),
                           social.tg_posts__after_insert(),
                           social.tg_posts__count_soft_delete() FROM PUBLIC;

CREATE OR REPLACE TRIGGER check_forum_open
  BEFORE INSERT ON social.threads
  FOR EACH ROW EXECUTE FUNCTION social.tg_threads__check_forum_open();

CREATE OR REPLACE TRIGGER check_thread_open
  BEFORE INSERT ON social.posts
  FOR EACH ROW EXECUTE FUNCTION social.tg_posts__check_thread_open();

CREATE OR REPLACE TRIGGER stamp_edit
  BEFORE UPDATE OF body ON social.posts
  FOR EACH ROW EXECUTE FUNCTION social.tg_posts__stamp_edit();

CREATE OR REPLACE TRIGGER after_insert
  AFTER INSERT ON social.posts
  FOR EACH ROW EXECUTE FUNCTION social.tg_posts__after_insert();

CREATE OR REPLACE TRIGGER count_soft_delete
  AFTER UPDATE OF deleted_at ON social.posts
  FOR EACH ROW WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION social.tg_posts__count_soft_delete();

RESET ROLE;
