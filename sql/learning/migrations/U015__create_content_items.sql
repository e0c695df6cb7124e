-- What: drops content_management.content_items (undoes V015).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE content_management.content_items;
