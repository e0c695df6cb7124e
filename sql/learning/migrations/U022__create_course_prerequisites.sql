-- What: drops course_management.course_prerequisites (undoes V022).
-- Why:  nothing references it.

DROP TABLE course_management.course_prerequisites;
