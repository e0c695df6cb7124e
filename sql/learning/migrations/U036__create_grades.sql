-- What: drops assessment.grades (undoes V036).
-- Why:  nothing references it.

DROP TABLE assessment.grades;
