-- What: drops course_management.enrollments (undoes V023).
-- Why:  lesson_progress, which references it, was dropped by U024.

DROP TABLE course_management.enrollments;
