-- What: drops the forum triggers and functions (undoes R__60_fn_social.sql).
-- Why:  triggers first, then the functions they call.

DROP TRIGGER count_soft_delete ON social.posts;
DROP TRIGGER after_insert ON social.posts;
DROP TRIGGER stamp_edit ON social.posts;
DROP TRIGGER check_thread_open ON social.posts;
DROP TRIGGER check_forum_open ON social.threads;
DROP FUNCTION social.tg_posts__count_soft_delete();
DROP FUNCTION social.tg_posts__after_insert();
DROP FUNCTION social.tg_posts__stamp_edit();
DROP FUNCTION social.tg_posts__check_thread_open();
DROP FUNCTION social.tg_threads__check_forum_open();
