-- pgbench: one purchase of THE hot item per transaction, by a random bench competitor, made
-- the way the API makes it (role pulseplus_app, acting user set for the transaction). Every
-- client queues on the same shop_item row lock: this measures the serialised path.
-- Variables (-D): competitors (number of bench competitors).
\set n random(1, :competitors)
BEGIN;
SET LOCAL ROLE pulseplus_app;
SELECT set_config('pulseplus.user_id', md5('bench:user:' || :n), true);
SELECT pulseplus.purchase_item(md5('bench:competitor:' || :n)::uuid, md5('bench:item:hot')::uuid);
END;
