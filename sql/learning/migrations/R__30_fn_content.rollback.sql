-- What: drops the content versioning triggers and functions (undoes R__30_fn_content.sql).
-- Why:  triggers first, then the functions they call.

DROP TRIGGER keep_previous_version ON content_management.content_items;
DROP TRIGGER bump_version ON content_management.content_items;
DROP FUNCTION content_management.restore_content_version(uuid, integer);
DROP FUNCTION content_management.tg_content_items__keep_previous_version();
DROP FUNCTION content_management.tg_content_items__bump_version();
