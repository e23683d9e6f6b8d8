package io.momentum.streams.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/** Meters of the ingest pipeline, published on {@code /metrics}. */
public final class IngestMetrics {

  private final Counter applied;
  private final Counter late;
  private final Counter duplicates;
  private final Counter deadLetters;
  private final Counter batchFailures;
  private final Timer rollup;
  private final Timer batch;
  private final Timer signals;
  private final AtomicLong lag = new AtomicLong();

  public IngestMetrics(MeterRegistry registry) {
    applied = outcome(registry, "applied");
    late = outcome(registry, "late");
    duplicates = outcome(registry, "duplicate");
    deadLetters = outcome(registry, "dead_letter");
    batchFailures = Counter.builder("momentum.ingest.batch.failures")
        .description("Batches whose storage failed and were retried").register(registry);
    rollup = Timer.builder("momentum.rollup.latency")
        .description("Time the engine takes to apply one event and roll it up")
        .publishPercentiles(0.5, 0.99).register(registry);
    signals = Timer.builder("momentum.signals.detection.latency")
        .description("Time the signal detector takes to evaluate the nodes one batch touched in one organisation")
        .publishPercentiles(0.5, 0.99).register(registry);
    batch = Timer.builder("momentum.ingest.batch.latency")
        .description("Time from polling a batch to committing its offsets")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder("momentum.consumer.lag", lag, AtomicLong::get)
        .description("Records in the inbound topics that this node has not consumed yet")
        .baseUnit("records").register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("momentum.events.ingested")
        .description("Events consumed from Kafka, by outcome")
        .tag("outcome", outcome).register(registry);
  }

  void applied(int n) { applied.increment(n); }
  void late(int n) { late.increment(n); }
  void duplicates(int n) { duplicates.increment(n); }
  void deadLetters(int n) { deadLetters.increment(n); }
  void batchFailed() { batchFailures.increment(); }
  Timer rollup() { return rollup; }
  Timer batch() { return batch; }
  Timer signals() { return signals; }
  void lag(long records) { lag.set(records); }
}
