package io.momentum.streams.engine;

import java.util.List;
import java.util.Map;

/**
 * What one engine call changed: the new state of every changed node and unit summary, and for
 * every board that contains one of them its version before and after.
 *
 * @param applied false when the observation was only recorded in history (it was late or a
 *     duplicate value, or it was sent to a KPI that its formula computes) and nothing visible
 *     changed
 * @param removed ids of nodes that were removed; they are on no board any more
 * @param rejection why an observation was not applied although it was on time, such as a
 *     measurement sent to a KPI that its formula computes; null otherwise. The ingest logs it.
 */
public record Changes(boolean applied, List<NodeState> nodes, List<UnitSummary> units,
                      Map<BoardRef, VersionRange> boards, List<String> removed,
                      String rejection) {

  public Changes {
    removed = removed == null ? List.of() : List.copyOf(removed);
  }

  /** Changes without removed nodes and without a rejection. */
  public Changes(boolean applied, List<NodeState> nodes, List<UnitSummary> units,
                 Map<BoardRef, VersionRange> boards) {
    this(applied, nodes, units, boards, List.of(), null);
  }

  /** Board version before ({@code from}) and after ({@code to}) a change. */
  public record VersionRange(long from, long to) {
  }

  /** No visible change. */
  public static Changes none() {
    return new Changes(false, List.of(), List.of(), Map.of());
  }

  /** Returns true when no node or unit summary changed and no node was removed. */
  public boolean isEmpty() {
    return nodes.isEmpty() && units.isEmpty() && removed.isEmpty();
  }
}
