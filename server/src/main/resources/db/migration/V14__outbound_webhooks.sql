-- Outbound webhooks: an organisation's subscriptions to its change types, one delivery per
-- subscription and change (read from the momentum.changes topic), and every HTTP attempt of a
-- delivery for the delivery log.

CREATE TABLE webhook_subscriptions (
  id           uuid PRIMARY KEY,
  org_id       text NOT NULL REFERENCES organisations(id),
  name         text NOT NULL,
  url          text NOT NULL,
  event_types  text[] NOT NULL CHECK (cardinality(event_types) >= 1),
  active       boolean NOT NULL DEFAULT true,
  -- Stored as given, because signing needs the secret itself; the API never returns it after
  -- creation or rotation.
  secret       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, name),
  UNIQUE (org_id, id)
);

CREATE TABLE webhook_deliveries (
  seq              bigserial UNIQUE,
  id               uuid PRIMARY KEY,
  org_id           text NOT NULL,
  subscription_id  uuid NOT NULL,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  -- The CloudEvent JSON exactly as read from the topic, which is the body every attempt sends.
  body             text NOT NULL,
  test             boolean NOT NULL DEFAULT false,
  state            text NOT NULL CHECK (state IN ('pending', 'delivering', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  -- The attempt number after whose failure the delivery is failed; a redelivery raises it.
  max_attempts     integer NOT NULL,
  next_attempt_at  timestamptz,
  lease_until      timestamptz,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  -- A change read twice from the topic makes no second delivery.
  UNIQUE (subscription_id, event_id),
  FOREIGN KEY (org_id, subscription_id) REFERENCES webhook_subscriptions (org_id, id) ON DELETE CASCADE
);

-- The dispatcher claims due deliveries and deliveries whose lease ran out.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (lease_until) WHERE state = 'delivering';
-- The delivery log lists a subscription's deliveries newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (org_id, subscription_id, seq DESC);

CREATE TABLE webhook_attempts (
  delivery_id   uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt       integer NOT NULL,
  org_id        text NOT NULL,
  started_at    timestamptz NOT NULL,
  duration_ms   integer NOT NULL,
  status_code   integer,
  error         text,
  -- The first 1024 characters of the response body.
  response_body text,
  PRIMARY KEY (delivery_id, attempt)
);
