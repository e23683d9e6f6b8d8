package io.momentum.server.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** Meters of the live WebSocket, shared by every HTTP verticle instance of the node. */
public final class LiveMetrics {

  private final AtomicInteger sockets = new AtomicInteger();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Counter deltas;
  private final Counter snapshots;
  private final Counter resumes;

  public LiveMetrics(MeterRegistry registry) {
    Gauge.builder("momentum.live.sockets", sockets, AtomicInteger::get)
        .description("Open live WebSocket connections").register(registry);
    Gauge.builder("momentum.live.subscriptions", subscriptions, AtomicInteger::get)
        .description("Board subscriptions over all open sockets").register(registry);
    deltas = Counter.builder("momentum.live.messages").tag("type", "delta")
        .description("Live messages sent, by type").register(registry);
    snapshots = Counter.builder("momentum.live.messages").tag("type", "snapshot")
        .description("Live messages sent, by type").register(registry);
    resumes = Counter.builder("momentum.live.resumes")
        .description("Subscriptions resumed from a version without a snapshot").register(registry);
  }

  AtomicInteger sockets() {
    return sockets;
  }

  AtomicInteger subscriptions() {
    return subscriptions;
  }

  void deltaSent() {
    deltas.increment();
  }

  void snapshotSent() {
    snapshots.increment();
  }

  void resumed() {
    resumes.increment();
  }
}
