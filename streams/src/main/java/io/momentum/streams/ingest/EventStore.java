package io.momentum.streams.ingest;

import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.signals.SignalChange;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Durable storage of ingested events, implemented over PostgreSQL by the server. All writes of
 * one batch happen in one transaction, so a failed batch leaves nothing behind.
 */
public interface EventStore {

  /**
   * Runs {@code work} in one transaction and commits when its future succeeds; rolls back when it
   * fails.
   */
  <T> Future<T> inTransaction(Function<Transaction, Future<T>> work);

  /** Completes when the store responds to a trivial query, to tell a bad record from an unavailable store. */
  Future<Void> ping();

  /** The writes available inside a transaction. */
  interface Transaction {

    /** Inserts events into the append-only event table and completes with the keys that were new. */
    Future<Set<EventKey>> insertEvents(List<ResolvedEvent> events);

    /**
     * Stores the values of newly inserted events: measurements, check-ins, work items, and the
     * current value of each node whose event was applied.
     */
    Future<Void> writeValues(List<AppliedEvent> events);

    /** Parks records that could not be processed; a record parked before is not parked twice. */
    Future<Void> insertDeadLetters(List<DeadLetter> letters);

    /**
     * Records the new status of each key result and appends a {@code
     * momentum.keyresult.status_changed} change for each {@linkplain StatusChange#announced()
     * announced} one. A change whose sequence number was recorded before, by a retried batch or
     * by another node, is ignored.
     */
    Future<Void> recordStatusChanges(List<StatusChange> changes);

    /**
     * Raises, updates and resolves an organisation's signals as the detector found, each with its
     * recorded action and outbound event. A raise whose condition already has a signal for the
     * same episode (unresolved, or resolved by a person) is skipped, and so are updates and
     * resolves of a condition without an unresolved signal.
     *
     * @return the stored signals that changed, to publish on {@link io.momentum.streams.signals.SignalDetector#address} after the commit
     */
    Future<List<JsonObject>> recordSignals(String orgId, List<SignalChange> changes, Instant now);
  }
}
