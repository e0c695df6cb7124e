-- What: creates worldvibe.pseudonym_keys, a one-row table holding the secret key of the keyed
--       hash (HMAC-SHA-256) that turns the app's user/device identifiers into subject hashes,
--       and fills it with 32 random bytes.
-- Why: identifiers are never stored raw. A plain hash of a user id can be reversed by hashing
--      every candidate id; a keyed hash cannot without the key, which only worldvibe_owner (the
--      pseudonymize() function) can read. The key is generated per database: the same user has
--      unrelated subject hashes in two databases. Rotating it breaks the link to existing rows
--      and consents, so this migration never overwrites it.

CREATE TABLE worldvibe.pseudonym_keys (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    secret     bytea       NOT NULL CHECK (octet_length(secret) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO worldvibe.pseudonym_keys (secret) VALUES (public.gen_random_bytes(32));

ALTER TABLE worldvibe.pseudonym_keys OWNER TO worldvibe_owner;
REVOKE ALL ON worldvibe.pseudonym_keys FROM PUBLIC;

COMMENT ON TABLE worldvibe.pseudonym_keys IS
    'Exactly one row: the secret HMAC key of worldvibe.pseudonymize(). No grants; readable only by '
    'worldvibe_owner (and superusers). Included in backups: protect them like the key itself.';
COMMENT ON COLUMN worldvibe.pseudonym_keys.singleton IS 'Always true: the primary key that allows only one row.';
COMMENT ON COLUMN worldvibe.pseudonym_keys.secret IS
    'HMAC-SHA-256 key (at least 32 random bytes). Changing it gives every user a new, unlinkable '
    'subject hash: existing check-ins and consents no longer match them.';
