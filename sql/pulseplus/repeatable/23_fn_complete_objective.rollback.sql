-- What: drops pulseplus.complete_objective().
-- Why:  rollback of 23_fn_complete_objective.sql.

DROP FUNCTION IF EXISTS pulseplus.complete_objective(uuid, uuid, integer);
