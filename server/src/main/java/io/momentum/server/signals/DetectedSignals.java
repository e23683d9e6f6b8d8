package io.momentum.server.signals;

import io.momentum.streams.signals.Finding;
import io.momentum.streams.signals.SignalChange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores the changes the ingest's signal detector found, through {@link SignalStore}, in the
 * transaction of the batch or sweep that found them.
 */
public final class DetectedSignals {

  private static final String SAME_EPISODE = """
      SELECT 1 FROM signals WHERE org_id = $1 AND fingerprint = $2 AND episode = $3 LIMIT 1""";
  private static final String UNRESOLVED = """
      SELECT id FROM signals WHERE org_id = $1 AND fingerprint = $2 AND state <> 'resolved'""";

  private DetectedSignals() {
  }

  /**
   * Applies the changes in order and completes with the signals that changed, to publish after
   * the commit. A raise is skipped when its condition had a signal for the same episode already.
   * An update or resolve is skipped when the condition has no unresolved signal, because a person
   * resolved it.
   */
  public static Future<List<JsonObject>> record(SqlClient transaction, String orgId, List<SignalChange> changes,
                                                Instant now) {
    List<JsonObject> stored = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (SignalChange change : changes) {
      chain = chain.compose(v -> apply(transaction, orgId, change, now)).map(signal -> {
        if (signal != null) {
          stored.add(signal);
        }
        return null;
      });
    }
    return chain.map(stored);
  }

  private static Future<JsonObject> apply(SqlClient transaction, String orgId, SignalChange change, Instant now) {
    if (change instanceof SignalChange.Raise raise) {
      NewSignalOf signal = new NewSignalOf(orgId, raise.finding());
      return transaction.preparedQuery(SAME_EPISODE)
          .execute(Tuple.of(orgId, change.fingerprint(), SignalStore.utc(raise.finding().episode())))
          .compose(rows -> rows.size() > 0 ? Future.succeededFuture(null)
              : SignalStore.raise(transaction, signal.toNewSignal(), now));
    }
    return transaction.preparedQuery(UNRESOLVED).execute(Tuple.of(orgId, change.fingerprint())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      UUID id = rows.iterator().next().getUUID("id");
      if (change instanceof SignalChange.Update update) {
        return SignalStore.update(transaction, id, new NewSignalOf(orgId, update.finding()).toNewSignal(),
            update.reason(), now);
      }
      SignalChange.Resolve resolve = (SignalChange.Resolve) change;
      return SignalStore.act(transaction, orgId, id, SignalStore.Action.RESOLVE, SignalStore.SYSTEM, resolve.reason(),
          null, now);
    });
  }

  /** A finding of the detector in the store's terms. Node and unit ids that are not UUIDs are left out. */
  private record NewSignalOf(String orgId, Finding finding) {

    SignalStore.NewSignal toNewSignal() {
      return new SignalStore.NewSignal(orgId, finding.kind(), finding.fingerprint(), null, finding.episode(),
          uuids(finding.nodeIds()), uuids(finding.unitIds()), finding.severity(), finding.code(), finding.params(),
          finding.explanation(), finding.evidence());
    }

    private static List<UUID> uuids(List<String> ids) {
      List<UUID> result = new ArrayList<>(ids.size());
      for (String id : ids) {
        try {
          result.add(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
          // Every stored node and unit id is a UUID; the simulator's are not, and it stores nothing.
        }
      }
      return result;
    }
  }
}
