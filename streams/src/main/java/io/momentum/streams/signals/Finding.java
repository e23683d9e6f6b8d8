package io.momentum.streams.signals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A condition the detector found on one node, in the form a signal stores it.
 *
 * @param fingerprint identifies the condition within the organisation, such as {@code
 *     confidence_drop:<node id>}; at most one unresolved signal exists per fingerprint
 * @param episode when the condition began; a signal resolved by a person is not raised again for
 *     the same episode
 * @param nodeIds the node the signal is about first, then the other nodes of its evidence
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param code the explanation's code, which clients word in their language with {@code params}
 * @param explanation the explanation in English, for API clients and logs
 * @param evidence the data points the detector used
 */
public record Finding(String kind, String fingerprint, Instant episode, List<String> nodeIds, List<String> unitIds,
                      String severity, String code, JsonObject params, String explanation, JsonObject evidence) {

  public Finding {
    nodeIds = List.copyOf(nodeIds);
    unitIds = List.copyOf(unitIds);
  }

  /**
   * Returns true when {@code other} describes the condition differently enough to update the
   * stored signal: another severity or other parameters. New evidence alone does not count, so
   * a signal is not rewritten with every event.
   */
  boolean differsFrom(Finding other) {
    return !severity.equals(other.severity) || !params.equals(other.params) || !nodeIds.equals(other.nodeIds);
  }
}
