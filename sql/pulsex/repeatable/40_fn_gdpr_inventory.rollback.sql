-- What: drops generate_user_data_inventory().
-- Why: rollback of 40_fn_gdpr_inventory.sql.

DROP FUNCTION IF EXISTS pulsex.generate_user_data_inventory();
