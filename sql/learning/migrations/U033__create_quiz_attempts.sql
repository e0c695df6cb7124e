-- What: drops assessment.quiz_attempts (undoes V033).
-- Why:  nothing references it.

DROP TABLE assessment.quiz_attempts;
