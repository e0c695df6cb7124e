-- What: drops social.threads (undoes V038).
-- Why:  posts, which reference it, were dropped by U039.

DROP TABLE social.threads;
