-- What: drops equoria.competition_results with its indexes, policies and grants.
-- Why:  undoes 0014.

DROP TABLE equoria.competition_results;
