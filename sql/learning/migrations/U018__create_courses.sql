-- What: drops course_management.courses (undoes V018).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE course_management.courses;
