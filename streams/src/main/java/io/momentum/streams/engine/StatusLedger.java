package io.momentum.streams.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status last recorded in the system of record for each key result of one organisation, to
 * find the key results whose status moved. Detection is a map lookup per changed node, so it adds
 * little to a batch.
 *
 * <p>Use it in three steps: {@link #detect} the changes, write them in a transaction, then
 * {@link #confirm} them after the commit or {@link #retryLater} them after a failure. A key
 * result whose write failed is compared again by the next {@link #detect}, even when its state
 * does not change again. Not thread-safe: it belongs to the event loop of the organisation's
 * engine.
 */
public final class StatusLedger {

  /** A recorded status and the number of status changes recorded for the key result so far. */
  public record Recorded(Status status, long sequence) {
  }

  private final Map<String, Recorded> recorded;
  private final Set<String> unconfirmed = new LinkedHashSet<>();

  /** Creates a ledger from the recorded statuses by key-result id. */
  public StatusLedger(Map<String, Recorded> recorded) {
    this.recorded = new HashMap<>(recorded);
  }

  /**
   * Returns the key results among {@code changed} (and among those whose earlier write failed)
   * whose status differs from the recorded one, or that have no recorded status yet. Nodes of
   * other kinds are skipped.
   */
  public List<StatusChange> detect(GoalEngine engine, Collection<NodeState> changed, String cause) {
    Map<String, NodeState> candidates = new LinkedHashMap<>();
    for (String id : unconfirmed) {
      engine.node(id).ifPresent(node -> candidates.put(id, node));
    }
    for (NodeState node : changed) {
      candidates.put(node.id(), node);
    }
    List<StatusChange> found = new ArrayList<>();
    for (NodeState node : candidates.values()) {
      if (node.kind() != NodeKind.KEY_RESULT) {
        continue;
      }
      Recorded last = recorded.get(node.id());
      if (last == null) {
        found.add(new StatusChange(node, null, 1, cause));
      } else if (last.status() != node.status()) {
        found.add(new StatusChange(node, last.status(), last.sequence() + 1, cause));
      }
    }
    return found;
  }

  /** Records changes whose write committed. */
  public void confirm(List<StatusChange> changes) {
    for (StatusChange change : changes) {
      recorded.put(change.node().id(), new Recorded(change.to(), change.sequence()));
      unconfirmed.remove(change.node().id());
    }
  }

  /** Marks changes whose write failed, so that the next {@link #detect} compares them again. */
  public void retryLater(List<StatusChange> changes) {
    for (StatusChange change : changes) {
      unconfirmed.add(change.node().id());
    }
  }

  /** Returns the recorded status of a key result, or null when none is recorded. */
  public Recorded recorded(String nodeId) {
    return recorded.get(nodeId);
  }
}
