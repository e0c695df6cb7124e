-- What: drops pulsex.notification_tokens.
-- Why: undoes 0008.

DROP TABLE pulsex.notification_tokens;
