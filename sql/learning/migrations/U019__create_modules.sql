-- What: drops course_management.modules (undoes V019).
-- Why:  lessons, which reference it, were dropped by U020.

DROP TABLE course_management.modules;
