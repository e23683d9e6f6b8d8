package io.momentum.server.signals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source found quiet for longer than its expected interval, and the signal that reports it. The
 * signal carries the explanation as a code with parameters (which clients word in their language)
 * and as an English sentence, and the evidence the detector saw.
 *
 * @param expectedSeconds the expected interval in effect
 * @param intervalSet true when a person set the interval, false when it was learned
 * @param nodesFed the nodes the source fed lately: {@code id, key, kind, title, unitId}
 */
record StaleSource(String source, String label, String kind, Instant lastSeen, Instant lastEventTime, long eventCount,
                   long expectedSeconds, boolean intervalSet, JsonArray nodesFed, Instant checkedAt) {

  /** Code of the explanation, which clients translate with {@link #params}. */
  static final String CODE = "stale_source";
  /** A source quiet for more than this many expected intervals makes its signal critical. */
  static final int CRITICAL_FACTOR = 3;

  /** Returns {@code critical} once the source is quiet for more than {@link #CRITICAL_FACTOR} intervals, else {@code warning}. */
  String severity() {
    return quietSeconds() > CRITICAL_FACTOR * expectedSeconds ? "critical" : "warning";
  }

  long quietSeconds() {
    return Duration.between(lastSeen, checkedAt).toSeconds();
  }

  JsonObject params() {
    return new JsonObject()
        .put("source", source)
        .put("label", label)
        .put("lastSeen", lastSeen.toString())
        .put("quietSeconds", quietSeconds())
        .put("expectedSeconds", expectedSeconds)
        .put("intervalOrigin", intervalSet ? "set" : "learned")
        .put("nodeCount", nodesFed.size());
  }

  JsonObject evidence() {
    return new JsonObject()
        .put("source", source)
        .put("label", label)
        .put("sourceKind", kind)
        .put("lastSeen", lastSeen.toString())
        .put("lastEventTime", lastEventTime.toString())
        .put("eventCount", eventCount)
        .put("expectedSeconds", expectedSeconds)
        .put("intervalOrigin", intervalSet ? "set" : "learned")
        .put("quietSeconds", quietSeconds())
        .put("checkedAt", checkedAt.toString())
        .put("nodesFed", nodesFed.copy());
  }

  String explanation() {
    String origin = intervalSet ? "set by a person" : "learned from its recent arrivals";
    String nodes = nodesFed.size() == 1 ? "1 node" : nodesFed.size() + " nodes";
    return label + " has sent no value since " + lastSeen + ": it has been quiet for " + duration(quietSeconds())
        + ", longer than its expected interval of " + duration(expectedSeconds) + " (" + origin + "). It fed "
        + nodes + " lately, whose values may be out of date.";
  }

  SignalStore.NewSignal toSignal(String orgId, List<UUID> nodeIds, List<UUID> unitIds) {
    return new SignalStore.NewSignal(orgId, StaleSourceDetector.KIND, StaleSourceDetector.KIND + ":" + source, source,
        lastSeen, nodeIds, unitIds, severity(), CODE, params(), explanation(), evidence());
  }

  /** Formats seconds as days, hours and minutes, such as "1 d 4 h" or "45 min". */
  static String duration(long seconds) {
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    return Math.max(1, minutes) + " min";
  }
}
