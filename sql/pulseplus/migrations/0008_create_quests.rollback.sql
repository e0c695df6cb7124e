-- What: drops pulseplus.quest_objective and pulseplus.quest created by 0008.
-- Why:  undoes 0008.

DROP TABLE pulseplus.quest_objective;
DROP TABLE pulseplus.quest;
