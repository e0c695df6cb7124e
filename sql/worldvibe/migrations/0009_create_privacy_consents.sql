-- What: creates worldvibe.privacy_consents: one row per consent given by a pseudonymous subject
--       for a purpose and a version of its text, with the time it was withdrawn.
-- Why: a check-in (or session) without an active consent to the current version is rejected
--      (repeatable/14, 16), and withdrawing erases the subject's raw rows of that purpose
--      (repeatable/12). Rows are never deleted: the record of consent and withdrawal is the
--      proof the law asks for, and holds only the subject hash. Row-level security: the app sees
--      and changes only the rows of the subject it acts for (repeatable/20).

CREATE TABLE worldvibe.privacy_consents (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_hash   text        NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{32}$'),
    purpose        text        NOT NULL,
    policy_version integer     NOT NULL,
    granted_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_at   timestamptz,
    preferences    jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(preferences) = 'object'),
    CONSTRAINT privacy_consents_policy_fkey FOREIGN KEY (purpose, policy_version)
        REFERENCES worldvibe.consent_policy_versions (purpose, version) ON DELETE RESTRICT,
    CONSTRAINT privacy_consents_withdrawn_after_granted CHECK (withdrawn_at >= granted_at)
);

-- one active consent per subject, purpose and version; also the lookup of the consent check
CREATE UNIQUE INDEX privacy_consents_active_key
    ON worldvibe.privacy_consents (subject_hash, purpose, policy_version)
    WHERE withdrawn_at IS NULL;
CREATE INDEX privacy_consents_subject_idx ON worldvibe.privacy_consents (subject_hash, purpose, granted_at);

ALTER TABLE worldvibe.privacy_consents OWNER TO worldvibe_owner;
ALTER TABLE worldvibe.privacy_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE worldvibe.privacy_consents FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE worldvibe.privacy_consents IS
    'Consents per pseudonymous subject, purpose and policy version, with withdrawal. Never deleted '
    '(proof of consent). Withdrawing the last active consent of a purpose erases the subject''s raw '
    'rows of that purpose. RLS: the app sees only the subject it acts for.';
COMMENT ON COLUMN worldvibe.privacy_consents.subject_hash IS
    'Keyed hash (worldvibe.pseudonymize) of the app''s user/device identifier; never the raw id.';
COMMENT ON COLUMN worldvibe.privacy_consents.policy_version IS
    'Version of the consent text agreed to (consent_policy_versions); only the current one counts.';
COMMENT ON COLUMN worldvibe.privacy_consents.withdrawn_at IS
    'When the consent was withdrawn; NULL while active. Once set it is never cleared (a new consent is a new row).';
COMMENT ON COLUMN worldvibe.privacy_consents.preferences IS 'Free-form consent options chosen by the user (JSON object).';
