-- What: drops the achievement catalogue tables created by 0006.
-- Why:  undoes 0006.

DROP TABLE pulseplus.powerup;
DROP TABLE pulseplus.achievement;
DROP TABLE pulseplus.badge;
