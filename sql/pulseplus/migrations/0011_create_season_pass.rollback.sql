-- What: drops pulseplus.season_tier_unlock and pulseplus.season_pass_progress created by 0011.
-- Why:  undoes 0011.

DROP TABLE pulseplus.season_tier_unlock;
DROP TABLE pulseplus.season_pass_progress;
