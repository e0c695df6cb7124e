-- What: drops pulseplus.add_season_xp().
-- Why:  rollback of 22_fn_add_season_xp.sql.

DROP FUNCTION IF EXISTS pulseplus.add_season_xp(uuid, uuid, bigint);
