-- Thresholds of the signal detection per organisation (see docs/signals.md). The ingest reads
-- them when it builds the organisation's engine.
ALTER TABLE organisations
  ADD COLUMN signal_stall_check_ins smallint NOT NULL DEFAULT 3
    CHECK (signal_stall_check_ins BETWEEN 2 AND 20),
  ADD COLUMN signal_confidence_drop smallint NOT NULL DEFAULT 3
    CHECK (signal_confidence_drop BETWEEN 1 AND 10),
  ADD COLUMN signal_anomaly_z numeric(4, 2) NOT NULL DEFAULT 3.5
    CHECK (signal_anomaly_z BETWEEN 2 AND 10),
  ADD COLUMN signal_check_in_grace_days smallint NOT NULL DEFAULT 2
    CHECK (signal_check_in_grace_days BETWEEN 0 AND 30);

-- The detector skips a raise when its condition already had a signal for the same episode, such
-- as one a person resolved while the condition still held.
CREATE INDEX signals_org_fingerprint_episode ON signals (org_id, fingerprint, episode);
