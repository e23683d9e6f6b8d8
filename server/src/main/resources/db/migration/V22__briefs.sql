-- Review briefs: weekly team, monthly portfolio and quarterly strategy briefs, generated on
-- demand or by a schedule, and the schedules themselves.

-- One generated brief. content contains the sections of sentences with their links and the
-- numbers each sentence shows (see the Briefs page of the docs); it never changes once written.
CREATE TABLE briefs (
  id            uuid PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  kind          text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
  unit_id       uuid NOT NULL REFERENCES units(id),
  cycle_id      uuid NOT NULL REFERENCES cycles(id),
  language      text NOT NULL CHECK (language IN ('en', 'de')),
  as_of         timestamptz NOT NULL,
  period_start  timestamptz NOT NULL,
  title         text NOT NULL,
  content       jsonb NOT NULL,
  trigger       text NOT NULL CHECK (trigger IN ('request', 'schedule')),
  schedule_id   uuid,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Lists of an organisation's briefs, newest first, optionally of one unit.
CREATE INDEX briefs_org_created ON briefs (org_id, created_at DESC, id DESC);
CREATE INDEX briefs_org_unit_created ON briefs (org_id, unit_id, created_at DESC, id DESC);

-- A brief generated for a unit at a local time of day on a weekday (weekly), day of month
-- (monthly) or first day of each quarter (quarterly), in the schedule's IANA time zone.
-- next_run_at is the instant of the next run; the scheduler moves it on in the transaction that
-- claims the run, so one run happens per schedule and instant across the cluster.
CREATE TABLE brief_schedules (
  id            uuid PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  unit_id       uuid NOT NULL REFERENCES units(id),
  kind          text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
  language      text NOT NULL CHECK (language IN ('en', 'de')),
  day_of_week   smallint CHECK (day_of_week BETWEEN 1 AND 7),
  day_of_month  smallint CHECK (day_of_month BETWEEN 1 AND 28),
  time_of_day   time NOT NULL,
  time_zone     text NOT NULL,
  enabled       boolean NOT NULL DEFAULT true,
  next_run_at   timestamptz NOT NULL,
  last_run_at   timestamptz,
  last_brief_id uuid,
  last_error    text,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, unit_id, kind)
);

CREATE INDEX brief_schedules_due ON brief_schedules (next_run_at) WHERE enabled;
