-- What: drops assessment.submissions (undoes V035).
-- Why:  grades, which reference it, were dropped by U036.

DROP TABLE assessment.submissions;
