-- pgbench script: one show entry per transaction, made the way the API makes it (role
-- equoria_app, acting player set for the transaction). Each transaction takes the next row
-- of equoria_bench.entry_queue (built by run.py): a distinct horse entered in one of the
-- bench shows, paid by one of 10,000 bench players, so entries contend on the show rows
-- (FOR SHARE) and occasionally on a player's row, as in the game.
BEGIN;
SELECT nextval('equoria_bench.entry_seq') AS n \gset
SET LOCAL ROLE equoria_app;
SELECT set_config('equoria.user_id', owner_id::text, true) FROM equoria_bench.entry_queue WHERE n = :n;
SELECT equoria.enter_show(horse_id, show_id) FROM equoria_bench.entry_queue WHERE n = :n;
END;
