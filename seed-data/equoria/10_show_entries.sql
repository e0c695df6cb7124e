-- Seed: entries for the 12 shows run in 2024: up to 12 eligible horses each (aged 3-20,
-- level in the show's range), chosen by md5, entered a week before the show.
INSERT INTO equoria.show_entries (show_id, horse_id, owner_id, fee_paid, entered_at)
SELECT e.show_id, e.horse_id, e.owner_id, e.entry_fee, e.run_date - interval '7 days'
  FROM (SELECT s.id AS show_id, s.entry_fee, s.run_date, h.id AS horse_id, h.owner_id,
               row_number() OVER (PARTITION BY s.id
                                  ORDER BY md5('equoria-seed-entry-' || s.name || '/' || h.id)) AS pick
          FROM equoria.shows s
          JOIN equoria.horses h
            ON h.age BETWEEN 3 AND 20
           AND equoria.discipline_level(coalesce((h.discipline_scores ->> s.discipline)::numeric, 0))
               BETWEEN s.level_min AND s.level_max
         WHERE s.completed_at IS NOT NULL) AS e
 WHERE e.pick <= 12
 ORDER BY e.show_id, e.horse_id;
