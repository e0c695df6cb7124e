-- pgbench script: one training session per transaction, made the way the API makes it
-- (role equoria_app, acting player set for the transaction). Each transaction takes the
-- next row of equoria_bench.train_queue (built by run.py): a distinct, eligible horse, so no
-- call is refused by a cooldown and every transaction does the full amount of work.
BEGIN;
SELECT nextval('equoria_bench.train_seq') AS n \gset
SET LOCAL ROLE equoria_app;
SELECT set_config('equoria.user_id', owner_id::text, true) FROM equoria_bench.train_queue WHERE n = :n;
SELECT equoria.train_horse(horse_id, 'Dressage') FROM equoria_bench.train_queue WHERE n = :n;
END;
