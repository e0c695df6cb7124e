-- What: drops content_management.media_assets (undoes V017).
-- Why:  every table that references it was dropped by the undo files of later migrations.

DROP TABLE content_management.media_assets;
