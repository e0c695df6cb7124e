-- What: drops course_management.lessons (undoes V020).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE course_management.lessons;
