-- The decision trail: who decided what, when, on which suggestion or signal, with the evidence
-- shown at the time. Rows are only ever inserted; a trigger rejects UPDATE and DELETE, so the trail
-- of an organisation can be read back as it was written.
CREATE TABLE decisions (
  id            bigserial PRIMARY KEY,
  org_id        text NOT NULL REFERENCES organisations(id),
  at            timestamptz NOT NULL,
  -- URN of the person or token (urn:momentum:user:<id>, urn:momentum:token:<id>) or 'system'.
  actor         text NOT NULL,
  actor_name    text,
  -- What was decided about, as a dotted id such as quality.finding or signal.action.
  kind          text NOT NULL,
  subject_type  text,
  subject_id    text,
  decision      text NOT NULL,
  reason        text,
  evidence      jsonb NOT NULL DEFAULT '{}',
  -- The suggestion, draft, signal or brief the decision is about.
  ref           text
);
CREATE INDEX decisions_org_id ON decisions (org_id, id DESC);
CREATE INDEX decisions_org_kind ON decisions (org_id, kind, id DESC);
CREATE INDEX decisions_org_subject ON decisions (org_id, subject_id, id DESC) WHERE subject_id IS NOT NULL;
CREATE INDEX decisions_org_ref ON decisions (org_id, ref, id DESC) WHERE ref IS NOT NULL;

CREATE FUNCTION decisions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the decision trail is append-only: % of decisions rows is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER decisions_append_only
  BEFORE UPDATE OR DELETE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only();
CREATE TRIGGER decisions_no_truncate
  BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only();
