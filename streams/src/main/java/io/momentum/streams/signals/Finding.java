package io.momentum.streams.signals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A condition the detector found on one node, in the form a signal stores it. The explanation and
 * evidence are built on first use, because most evaluations find a condition that is already
 * reported and unchanged, and never need them.
 */
public final class Finding {

  /**
   * Parameters left out when deciding whether a stored signal needs an update. The forecast value
   * moves with every new value, while its rounded percentage, also a parameter, moves only with a
   * change worth rewriting the signal for.
   */
  private static final Map<String, Set<String>> VOLATILE_PARAMS = Map.of(SignalRules.OFF_TRACK_FORECAST, Set.of("forecast"));

  private final String kind;
  private final String fingerprint;
  private final Instant episode;
  private final List<String> nodeIds;
  private final List<String> unitIds;
  private final String severity;
  private final String code;
  private final JsonObject params;
  private Supplier<String> explanationSource;
  private Supplier<JsonObject> evidenceSource;
  private String explanation;
  private JsonObject evidence;

  /**
   * Creates a finding.
   *
   * @param fingerprint identifies the condition within the organisation, such as {@code
   *     confidence_drop:<node id>}; at most one unresolved signal exists per fingerprint
   * @param episode when the condition began; a signal resolved by a person is not raised again
   *     for the same episode
   * @param nodeIds the node the signal is about first, then the other nodes of its evidence
   * @param severity {@code info}, {@code warning} or {@code critical}
   * @param code the explanation's code, which clients word in their language with {@code params}
   * @param explanation builds the explanation in English, for API clients and logs
   * @param evidence builds the data points the detector used
   */
  public Finding(String kind, String fingerprint, Instant episode, List<String> nodeIds, List<String> unitIds,
                 String severity, String code, JsonObject params, Supplier<String> explanation,
                 Supplier<JsonObject> evidence) {
    this.kind = kind;
    this.fingerprint = fingerprint;
    this.episode = episode;
    this.nodeIds = List.copyOf(nodeIds);
    this.unitIds = List.copyOf(unitIds);
    this.severity = severity;
    this.code = code;
    this.params = params;
    this.explanationSource = explanation;
    this.evidenceSource = evidence;
  }

  public String kind() {
    return kind;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public Instant episode() {
    return episode;
  }

  public List<String> nodeIds() {
    return nodeIds;
  }

  public List<String> unitIds() {
    return unitIds;
  }

  public String severity() {
    return severity;
  }

  public String code() {
    return code;
  }

  public JsonObject params() {
    return params;
  }

  /** Returns the explanation in English, building it on the first call. */
  public String explanation() {
    if (explanation == null) {
      explanation = explanationSource.get();
      explanationSource = null;
    }
    return explanation;
  }

  /** Returns the evidence, building it on the first call. */
  public JsonObject evidence() {
    if (evidence == null) {
      evidence = evidenceSource.get();
      evidenceSource = null;
    }
    return evidence;
  }

  /**
   * Returns true when this finding describes its condition differently from the stored signal's
   * {@code severity} and {@code storedParams}, so the signal needs an update. New evidence alone
   * does not count, so a signal is not rewritten with every event.
   */
  boolean differsFrom(String storedSeverity, JsonObject storedParams) {
    if (!severity.equals(storedSeverity)) {
      return true;
    }
    Set<String> ignored = VOLATILE_PARAMS.getOrDefault(kind, Set.of());
    if (ignored.isEmpty()) {
      return !params.equals(storedParams);
    }
    if (storedParams == null) {
      return true;
    }
    for (String name : params.fieldNames()) {
      if (!ignored.contains(name) && !java.util.Objects.equals(params.getValue(name), storedParams.getValue(name))) {
        return true;
      }
    }
    for (String name : storedParams.fieldNames()) {
      if (!ignored.contains(name) && !params.containsKey(name)) {
        return true;
      }
    }
    return false;
  }
}
