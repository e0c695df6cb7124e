-- What: drops user_management.member_roles (undoes V014).
-- Why:  nothing references it.

DROP TABLE user_management.member_roles;
