-- pgbench: one purchase per transaction of a random item among the bench items, by a random
-- bench competitor, as the API makes it. Contention only when two clients pick the same item
-- or the same competitor: this measures the economy path itself.
-- Variables (-D): competitors, items.
\set n random(1, :competitors)
\set i random(1, :items)
BEGIN;
SET LOCAL ROLE pulseplus_app;
SELECT set_config('pulseplus.user_id', md5('bench:user:' || :n), true);
SELECT pulseplus.purchase_item(md5('bench:competitor:' || :n)::uuid, md5('bench:item:' || :i)::uuid);
END;
