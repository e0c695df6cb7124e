-- What: creates pulsex.user_feedback, weighted engagement events per card; row-level security
--       enabled and forced; grants.
-- Why: personalisation reads a user's recent feedback; the weight is derived from the kind of
--      event by a generated column so every writer weighs events the same way. There is no
--      foreign key to briefings on purpose: feedback outlives the briefing partitions that
--      retention drops (and a foreign key would block detaching them).

CREATE TABLE pulsex.user_feedback (
    id            bigint       GENERATED ALWAYS AS IDENTITY,
    user_id       uuid         NOT NULL,
    briefing_date date         NOT NULL,
    card_id       text         NOT NULL,
    feedback_type text         NOT NULL,
    weight        numeric(4,2) GENERATED ALWAYS AS (
        CASE feedback_type
            WHEN 'view'        THEN  0.50
            WHEN 'click'       THEN  1.00
            WHEN 'like'        THEN  3.00
            WHEN 'save'        THEN  4.00
            WHEN 'share'       THEN  5.00
            WHEN 'dismiss'     THEN -1.00
            WHEN 'dislike'     THEN -3.00
            WHEN 'hide_source' THEN -5.00
        END) STORED,
    dwell_ms      integer,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT user_feedback_pkey PRIMARY KEY (id),
    CONSTRAINT user_feedback_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE CASCADE,
    CONSTRAINT user_feedback_card_id_check CHECK (char_length(card_id) BETWEEN 1 AND 64),
    CONSTRAINT user_feedback_feedback_type_check
        CHECK (feedback_type IN ('view', 'click', 'like', 'save', 'share', 'dismiss', 'dislike',
                                 'hide_source')),
    CONSTRAINT user_feedback_dwell_ms_check CHECK (dwell_ms BETWEEN 0 AND 86400000)
);

CREATE INDEX user_feedback_user_created_idx ON pulsex.user_feedback (user_id, created_at DESC);

COMMENT ON TABLE pulsex.user_feedback IS
    'Engagement events of a user on a card of one of their briefings, weighted for '
    'personalisation. Append-only for the application (insert, and delete to undo).';
COMMENT ON COLUMN pulsex.user_feedback.card_id IS
    'The "id" of the card inside briefings.cards of (user_id, briefing_date).';
COMMENT ON COLUMN pulsex.user_feedback.weight IS
    'Derived from feedback_type: view 0.5, click 1, like 3, save 4, share 5, dismiss -1, '
    'dislike -3, hide_source -5. Never NULL: the CASE covers every value the CHECK on '
    'feedback_type admits (no NOT NULL, so that a bad type fails on that CHECK, 23514).';
COMMENT ON COLUMN pulsex.user_feedback.dwell_ms IS 'Time spent on the card, in milliseconds, when known.';

ALTER TABLE pulsex.user_feedback OWNER TO pulsex_migrations;
ALTER TABLE pulsex.user_feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.user_feedback FORCE ROW LEVEL SECURITY;

GRANT SELECT, DELETE ON pulsex.user_feedback TO pulsex_app;
GRANT INSERT (user_id, briefing_date, card_id, feedback_type, dwell_ms, created_at)
    ON pulsex.user_feedback TO pulsex_app;
GRANT SELECT ON pulsex.user_feedback TO pulsex_analytics, pulsex_backup;
GRANT SELECT ON SEQUENCE pulsex.user_feedback_id_seq TO pulsex_backup;  -- pg_dump reads sequence values
