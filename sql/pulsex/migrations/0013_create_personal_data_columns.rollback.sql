-- What: drops pulsex.personal_data_columns (and its rows).
-- Why: undoes 0013.

DROP TABLE pulsex.personal_data_columns;
