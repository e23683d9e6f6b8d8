-- Freshness and signals: a registry of the sources that send values, the signals raised about
-- them (and, later, about other conditions), and the append-only trail of what people and the
-- system did with each signal.

-- Kind of a source, derived from the URI scheme Momentum uses when it builds sources:
-- urn:momentum:user:<id> (a person's check-in), urn:momentum:token:<id> (an API token without a
-- source of its own), urn:momentum:integration:jira:<connection> and
-- urn:momentum:integration:azure-devops:<connection> (tracker webhooks),
-- urn:momentum:feed:csv:... and urn:momentum:feed:batch:... (KPI feeds), urn:momentum:sql-feed:<id>
-- (SQL feeds), urn:momentum:demo-... (the demo), other urn:momentum:... sources (written by
-- Momentum itself), and anything else (a service naming itself, such as urn:service:checkout).
CREATE FUNCTION value_source_kind(source text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN source LIKE 'urn:momentum:user:%' THEN 'person'
    WHEN source LIKE 'urn:momentum:token:%' THEN 'token'
    WHEN source LIKE 'urn:momentum:integration:jira:%' THEN 'jira'
    WHEN source LIKE 'urn:momentum:integration:azure-devops:%' THEN 'azure_devops'
    WHEN source LIKE 'urn:momentum:sql-feed:%' THEN 'sql_feed'
    WHEN source LIKE 'urn:momentum:feed:%' THEN 'batch_feed'
    WHEN source LIKE 'urn:momentum:demo-%' THEN 'demo'
    WHEN source LIKE 'urn:momentum:%' THEN 'system'
    ELSE 'service'
  END
$$;

-- The expected interval in seconds a source learned from its quiet gaps: three times the median
-- of its recent gaps, at least one hour. It is null until three gaps were seen.
CREATE FUNCTION value_source_learned_interval(gaps double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(gaps) >= 3
    THEN greatest(3600, 3 * (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY g) FROM unnest(gaps) g))
  END
$$;

-- One row per organisation and source, written by the ingest with one statement per batch.
-- recent_gaps contains the last 20 silences between two batches of the source that lasted at least
-- a minute (shorter ones belong to the same burst), plus a one-minute sample for each hour a
-- source sends steadily without such a silence, so a busy stream learns the one-hour minimum.
CREATE TABLE value_sources (
  id                      uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  org_id                  text NOT NULL REFERENCES organisations(id),
  source                  text NOT NULL,
  kind                    text NOT NULL,
  label                   text,
  first_seen              timestamptz NOT NULL,
  last_seen               timestamptz NOT NULL,
  last_event_time         timestamptz NOT NULL,
  event_count             bigint NOT NULL,
  recent_node_ids         uuid[] NOT NULL DEFAULT '{}',
  recent_gaps             double precision[] NOT NULL DEFAULT '{}',
  gap_sampled_at          timestamptz NOT NULL,
  expected_interval_secs  integer CHECK (expected_interval_secs BETWEEN 60 AND 31622400),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, source)
);

CREATE TABLE signals (
  id             uuid PRIMARY KEY,
  org_id         text NOT NULL REFERENCES organisations(id),
  kind           text NOT NULL,
  fingerprint    text NOT NULL,
  source         text,
  -- When the condition began; for stale_source the last arrival of the quiet source. A signal
  -- resolved by hand is not raised again for the same episode.
  episode        timestamptz NOT NULL,
  node_ids       uuid[] NOT NULL DEFAULT '{}',
  unit_ids       uuid[] NOT NULL DEFAULT '{}',
  severity       text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state          text NOT NULL CHECK (state IN ('open', 'acknowledged', 'snoozed', 'resolved')),
  code           text NOT NULL,
  params         jsonb NOT NULL DEFAULT '{}',
  explanation    text NOT NULL,
  evidence       jsonb NOT NULL DEFAULT '{}',
  raised_at      timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  resolved_at    timestamptz,
  snoozed_until  timestamptz,
  version        integer NOT NULL DEFAULT 1
);
-- At most one unresolved signal per condition, such as one per stale source.
CREATE UNIQUE INDEX signals_one_unresolved ON signals (org_id, fingerprint) WHERE state <> 'resolved';
CREATE INDEX signals_org_raised ON signals (org_id, raised_at DESC, id);
CREATE INDEX signals_org_nodes ON signals USING gin (node_ids) WHERE state <> 'resolved';
CREATE INDEX signals_snoozed ON signals (snoozed_until) WHERE state = 'snoozed';

-- Actions on a signal: what was done, who did it and why, with the evidence shown at the time. Rows are
-- only ever inserted.
CREATE TABLE signal_actions (
  id          bigserial PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations(id),
  signal_id   uuid NOT NULL REFERENCES signals(id),
  action      text NOT NULL CHECK (action IN ('raised', 'acknowledged', 'snoozed', 'woke', 'resolved', 'updated')),
  actor       text NOT NULL,
  actor_name  text,
  reason      text,
  state       text NOT NULL,
  evidence    jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL
);
CREATE INDEX signal_actions_signal ON signal_actions (org_id, signal_id, id);
