-- What: drops the game catalogue tables created by 0005 (children first).
-- Why:  undoes 0005.

DROP TABLE pulseplus.season_tier;
DROP TABLE pulseplus.virtual_currency;
DROP TABLE pulseplus.season;
DROP TABLE pulseplus.game;
