-- What: drops user_management.users (undoes V010).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE user_management.users;
