-- Integrations: connections to trackers such as Jira Cloud, the rules that map their work to
-- initiatives, the webhook deliveries already handled, and the last state seen of each issue.

-- A connection of one organisation to one tracker site. The shared secret signs the tracker's
-- webhooks with HMAC-SHA256, so the server must read it back to verify a signature: it is stored
-- as given, in its own column, and the API never returns it after creation.
CREATE TABLE integration_connections (
  id                  uuid PRIMARY KEY,
  org_id              text NOT NULL REFERENCES organisations(id),
  kind                text NOT NULL CHECK (kind IN ('jira', 'azure_devops')),
  name                text NOT NULL,
  secret              text NOT NULL,
  story_points_field  text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, name)
);
CREATE INDEX integration_connections_org ON integration_connections (org_id, name);

-- Ordered rules that map tracker work to an initiative; the rule with the lowest position that
-- matches an issue wins.
CREATE TABLE integration_mapping_rules (
  id              uuid PRIMARY KEY,
  org_id          text NOT NULL REFERENCES organisations(id),
  connection_id   uuid NOT NULL REFERENCES integration_connections(id) ON DELETE CASCADE,
  position        integer NOT NULL CHECK (position >= 0),
  match_kind      text NOT NULL CHECK (match_kind IN ('issue_key', 'label', 'project')),
  match_value     text NOT NULL,
  initiative_id   uuid NOT NULL REFERENCES initiatives(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX integration_mapping_rules_connection ON integration_mapping_rules (org_id, connection_id, position, created_at);

-- Webhook deliveries by the tracker's delivery identifier, which stays the same across retries.
-- A repeated identifier changes nothing, and the rows stay for replay diagnostics.
CREATE TABLE integration_deliveries (
  org_id          text NOT NULL REFERENCES organisations(id),
  connection_id   uuid NOT NULL REFERENCES integration_connections(id) ON DELETE CASCADE,
  delivery_id     text NOT NULL,
  event_type      text NOT NULL,
  issue_id        text,
  outcome         text NOT NULL CHECK (outcome IN ('published', 'stale', 'unmapped', 'epic')),
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, delivery_id)
);
CREATE INDEX integration_deliveries_org_time ON integration_deliveries (org_id, connection_id, received_at);

-- The newest state seen of each issue: which initiative it was sent to and its update time. A
-- delivery older than this is not sent on, and a move to another initiative removes the item
-- from the initiative named here.
CREATE TABLE integration_issues (
  org_id          text NOT NULL REFERENCES organisations(id),
  connection_id   uuid NOT NULL REFERENCES integration_connections(id) ON DELETE CASCADE,
  issue_id        text NOT NULL,
  issue_key       text,
  parent_issue_id text,
  initiative_id   uuid,
  issue_updated   timestamptz NOT NULL,
  deleted         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (connection_id, issue_id)
);
