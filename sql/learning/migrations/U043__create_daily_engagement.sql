-- What: drops analytics.daily_engagement (undoes V043).
-- Why:  nothing references it.

DROP TABLE analytics.daily_engagement;
