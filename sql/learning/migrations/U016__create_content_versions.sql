-- What: drops content_management.content_versions (undoes V016).
-- Why:  nothing references it.

DROP TABLE content_management.content_versions;
