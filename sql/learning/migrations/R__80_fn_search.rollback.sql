-- What: drops content_management.search() (undoes R__80_fn_search.sql).
-- Why:  nothing depends on it.

DROP FUNCTION content_management.search(text, text[], integer);
