package io.momentum.streams.event;

import java.util.List;

/** Kafka topics Momentum reads and writes. Records are keyed by organisation id. */
public final class Topics {

  /** Check-ins and key-result values. */
  public static final String PROGRESS = "momentum.progress";
  /** KPI measurements. */
  public static final String MEASUREMENTS = "momentum.measurements";
  /** Normalised work-item events. */
  public static final String WORK = "momentum.work";

  /**
   * Outbound changes as CloudEvents (key-result status changes, check-ins, signals, cycle
   * events) for other systems and the outbound webhooks; the ingest pipeline does not read it.
   */
  public static final String CHANGES = "momentum.changes";

  /** Every topic the ingest pipeline consumes. */
  public static final List<String> INBOUND = List.of(PROGRESS, MEASUREMENTS, WORK);

  private Topics() {
  }
}
