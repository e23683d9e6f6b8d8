-- Outbound changes: every change other systems may react to (key-result status changes,
-- check-ins, signals, cycle events) is written here as a CloudEvent in the same transaction as
-- the change itself, so none is lost when a node stops. A relay publishes the rows in order to
-- the Kafka topic momentum.changes and marks them published; outbound webhooks read that topic.

CREATE TABLE change_outbox (
  seq           bigserial PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  event_id      uuid NOT NULL,
  type          text NOT NULL,
  subject       text,
  event         jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  UNIQUE (org_id, event_id)
);

-- The relay reads the rows not yet published, oldest first.
CREATE INDEX change_outbox_unpublished ON change_outbox (seq) WHERE published_at IS NULL;
CREATE INDEX change_outbox_org_time ON change_outbox (org_id, created_at);
