-- Thresholds and rule severities of the OKR quality checker, one row per organisation. An
-- organisation without a row uses the defaults at version 1; the first change inserts the row.
-- settings holds only what the organisation changed, so new rules and defaults apply to it too.
CREATE TABLE quality_settings (
  org_id      text PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
  version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text
);
