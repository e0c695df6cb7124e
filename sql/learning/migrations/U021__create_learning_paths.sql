-- What: drops course_management.learning_path_courses and course_management.learning_paths
--       (undoes V021).
-- Why:  nothing else references them.

DROP TABLE course_management.learning_path_courses;
DROP TABLE course_management.learning_paths;
