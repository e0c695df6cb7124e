-- What: creates pulsex.personal_data_columns, the register of every column holding personal
--       data (category, retention, what erasure does to it), and fills it for the tables of
--       migrations 0004-0011.
-- Why: generate_user_data_inventory(), export_user_data() (which columns are credentials and
--      left out) and the erasure (which columns to clear, which rows to delete, which audit
--      keys to redact) are all driven by this table rather than by lists inside functions.
--      A migration that adds a personal-data column adds its row here in the same file.

CREATE TABLE pulsex.personal_data_columns (
    table_name     text NOT NULL,
    column_name    text NOT NULL,
    subject_column text NOT NULL,
    category       text NOT NULL,
    retention      text NOT NULL,
    erasure_action text NOT NULL,
    description    text NOT NULL,
    CONSTRAINT personal_data_columns_pkey PRIMARY KEY (table_name, column_name),
    CONSTRAINT personal_data_columns_category_check
        CHECK (category IN ('identity', 'contact', 'credential', 'device', 'network',
                            'preferences', 'behavioural', 'content')),
    CONSTRAINT personal_data_columns_erasure_action_check
        CHECK (erasure_action IN ('clear', 'delete_row', 'redact_keys', 'retain'))
);

COMMENT ON TABLE pulsex.personal_data_columns IS
    'Register of columns of pulsex tables that hold personal data (GDPR Art. 30 record). Read by '
    'generate_user_data_inventory(), export_user_data() and the erasure functions. Schema '
    'metadata, not user data: no row-level security.';
COMMENT ON COLUMN pulsex.personal_data_columns.subject_column IS
    'Column of the same table identifying the data subject (users.id, else user_id or subject_user_id).';
COMMENT ON COLUMN pulsex.personal_data_columns.category IS
    'identity, contact, credential (never exported nor audited), device, network, preferences, '
    'behavioural or content.';
COMMENT ON COLUMN pulsex.personal_data_columns.retention IS 'How long the value is kept, in words.';
COMMENT ON COLUMN pulsex.personal_data_columns.erasure_action IS
    'What erasure does: clear (SET column = DEFAULT, i.e. NULL or the empty default), delete_row '
    '(delete the subject''s rows of the table), redact_keys (JSONB row images: remove the keys '
    'that are personal-data columns of the audited table), retain (kept: pseudonymous once the '
    'account is anonymised; needed for aggregate counts).';

INSERT INTO pulsex.personal_data_columns
    (table_name, column_name, subject_column, category, retention, erasure_action, description)
VALUES
    ('users', 'email', 'id', 'contact',
     'account lifetime + erasure grace period (30 days after soft delete)', 'clear', 'Login e-mail'),
    ('users', 'display_name', 'id', 'identity',
     'account lifetime + erasure grace period', 'clear', 'Name shown in the app'),
    ('users', 'password_hash', 'id', 'credential',
     'account lifetime + erasure grace period', 'clear', 'Password hash'),
    ('users', 'preferences', 'id', 'preferences',
     'account lifetime + erasure grace period', 'clear', 'Topics, briefing time, time zone, language'),
    ('users', 'last_login_at', 'id', 'behavioural',
     'account lifetime + erasure grace period', 'clear', 'Time of the last login'),
    ('users', 'deletion_reason', 'id', 'behavioural',
     'account lifetime + erasure grace period', 'clear', 'Why the account was deleted'),
    ('sessions', 'token_hash', 'user_id', 'credential',
     'until expiry (+30 days if revoked); deleted on erasure', 'delete_row', 'Hash of the session token'),
    ('sessions', 'device_fingerprint', 'user_id', 'device',
     'until expiry (+30 days if revoked); deleted on erasure', 'delete_row', 'Device fingerprint'),
    ('sessions', 'ip_address', 'user_id', 'network',
     'until expiry (+30 days if revoked); deleted on erasure', 'delete_row', 'IP address at login'),
    ('sessions', 'user_agent', 'user_id', 'device',
     'until expiry (+30 days if revoked); deleted on erasure', 'delete_row', 'Browser / app user agent'),
    ('notification_tokens', 'token', 'user_id', 'credential',
     'until the device unregisters or the account is soft-deleted', 'delete_row', 'Push token'),
    ('saved_cards', 'notes', 'user_id', 'content',
     'until the user removes the card; cleared on erasure', 'clear', 'Private note'),
    ('saved_cards', 'tags', 'user_id', 'content',
     'until the user removes the card; cleared on erasure', 'clear', 'Personal tags'),
    ('briefings', 'cards', 'user_id', 'behavioural',
     'briefing partition retention (13 months); kept pseudonymous after erasure', 'retain',
     'Cards chosen for the user (reflects interests)'),
    ('user_feedback', 'feedback_type', 'user_id', 'behavioural',
     'kept pseudonymous after erasure for engagement statistics', 'retain', 'Engagement events'),
    ('analytics_events', 'ip_address', 'user_id', 'network',
     'event partition retention (13 months); cleared on erasure', 'clear', 'Client IP address'),
    ('analytics_events', 'user_agent', 'user_id', 'device',
     'event partition retention (13 months); cleared on erasure', 'clear', 'User agent'),
    ('analytics_events', 'properties', 'user_id', 'behavioural',
     'event partition retention (13 months); kept pseudonymous after erasure', 'retain',
     'Event attributes (no direct identifiers by contract)'),
    ('audit_logs', 'old_data', 'subject_user_id', 'identity',
     'audit partition retention (24 months); personal keys redacted on erasure', 'redact_keys',
     'Row image before a change'),
    ('audit_logs', 'new_data', 'subject_user_id', 'identity',
     'audit partition retention (24 months); personal keys redacted on erasure', 'redact_keys',
     'Row image after a change');

ALTER TABLE pulsex.personal_data_columns OWNER TO pulsex_migrations;

GRANT SELECT ON pulsex.personal_data_columns TO pulsex_analytics, pulsex_backup;
