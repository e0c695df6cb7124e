-- What: content versioning: the triggers that raise content_items.version on every edit and
--       copy the replaced version into content_versions, and restore_content_version().
-- Why:  "every edit keeps the previous version". The version number is computed by the
--       database (whatever the statement says) and the copy is written by a SECURITY DEFINER
--       trigger, because the application may read content_versions but not write it.
--
--       Pattern shared by every SECURITY DEFINER trigger function of this database: it runs
--       as learning_owner, which is subject to forced RLS, and it first sets the tenant
--       context to the organization of the row that fired it, restoring the caller's context
--       before it returns (an error rolls the setting back with everything else). Such
--       triggers are always AFTER triggers, so the row has already passed the caller's own
--       RLS checks: for the application the organization is its own; a superuser (seed
--       loading, no context) gets the organization of each row.

SET LOCAL ROLE learning_owner;

CREATE OR REPLACE FUNCTION content_management.tg_content_items__bump_version()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  IF (NEW.content_type, NEW.title, NEW.summary, NEW.body)
     IS DISTINCT FROM (OLD.content_type, OLD.title, OLD.summary, OLD.body) THEN
    NEW.version := OLD.version + 1;
  ELSE
    NEW.version := OLD.version;
  END IF;
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION content_management.tg_content_items__bump_version() IS
  'BEFORE UPDATE on content_items: version = previous + 1 when type, title, summary or body change, else unchanged.';

CREATE OR REPLACE FUNCTION content_management.tg_content_items__keep_previous_version()
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
  INSERT INTO content_management.content_versions
         (organization_id, content_item_id, version, content_type, title, summary, body,
          valid_from, replaced_at, replaced_by)
  SELECT OLD.organization_id, OLD.id, OLD.version, OLD.content_type, OLD.title, OLD.summary, OLD.body,
         least(OLD.updated_at, now()), now(),
         (SELECT m.user_id
            FROM user_management.organization_members m
           WHERE m.organization_id = OLD.organization_id
             AND m.user_id = user_management.current_user_id());
  PERFORM set_config('learning.organization_id', coalesce(v_caller_org, ''), true);
  RETURN NULL;
END
$$;

COMMENT ON FUNCTION content_management.tg_content_items__keep_previous_version() IS
  'AFTER UPDATE on content_items when the version changed: copies the replaced version into content_versions. SECURITY DEFINER, acts in the row''s organization.';

CREATE OR REPLACE FUNCTION content_management.restore_content_version(p_content_item_id uuid, p_version integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  v_version integer;
BEGIN
  UPDATE content_management.content_items ci
     SET content_type = v.content_type, title = v.title, summary = v.summary, body = v.body
    FROM content_management.content_versions v
   WHERE ci.id = p_content_item_id
     AND v.content_item_id = ci.id
     AND v.version = p_version
  RETURNING ci.version INTO v_version;
  IF v_version IS NULL THEN
    RAISE EXCEPTION 'content item % has no version %', p_content_item_id, p_version
      USING ERRCODE = 'no_data_found';
  END IF;
  RETURN v_version;
END
$$;

COMMENT ON FUNCTION content_management.restore_content_version(uuid, integer) IS
  'Makes an old version current again, as a new edit (so the version being replaced is kept too); returns the new version number. Runs as the caller (content.manage).';

REVOKE EXECUTE ON FUNCTION content_management.tg_content_items__bump_version(),
                           content_management.tg_content_items__keep_previous_version(),
                           content_management.restore_content_version(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION content_management.restore_content_version(uuid, integer) TO learning_app;

CREATE OR REPLACE TRIGGER bump_version
  BEFORE UPDATE ON content_management.content_items
  FOR EACH ROW EXECUTE FUNCTION content_management.tg_content_items__bump_version();

CREATE OR REPLACE TRIGGER keep_previous_version
  AFTER UPDATE ON content_management.content_items
  FOR EACH ROW WHEN (NEW.version <> OLD.version)
  EXECUTE FUNCTION content_management.tg_content_items__keep_previous_version();

RESET ROLE;
