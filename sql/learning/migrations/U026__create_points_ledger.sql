-- What: drops gamification.points_ledger (undoes V026).
-- Why:  nothing references it; DROP TABLE does not fire its append-only row triggers.

DROP TABLE gamification.points_ledger;
