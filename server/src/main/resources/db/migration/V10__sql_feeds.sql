-- SQL feeds: scheduled pulls of KPI values from a PostgreSQL source (a BI database), and the log
-- of their runs.

-- One feed of one organisation. The password is needed to connect, so it is stored as given, in
-- its own column, and the API never returns it. lease_until and running_run_id mark a run in
-- progress: a node claims a feed by setting both in one UPDATE, so only one run of a feed goes
-- on at a time across the cluster. A lease that expired belongs to a node that stopped mid-run.
CREATE TABLE sql_feeds (
  id                uuid PRIMARY KEY,
  org_id            text NOT NULL REFERENCES organisations(id),
  name              text NOT NULL,
  host              text NOT NULL,
  port              integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  database_name     text NOT NULL,
  username          text NOT NULL,
  password          text NOT NULL,
  ssl_mode          text NOT NULL CHECK (ssl_mode IN ('disable', 'prefer', 'require', 'verify-full')),
  query             text NOT NULL,
  kpi_column        text NOT NULL,
  value_column      text NOT NULL,
  time_column       text,
  interval_minutes  integer NOT NULL CHECK (interval_minutes BETWEEN 1 AND 10080),
  timeout_seconds   integer NOT NULL CHECK (timeout_seconds BETWEEN 1 AND 600),
  max_rows          integer NOT NULL CHECK (max_rows BETWEEN 1 AND 50000),
  enabled           boolean NOT NULL DEFAULT true,
  next_run_at       timestamptz NOT NULL DEFAULT now(),
  lease_until       timestamptz,
  running_run_id    uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, name)
);
CREATE INDEX sql_feeds_due ON sql_feeds (next_run_at) WHERE enabled;

-- One run of a feed. row_errors lists the rejected rows of a run with status 'rejected' (at
-- most 100 of them; error_count has the total).
CREATE TABLE sql_feed_runs (
  id                uuid PRIMARY KEY,
  org_id            text NOT NULL REFERENCES organisations(id),
  feed_id           uuid NOT NULL REFERENCES sql_feeds(id) ON DELETE CASCADE,
  trigger           text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status            text NOT NULL CHECK (status IN ('running', 'succeeded', 'rejected', 'failed')),
  started_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  rows_read         integer,
  values_published  integer,
  error_code        text,
  error_message     text,
  error_count       integer,
  row_errors        jsonb
);
CREATE INDEX sql_feed_runs_feed ON sql_feed_runs (org_id, feed_id, started_at DESC);
