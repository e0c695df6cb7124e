-- What: drops pulseplus.award_currency() and pulseplus.credit_balance().
-- Why:  rollback of 20_fn_award_currency.sql.

DROP FUNCTION IF EXISTS pulseplus.award_currency(uuid, uuid, bigint, text);
DROP FUNCTION IF EXISTS pulseplus.credit_balance(uuid, uuid, bigint, text, text, uuid, uuid);
