-- Outcome model: cadence settings, owners, KR-to-objective cascade, initiatives, contribution and
-- impact links, KPI corridors, dated targets and driver trees, objective comments, frozen cycle
-- results and the definition history that time travel reads. Every table carries org_id.

ALTER TABLE organisations
  ADD COLUMN fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  ADD COLUMN check_in_day smallint NOT NULL DEFAULT 1 CHECK (check_in_day BETWEEN 1 AND 7),
  ADD COLUMN stale_after_days smallint NOT NULL DEFAULT 7 CHECK (stale_after_days BETWEEN 1 AND 365),
  ADD COLUMN version integer NOT NULL DEFAULT 1;
COMMENT ON COLUMN organisations.check_in_day IS 'ISO day of the week, 1 = Monday';

-- People who own goals are the organisation's users; a user may belong to a home unit.
ALTER TABLE users ADD COLUMN unit_id uuid REFERENCES units(id);
CREATE INDEX users_org ON users (org_id);

ALTER TABLE units
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN archived_at timestamptz;

ALTER TABLE cycles
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by text;

-- An objective aligns to at most one parent: an objective or strategic outcome (parent_id), or a
-- key result (parent_key_result_id, the KR-to-objective cascade).
ALTER TABLE objectives
  ADD COLUMN parent_key_result_id uuid,
  ADD COLUMN owner_id uuid REFERENCES users(id),
  ADD COLUMN carried_from uuid REFERENCES objectives(id),
  ADD COLUMN archived_at timestamptz,
  ADD CONSTRAINT objectives_one_parent CHECK (parent_id IS NULL OR parent_key_result_id IS NULL);
CREATE INDEX objectives_parent_key_result ON objectives (parent_key_result_id) WHERE parent_key_result_id IS NOT NULL;

ALTER TABLE key_results
  ADD COLUMN owner_id uuid REFERENCES users(id),
  ADD COLUMN description text,
  ADD COLUMN carried_from uuid REFERENCES key_results(id),
  ADD COLUMN archived_at timestamptz;
ALTER TABLE objectives
  ADD CONSTRAINT objectives_parent_key_result_fkey FOREIGN KEY (parent_key_result_id) REFERENCES key_results(id);

-- KPIs: green and red bound the corridor (amber lies between them); expected_every is how often
-- a new value is due; formula computes the KPI from its drivers' variables.
ALTER TABLE kpis
  ADD COLUMN description text,
  ADD COLUMN owner_id uuid REFERENCES users(id),
  ADD COLUMN indicator text NOT NULL DEFAULT 'lagging' CHECK (indicator IN ('leading', 'lagging')),
  ADD COLUMN expected_every_hours integer CHECK (expected_every_hours BETWEEN 1 AND 8784),
  ADD COLUMN formula text,
  ADD COLUMN archived_at timestamptz;

CREATE TABLE kpi_targets (
  org_id    text NOT NULL REFERENCES organisations(id),
  kpi_id    uuid NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  due_date  date NOT NULL,
  value     numeric NOT NULL,
  PRIMARY KEY (kpi_id, due_date)
);
CREATE INDEX kpi_targets_org ON kpi_targets (org_id);

-- Driver tree edges: driver_id moves kpi_id, with a weight, or through the variable the parent's
-- formula names it by.
CREATE TABLE kpi_drivers (
  org_id     text NOT NULL REFERENCES organisations(id),
  kpi_id     uuid NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  driver_id  uuid NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  variable   text NOT NULL CHECK (variable ~ '^[a-z_][a-z0-9_]{0,39}$'),
  weight     numeric NOT NULL DEFAULT 1 CHECK (weight >= 0),
  PRIMARY KEY (kpi_id, driver_id),
  UNIQUE (kpi_id, variable),
  CHECK (kpi_id <> driver_id)
);
CREATE INDEX kpi_drivers_org_driver ON kpi_drivers (org_id, driver_id);

-- Initiatives are outputs (an epic, a project); their progress comes from linked work items.
CREATE TABLE initiatives (
  id              uuid PRIMARY KEY,
  org_id          text NOT NULL REFERENCES organisations(id),
  key             text NOT NULL,
  title           text NOT NULL,
  description     text,
  unit_id         uuid REFERENCES units(id),
  cycle_id        uuid REFERENCES cycles(id),
  owner_id        uuid REFERENCES users(id),
  owner_name      text,
  external_system text,
  external_key    text,
  start_date      date,
  due_date        date,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  archived_at     timestamptz,
  UNIQUE (org_id, key),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
);
CREATE INDEX initiatives_org_unit ON initiatives (org_id, unit_id);

-- Cross-team contribution: the from node helps the to node beside its single parent. It explains;
-- it is not rolled up.
CREATE TABLE contribution_links (
  org_id      text NOT NULL REFERENCES organisations(id),
  from_id     uuid NOT NULL,
  to_id       uuid NOT NULL,
  note        text,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, from_id, to_id),
  CHECK (from_id <> to_id)
);
CREATE INDEX contribution_links_to ON contribution_links (org_id, to_id);

-- Impact chain: typed edges from a node at one stage to a node at the same or the next stage,
-- input -> output -> outcome -> impact.
CREATE TABLE impact_links (
  id          uuid PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations(id),
  from_id     uuid NOT NULL,
  from_stage  text NOT NULL CHECK (from_stage IN ('input', 'output', 'outcome', 'impact')),
  to_id       uuid NOT NULL,
  to_stage    text NOT NULL CHECK (to_stage IN ('input', 'output', 'outcome', 'impact')),
  note        text,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, from_id, to_id),
  CHECK (from_id <> to_id)
);
CREATE INDEX impact_links_from ON impact_links (org_id, from_id);
CREATE INDEX impact_links_to ON impact_links (org_id, to_id);

ALTER TABLE check_ins ADD COLUMN author_id uuid REFERENCES users(id);

CREATE TABLE objective_comments (
  id            bigserial PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  objective_id  uuid NOT NULL REFERENCES objectives(id),
  author_id     uuid REFERENCES users(id),
  author        text NOT NULL,
  body          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX objective_comments_org_objective ON objective_comments (org_id, objective_id, created_at);

-- Scores frozen when a cycle closes.
CREATE TABLE cycle_results (
  org_id     text NOT NULL REFERENCES organisations(id),
  cycle_id   uuid NOT NULL REFERENCES cycles(id),
  node_id    uuid NOT NULL,
  node_kind  text NOT NULL,
  progress   numeric NOT NULL,
  raw        numeric,
  status     text NOT NULL,
  current    numeric,
  closed_at  timestamptz NOT NULL,
  PRIMARY KEY (cycle_id, node_id)
);
CREATE INDEX cycle_results_org ON cycle_results (org_id, cycle_id);

-- Every stored version of every definition, so that time travel evaluates a node with the
-- definition that held at the time.
CREATE TABLE definition_history (
  id          bigserial PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations(id),
  entity      text NOT NULL CHECK (entity IN ('unit', 'cycle', 'objective', 'key_result', 'kpi', 'initiative')),
  entity_id   uuid NOT NULL,
  version     integer NOT NULL,
  change      text NOT NULL CHECK (change IN ('created', 'updated', 'archived', 'closed', 'reopened')),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  changed_by  text,
  definition  jsonb NOT NULL,
  UNIQUE (entity_id, version)
);
CREATE INDEX definition_history_org_entity ON definition_history (org_id, entity_id, changed_at);
