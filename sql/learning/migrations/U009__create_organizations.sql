-- What: drops user_management.organizations (undoes V009).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE user_management.organizations;
