-- What: creates pulsex.saved_cards, cards a user bookmarked, with tags as a text array and a
--       GIN index on them; row-level security enabled and forced; grants.
-- Why: "list my saved cards with tag X" is one of the benchmarked queries; the card is copied
--      (snapshot) because briefings are dropped by retention while bookmarks stay.

CREATE TABLE pulsex.saved_cards (
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    user_id       uuid        NOT NULL,
    card_id       text        NOT NULL,
    briefing_date date,
    card          jsonb       NOT NULL,
    tags          text[]      NOT NULL DEFAULT '{}',
    notes         text,
    saved_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_cards_pkey PRIMARY KEY (id),
    CONSTRAINT saved_cards_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE CASCADE,
    CONSTRAINT saved_cards_user_card_key UNIQUE (user_id, card_id),
    CONSTRAINT saved_cards_card_id_check CHECK (char_length(card_id) BETWEEN 1 AND 64),
    CONSTRAINT saved_cards_card_check CHECK (jsonb_typeof(card) = 'object'),
    CONSTRAINT saved_cards_tags_check
        CHECK (cardinality(tags) <= 20 AND array_position(tags, NULL) IS NULL),
    CONSTRAINT saved_cards_notes_check CHECK (char_length(notes) <= 2000)
);

CREATE INDEX saved_cards_user_saved_at_idx ON pulsex.saved_cards (user_id, saved_at DESC);
CREATE INDEX saved_cards_tags_idx ON pulsex.saved_cards USING gin (tags);

COMMENT ON TABLE pulsex.saved_cards IS
    'Cards a user saved, with a snapshot of the card (it outlives the briefing partition), '
    'free tags and a private note.';
COMMENT ON COLUMN pulsex.saved_cards.card IS 'Copy of the card object from briefings.cards at save time.';
COMMENT ON COLUMN pulsex.saved_cards.tags IS
    'User tags (at most 20, no NULLs); GIN-indexed for tag queries (tags @> ARRAY[...]).';
COMMENT ON COLUMN pulsex.saved_cards.notes IS 'Private note of the user (personal data, cleared on erasure).';

ALTER TABLE pulsex.saved_cards OWNER TO pulsex_migrations;
ALTER TABLE pulsex.saved_cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.saved_cards FORCE ROW LEVEL SECURITY;

GRANT SELECT, DELETE ON pulsex.saved_cards TO pulsex_app;
GRANT INSERT (user_id, card_id, briefing_date, card, tags, notes) ON pulsex.saved_cards TO pulsex_app;
GRANT UPDATE (tags, notes) ON pulsex.saved_cards TO pulsex_app;
GRANT SELECT ON pulsex.saved_cards TO pulsex_analytics, pulsex_backup;
GRANT SELECT ON SEQUENCE pulsex.saved_cards_id_seq TO pulsex_backup;  -- pg_dump reads sequence values
