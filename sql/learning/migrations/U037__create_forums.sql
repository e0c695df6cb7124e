-- What: drops social.forums (undoes V037).
-- Why:  threads, which reference it, were dropped by U038.

DROP TABLE social.forums;
