-- What: drops the user-management tables created by 0004 (children first).
-- Why:  undoes 0004; their policies, indexes and grants go with them.

DROP TABLE pulseplus.sys_user_group_member;
DROP TABLE pulseplus.sys_user_group;
DROP TABLE pulseplus.sys_user;
DROP TABLE pulseplus.department;
