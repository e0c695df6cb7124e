-- What: drops equoria.users with its index, policies and grants.
-- Why:  undoes 0008.

DROP TABLE equoria.users;
