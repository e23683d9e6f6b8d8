package io.momentum.server.changes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** Meters of the change relay, published on {@code /metrics}. */
public final class RelayMetrics {

  private final Counter published;
  private final Counter failures;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();

  public RelayMetrics(MeterRegistry registry) {
    published = Counter.builder("momentum.changes.published")
        .description("Changes published to the momentum.changes topic and acknowledged by the broker")
        .register(registry);
    failures = Counter.builder("momentum.changes.publish.failures")
        .description("Relay passes that could not publish every change they read, and were retried")
        .register(registry);
    Gauge.builder("momentum.changes.backlog", backlog, AtomicLong::get)
        .description("Changes committed to the outbox and not yet published")
        .baseUnit("changes").register(registry);
    Gauge.builder("momentum.changes.oldest.unpublished.age", oldestAgeSeconds, AtomicLong::get)
        .description("Age of the oldest change not yet published; 0 when none is waiting")
        .baseUnit("seconds").register(registry);
  }

  void published(int count) {
    published.increment(count);
  }

  void failed() {
    failures.increment();
  }

  void backlog(long changes, long oldestAgeSeconds) {
    backlog.set(changes);
    this.oldestAgeSeconds.set(oldestAgeSeconds);
  }

  /** Returns the backlog measured last. */
  public long backlog() {
    return backlog.get();
  }
}
