-- What: drops social.posts (undoes V039).
-- Why:  reactions, which reference it, were dropped by U040.

DROP TABLE social.posts;
