-- What: drops the competitor tables created by 0009 (children first).
-- Why:  undoes 0009.

DROP TABLE pulseplus.competitor_achievement;
DROP TABLE pulseplus.competitor_badge;
DROP TABLE pulseplus.team_member;
DROP TABLE pulseplus.team;
DROP TABLE pulseplus.competitor;
