-- What: takes down repeatable/10_fn_subjects.sql: drops the identity functions.
-- Why: rollback of the repeatable (the runner takes repeatables down before versioned rollbacks).

DROP FUNCTION IF EXISTS worldvibe.act_as_subject(text);
DROP FUNCTION IF EXISTS worldvibe.current_subject();
DROP FUNCTION IF EXISTS worldvibe.pseudonymize(text);
DROP FUNCTION IF EXISTS worldvibe.keyed_hash(text, text);
