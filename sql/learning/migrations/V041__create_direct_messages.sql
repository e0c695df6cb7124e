-- What: creates social.direct_messages between two members of one organization.
-- Why:  private: beyond tenant isolation, row-level security shows a message only to its
--       sender and recipient (policies in R__25_rls_social.sql); the reporting role has no
--       privilege on it.

SET LOCAL ROLE learning_owner;

CREATE TABLE social.direct_messages (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  uuid        NOT NULL,
  sender_id        uuid        NOT NULL,
  recipient_id     uuid        NOT NULL,
  body             text        NOT NULL,
  sent_at          timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  FOREIGN KEY (organization_id, sender_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, recipient_id)
    REFERENCES user_management.organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT direct_messages_not_to_self CHECK (sender_id <> recipient_id),
  CONSTRAINT direct_messages_body_length CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
  CONSTRAINT direct_messages_read_after_sent CHECK (read_at >= sent_at)
);

CREATE INDEX direct_messages_recipient_idx ON social.direct_messages (organization_id, recipient_id, sent_at DESC);
CREATE INDEX direct_messages_sender_idx ON social.direct_messages (organization_id, sender_id, sent_at DESC);

ALTER TABLE social.direct_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE social.direct_messages FORCE ROW LEVEL SECURITY;

COMMENT ON TABLE social.direct_messages IS 'Private messages; visible only to sender and recipient.';
COMMENT ON COLUMN social.direct_messages.read_at IS 'Set by the recipient (the only column the application may update).';

RESET ROLE;
