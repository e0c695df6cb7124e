-- What: drops user_management.permissions with its catalog rows (undoes V012).
-- Why:  role_permissions, the only table referencing it, was dropped by U013.

DROP TABLE user_management.permissions;
