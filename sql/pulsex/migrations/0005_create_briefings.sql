-- What: creates pulsex.briefings, one briefing per user per day with its cards as JSONB,
--       range-partitioned by briefing_date per month (partitions: migration 0012 and
--       create_monthly_partitions()); row-level security enabled and forced; grants.
-- Why: the hot table of the morning rush ("fetch today's briefing"): the primary key
--      (user_id, briefing_date) answers it with one index probe in one partition, and old
--      months are dropped whole by the retention function. There is deliberately no default
--      partition: a briefing for a month that has no partition is a bug (or a missed
--      maintenance run) and fails loudly with SQLSTATE 23514 instead of piling up unseen.

CREATE TABLE pulsex.briefings (
    user_id       uuid        NOT NULL,
    briefing_date date        NOT NULL,
    status        text        NOT NULL DEFAULT 'ready',
    cards         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    generated_at  timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz,
    opened_at     timestamptz,
    CONSTRAINT briefings_pkey PRIMARY KEY (user_id, briefing_date),
    CONSTRAINT briefings_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES pulsex.users (id) ON DELETE CASCADE,
    CONSTRAINT briefings_status_check
        CHECK (status IN ('generating', 'ready', 'delivered', 'opened', 'failed')),
    CONSTRAINT briefings_cards_check CHECK (
        CASE WHEN jsonb_typeof(cards) <> 'array' THEN false
             ELSE jsonb_array_length(cards) <= 50
                  AND NOT jsonb_path_exists(cards, '$[*] ? (@.type() != "object")')
                  AND NOT jsonb_path_exists(cards, '$[*] ? (!(exists(@.id)) || @.id.type() != "string")')
        END)
) PARTITION BY RANGE (briefing_date);

-- delivery worker: today's briefings still to send
CREATE INDEX briefings_date_status_idx ON pulsex.briefings (briefing_date, status);

COMMENT ON TABLE pulsex.briefings IS
    'One personalised briefing per user per day. Partitioned by month on briefing_date '
    '(briefings_pYYYYMM); no default partition, so a date without a partition is an error.';
COMMENT ON COLUMN pulsex.briefings.cards IS
    'Ordered array (at most 50) of card objects, each with a string "id" (referenced by '
    'user_feedback.card_id and saved_cards.card_id) plus free-form content: topic, title, '
    'source, url, score.';
COMMENT ON COLUMN pulsex.briefings.status IS
    'generating, ready, delivered (push sent), opened (read by the user) or failed.';

ALTER TABLE pulsex.briefings OWNER TO pulsex_migrations;
ALTER TABLE pulsex.briefings ENABLE ROW LEVEL SECURITY;
ALTER TABLE pulsex.briefings FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, DELETE ON pulsex.briefings TO pulsex_app;
GRANT UPDATE (status, cards, delivered_at, opened_at) ON pulsex.briefings TO pulsex_app;
GRANT SELECT ON pulsex.briefings TO pulsex_analytics, pulsex_backup;
