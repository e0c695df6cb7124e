-- What: drops the users time-zone trigger and its function (undoes R__12_tg_users.sql).
-- Why:  the trigger depends on the function, so it goes first.

DROP TRIGGER check_timezone ON user_management.users;
DROP FUNCTION user_management.tg_users__check_timezone();
