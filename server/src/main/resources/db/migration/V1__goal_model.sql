-- Momentum goal model: organisations, people, units, cycles, goal nodes, values and events.
-- Every table carries org_id; every query filters on it.

CREATE TABLE organisations (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL,
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  org_id         text NOT NULL REFERENCES organisations(id),
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  token_prefix  text NOT NULL,
  scopes        jsonb NOT NULL DEFAULT '["read","write"]'::jsonb,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);

CREATE TABLE units (
  id          uuid PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations(id),
  key         text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('company', 'business_unit', 'team')),
  parent_id   uuid REFERENCES units(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);
CREATE INDEX units_org ON units (org_id);

CREATE TABLE cycles (
  id          uuid PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations(id),
  key         text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('strategy', 'annual', 'quarter')),
  parent_id   uuid REFERENCES cycles(id),
  start_date  date NOT NULL,
  end_date    date NOT NULL,
  closed      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key),
  CHECK (end_date >= start_date)
);
CREATE INDEX cycles_org ON cycles (org_id);

-- Keys of objectives, key results and KPIs share one namespace per organisation, because an
-- event's subject names a node by its key without saying its kind.
CREATE TABLE node_keys (
  org_id   text NOT NULL REFERENCES organisations(id),
  key      text NOT NULL,
  node_id  uuid NOT NULL UNIQUE,
  kind     text NOT NULL,
  PRIMARY KEY (org_id, key)
);

CREATE TABLE objectives (
  id               uuid PRIMARY KEY,
  org_id           text NOT NULL REFERENCES organisations(id),
  key              text NOT NULL,
  kind             text NOT NULL DEFAULT 'objective' CHECK (kind IN ('strategic_outcome', 'objective')),
  title            text NOT NULL,
  description      text,
  parent_id        uuid REFERENCES objectives(id),
  unit_id          uuid NOT NULL REFERENCES units(id),
  cycle_id         uuid NOT NULL REFERENCES cycles(id),
  owner_name       text,
  weight           numeric NOT NULL DEFAULT 1 CHECK (weight >= 0),
  rollup_children  boolean,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);
CREATE INDEX objectives_org_unit ON objectives (org_id, unit_id);
CREATE INDEX objectives_org_cycle ON objectives (org_id, cycle_id);
CREATE INDEX objectives_parent ON objectives (parent_id);

CREATE TABLE kpis (
  id              uuid PRIMARY KEY,
  org_id          text NOT NULL REFERENCES organisations(id),
  key             text NOT NULL,
  title           text NOT NULL,
  unit_id         uuid REFERENCES units(id),
  owner_name      text,
  unit            text,
  direction       text NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
  start_value     numeric,
  target_value    numeric,
  green           numeric,
  red             numeric,
  current_value   numeric,
  current_at      timestamptz,
  current_source  text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);
CREATE INDEX kpis_org_unit ON kpis (org_id, unit_id);

CREATE TABLE key_results (
  id                  uuid PRIMARY KEY,
  org_id              text NOT NULL REFERENCES organisations(id),
  key                 text NOT NULL,
  objective_id        uuid NOT NULL REFERENCES objectives(id),
  title               text NOT NULL,
  measurement         text NOT NULL CHECK (measurement IN
                        ('increase', 'decrease', 'range', 'milestone', 'binary', 'kpi', 'work_items')),
  unit_id             uuid REFERENCES units(id),
  owner_name          text,
  weight              numeric NOT NULL DEFAULT 1 CHECK (weight >= 0),
  start_value         numeric,
  target_value        numeric,
  low_value           numeric,
  high_value          numeric,
  tolerance           numeric CHECK (tolerance > 0),
  commit_value        numeric,
  stretch_value       numeric,
  unit                text,
  kpi_id              uuid REFERENCES kpis(id),
  milestones          jsonb NOT NULL DEFAULT '[]'::jsonb,
  current_value       numeric,
  current_at          timestamptz,
  current_source      text,
  confidence          smallint CHECK (confidence BETWEEN 0 AND 10),
  confidence_at       timestamptz,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);
CREATE INDEX key_results_org_objective ON key_results (org_id, objective_id);
CREATE INDEX key_results_kpi ON key_results (kpi_id) WHERE kpi_id IS NOT NULL;

-- Append-only log of every accepted event. The primary key makes a repeated delivery harmless:
-- its insert conflicts and the event is acknowledged without being applied again.
CREATE TABLE events (
  org_id       text NOT NULL REFERENCES organisations(id),
  source       text NOT NULL,
  id           text NOT NULL,
  type         text NOT NULL,
  subject      text,
  node_id      uuid,
  time         timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  data         jsonb NOT NULL,
  PRIMARY KEY (org_id, source, id)
);
CREATE INDEX events_org_node_time ON events (org_id, node_id, time);

CREATE TABLE measurements (
  id            bigserial PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  node_id       uuid NOT NULL,
  node_kind     text NOT NULL CHECK (node_kind IN ('key_result', 'kpi')),
  value         numeric NOT NULL,
  observed_at   timestamptz NOT NULL,
  source        text NOT NULL,
  event_id      text NOT NULL,
  applied       boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measurements_org_node_time ON measurements (org_id, node_id, observed_at);

CREATE TABLE check_ins (
  id            bigserial PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  key_result_id uuid NOT NULL REFERENCES key_results(id),
  value         numeric,
  confidence    smallint CHECK (confidence BETWEEN 0 AND 10),
  note          text,
  blockers      text,
  author        text,
  observed_at   timestamptz NOT NULL,
  source        text NOT NULL,
  event_id      text NOT NULL,
  applied       boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_ins_org_kr_time ON check_ins (org_id, key_result_id, observed_at);

CREATE TABLE work_items (
  org_id              text NOT NULL REFERENCES organisations(id),
  system              text NOT NULL,
  external_id         text NOT NULL,
  node_id             uuid,
  item_type           text,
  status_category     text NOT NULL CHECK (status_category IN ('todo', 'in_progress', 'done')),
  story_points        numeric CHECK (story_points >= 0),
  parent_external_id  text,
  deleted             boolean NOT NULL DEFAULT false,
  observed_at         timestamptz NOT NULL,
  source              text NOT NULL,
  PRIMARY KEY (org_id, system, external_id)
);
CREATE INDEX work_items_org_node ON work_items (org_id, node_id);

-- Records that could not be processed, with the reason, so that a bad record never blocks its
-- partition and nothing is silently lost.
CREATE TABLE dead_letters (
  id           bigserial PRIMARY KEY,
  org_id       text,
  topic        text NOT NULL,
  partition    integer NOT NULL,
  record_offset bigint NOT NULL,
  record_key   text,
  payload      text,
  reason       text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, partition, record_offset)
);
CREATE INDEX dead_letters_org ON dead_letters (org_id, received_at);
