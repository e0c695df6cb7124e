-- What: drops pulseplus.purchase_item().
-- Why:  rollback of 21_fn_purchase_item.sql.

DROP FUNCTION IF EXISTS pulseplus.purchase_item(uuid, uuid, integer);
