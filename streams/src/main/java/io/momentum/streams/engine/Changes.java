package io.momentum.streams.engine;

import java.util.List;
import java.util.Map;

/**
 * What one engine call changed: the new state of every changed node and unit summary, and for
 * every board that contains one of them its version before and after.
 *
 * @param applied false when the observation was only recorded in history (it was late or a
 *     duplicate value) and nothing visible changed
 */
public record Changes(boolean applied, List<NodeState> nodes, List<UnitSummary> units,
                      Map<BoardRef, VersionRange> boards) {

  /** Board version before ({@code from}) and after ({@code to}) a change. */
  public record VersionRange(long from, long to) {
  }

  /** No visible change. */
  public static Changes none() {
    return new Changes(false, List.of(), List.of(), Map.of());
  }

  /** Returns true when no node or unit summary changed. */
  public boolean isEmpty() {
    return nodes.isEmpty() && units.isEmpty();
  }
}
