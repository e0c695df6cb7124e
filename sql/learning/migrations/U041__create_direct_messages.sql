-- What: drops social.direct_messages (undoes V041).
-- Why:  nothing references it.

DROP TABLE social.direct_messages;
