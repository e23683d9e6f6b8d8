package io.momentum.streams.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * Share of one member in an {@link Aggregate}: the values the member had when it was last added,
 * so that the engine can take exactly those back out before adding the new ones.
 */
final class Contribution {

  long weight;
  long progress;
  long expected;
  Status status = Status.PENDING;
  boolean noData;
  int confidence = -1;
  Instant updated;

  /** Returns true when every value equals the given ones. */
  boolean same(long weight, long progress, long expected, Status status, boolean noData,
               int confidence, Instant updated) {
    return this.weight == weight && this.progress == progress && this.expected == expected
        && this.status == status && this.noData == noData && this.confidence == confidence
        && Objects.equals(this.updated, updated);
  }

  void set(long weight, long progress, long expected, Status status, boolean noData,
           int confidence, Instant updated) {
    this.weight = weight;
    this.progress = progress;
    this.expected = expected;
    this.status = status;
    this.noData = noData;
    this.confidence = confidence;
    this.updated = updated;
  }
}
