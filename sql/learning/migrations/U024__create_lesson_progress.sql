-- What: drops course_management.lesson_progress (undoes V024).
-- Why:  nothing references it.

DROP TABLE course_management.lesson_progress;
