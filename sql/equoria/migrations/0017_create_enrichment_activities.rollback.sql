-- What: drops equoria.enrichment_activities and its rows.
-- Why:  undoes 0017.

DROP TABLE equoria.enrichment_activities;
