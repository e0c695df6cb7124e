-- What: drops pulsex.users (with its indexes, grants and RLS settings).
-- Why: undoes 0004. Tables referencing users are dropped by the rollbacks of later migrations.

DROP TABLE pulsex.users;
