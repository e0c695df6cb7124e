-- What: drops pulsex.user_feedback.
-- Why: undoes 0006.

DROP TABLE pulsex.user_feedback;
