-- What: creates worldvibe.consent_policy_versions, the versions of the consent texts per
--       purpose, and records version 1 of both purposes (effective 2024-01-01).
-- Why: consents are per purpose and versioned; a consent counts only for the version that is
--      current (the latest effective one), so publishing a new version (an INSERT here) makes
--      the app ask again. The two purposes, enforced by CHECK:
--        check_ins          storing the subject's emotional check-ins (required to check in)
--        product_analytics  storing sessions and interaction events (required to start a session)

CREATE TABLE worldvibe.consent_policy_versions (
    purpose      text        NOT NULL CHECK (purpose IN ('check_ins', 'product_analytics')),
    version      integer     NOT NULL CHECK (version >= 1),
    effective_at timestamptz NOT NULL,
    summary      text        NOT NULL CHECK (summary <> ''),
    PRIMARY KEY (purpose, version)
);

INSERT INTO worldvibe.consent_policy_versions (purpose, version, effective_at, summary) VALUES
    ('check_ins', 1, '2024-01-01 00:00:00+00',
     'WorldVibe stores your emotional check-ins (emotion, intensity, time, a location rounded to '
     '0.1 degree) under a pseudonym, and publishes only aggregates of at least k people.'),
    ('product_analytics', 1, '2024-01-01 00:00:00+00',
     'WorldVibe records your app sessions and interaction events under a pseudonym to improve the app.');

ALTER TABLE worldvibe.consent_policy_versions OWNER TO worldvibe_owner;

COMMENT ON TABLE worldvibe.consent_policy_versions IS
    'Reference data: the published versions of the consent text per purpose. The current version '
    'of a purpose is the highest one whose effective_at has passed; consents count only for it.';
COMMENT ON COLUMN worldvibe.consent_policy_versions.purpose IS
    'check_ins (storing check-ins) or product_analytics (storing sessions and events).';
COMMENT ON COLUMN worldvibe.consent_policy_versions.effective_at IS
    'From when this version is the one users must have agreed to.';
COMMENT ON COLUMN worldvibe.consent_policy_versions.summary IS 'Short text shown with the consent request.';
