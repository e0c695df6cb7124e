-- What: drops equoria.development_milestones and its rows.
-- Why:  undoes 0015.

DROP TABLE equoria.development_milestones;
