-- Sources of outbound changes.
--
-- key_result_status contains the status last recorded for each key result, so the ingest
-- pipeline can tell when a status moved. That includes a move while no node was running, because
-- an engine rebuilt after a restart compares its states with these rows. The sequence counts the
-- recorded changes of a key result and makes the id of each outbound event deterministic, so a
-- change written twice (a retried batch, two nodes during a rebalance) is sent once.

CREATE TABLE key_result_status (
  org_id      text NOT NULL REFERENCES organisations(id),
  node_id     uuid NOT NULL,
  status      text NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track', 'pending', 'closed')),
  sequence    bigint NOT NULL CHECK (sequence > 0),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, node_id)
);

-- Wakes the change relay of every node when outbox rows commit. PostgreSQL delivers a
-- notification only after its transaction commits, and delivers identical notifications of one
-- transaction once (PostgreSQL documentation of NOTIFY), so a batch costs a single notification.
CREATE FUNCTION notify_change_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('momentum_changes', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER change_outbox_notify AFTER INSERT ON change_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change_outbox();

-- The relay deletes published rows after the retention period, oldest first.
CREATE INDEX change_outbox_published ON change_outbox (published_at) WHERE published_at IS NOT NULL;
