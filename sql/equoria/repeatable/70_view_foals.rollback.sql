-- What: drops the view equoria.foals.
-- Why:  undoes repeatable 70_view_foals.sql.

DROP VIEW equoria.foals;
