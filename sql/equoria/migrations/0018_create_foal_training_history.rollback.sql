-- What: drops equoria.foal_training_history with its policies and grants.
-- Why:  undoes 0018.

DROP TABLE equoria.foal_training_history;
