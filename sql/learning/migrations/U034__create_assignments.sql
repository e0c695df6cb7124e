-- What: drops assessment.assignments (undoes V034).
-- Why:  submissions, which reference it, were dropped by U035.

DROP TABLE assessment.assignments;
