-- What: drops assessment.quiz_answer_keys (undoes V032).
-- Why:  nothing references it.

DROP TABLE assessment.quiz_answer_keys;
