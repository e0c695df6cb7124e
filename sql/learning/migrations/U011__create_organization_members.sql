-- What: drops user_management.organization_members (undoes V011).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE user_management.organization_members;
