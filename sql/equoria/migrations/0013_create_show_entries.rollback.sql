-- What: drops equoria.show_entries with its indexes, policies and grants.
-- Why:  undoes 0013.

DROP TABLE equoria.show_entries;
