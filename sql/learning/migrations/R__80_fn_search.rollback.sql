-- What: drops content_management.search() and its helpers snippet() and highlight_part()
--       (undoes R__80_fn_search.sql).
-- Why:  nothing else depends on them.

DROP FUNCTION content_management.search(text, text[], integer);
DROP FUNCTION content_management.snippet(text, text, text, tsvector, "char"[], tsquery, text[]);
DROP FUNCTION content_management.highlight_part(text, tsvector, "char", tsquery, text[]);
