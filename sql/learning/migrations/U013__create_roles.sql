-- What: drops user_management.role_permissions and user_management.roles (undoes V013).
-- Why:  member_roles, which references roles, was dropped by U014.

DROP TABLE user_management.role_permissions;
DROP TABLE user_management.roles;
