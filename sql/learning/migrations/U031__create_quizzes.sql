-- What: drops assessment.quizzes (undoes V031).
-- Why:  quiz_answer_keys and quiz_attempts, which reference it, were dropped by U032 and U033.

DROP TABLE assessment.quizzes;
