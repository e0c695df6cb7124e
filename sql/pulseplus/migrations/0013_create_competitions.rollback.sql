-- What: drops the tables created by 0013 (leaderboard before competition).
-- Why:  undoes 0013.

DROP TABLE pulseplus.daily_challenge;
DROP TABLE pulseplus.leaderboard;
DROP TABLE pulseplus.competition;
