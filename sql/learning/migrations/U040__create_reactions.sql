-- What: drops social.reactions (undoes V040).
-- Why:  nothing references it.

DROP TABLE social.reactions;
