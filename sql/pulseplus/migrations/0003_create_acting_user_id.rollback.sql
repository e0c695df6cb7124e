-- What: drops pulseplus.acting_user_id() created by 0003.
-- Why:  undoes 0003 (the policies that call it went with their tables in later rollbacks).

DROP FUNCTION pulseplus.acting_user_id();
