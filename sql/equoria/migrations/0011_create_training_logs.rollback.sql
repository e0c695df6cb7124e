-- What: drops equoria.training_logs with its index, policies and grants.
-- Why:  undoes 0011.

DROP TABLE equoria.training_logs;
