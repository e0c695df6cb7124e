-- What: drops pulseplus.quest_objective_progress and pulseplus.quest_progress created by 0012.
-- Why:  undoes 0012.

DROP TABLE pulseplus.quest_objective_progress;
DROP TABLE pulseplus.quest_progress;
