-- What: undoes 0008: drops worldvibe.consent_policy_versions (with the version 1 rows).
-- Why: privacy_consents, which references it, is dropped by a later rollback that runs first.

DROP TABLE worldvibe.consent_policy_versions;
