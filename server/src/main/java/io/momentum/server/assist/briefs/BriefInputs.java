package io.momentum.server.assist.briefs;

import io.momentum.streams.engine.GoalEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a brief is written from, read before composing so that composing is a pure function.
 *
 * @param basis {@code live} when the state at {@code asOf} is the cluster's live state, or
 *     {@code history} when it was evaluated by time travel (a brief as of a past instant)
 * @param units the brief's unit first, then its sub-units in tree order (only the unit for a weekly brief)
 * @param now the objectives of the cycle in those units and their key results, as board node JSON at {@code asOf}
 * @param past node JSON by node id at earlier instants: {@code periodStart} and, for a quarterly
 *     brief, the monthly checkpoints; a node missing at an instant did not exist then
 * @param checkIns check-ins of the key results observed after {@code periodStart} and up to {@code asOf}, newest first
 * @param signals signals about the nodes or units that were unresolved at {@code asOf}
 * @param staleAfterDays the organisation's stale limit: days without a check-in or value after
 *     which the engine flags a key result as stale
 */
public record BriefInputs(BriefKind kind, String orgId, Instant asOf, Instant periodStart, String basis, Cycle cycle,
                          List<Unit> units, List<JsonObject> now, Map<Instant, Map<String, JsonObject>> past,
                          List<CheckIn> checkIns, List<Signal> signals, int staleAfterDays) {

  /** Creates inputs of an organisation with the engine's default stale limit. */
  public BriefInputs(BriefKind kind, String orgId, Instant asOf, Instant periodStart, String basis, Cycle cycle,
                     List<Unit> units, List<JsonObject> now, Map<Instant, Map<String, JsonObject>> past,
                     List<CheckIn> checkIns, List<Signal> signals) {
    this(kind, orgId, asOf, periodStart, basis, cycle, units, now, past, checkIns, signals, GoalEngine.DEFAULT_STALE_AFTER_DAYS);
  }

  /** A cycle of the organisation. */
  public record Cycle(String id, String name, String kind, LocalDate start, LocalDate end) {
  }

  /** A unit of the organisation; {@code depth} is 0 for the brief's unit. */
  public record Unit(String id, String name, String kind, String parentId, int depth) {
  }

  /**
   * A check-in of a key result; {@code blockers} and {@code note} are null when the person wrote
   * none. {@code source} is the event source that sent it.
   */
  public record CheckIn(long id, String keyResultId, BigDecimal value, Integer confidence, String note, String blockers,
                        String author, String source, Instant observedAt) {

    /** Source prefix of check-ins sent through the check-in form with an API token, whose author is the token's name. */
    static final String TOKEN_SOURCE = "urn:momentum:token:";

    /**
     * Returns true when {@code author} names a person: a check-in sent with an API token records
     * the token's name as its author, and some check-ins name nobody.
     */
    public boolean byPerson() {
      return author != null && !author.isBlank() && (source == null || !source.startsWith(TOKEN_SOURCE));
    }
  }

  /**
   * An unresolved signal. {@code state} is its current state (open, acknowledged or snoozed).
   * {@code nodeIds} starts with the node the signal is about, its subject; a dependency signal
   * lists the linked nodes that are off track after it. {@code subjectTitle} and
   * {@code subjectKind} come from the signal's parameters and may be null. A dependency signal also
   * has {@code relation} ("depends_on" when the subject relies on the first off-track node,
   * "contributes_to" when it contributes to it), {@code otherTitle} and {@code otherKind} of that node.
   */
  public record Signal(String id, String kind, String severity, String state, List<String> nodeIds,
                       List<String> unitIds, Instant raisedAt, String subjectTitle, String subjectKind,
                       String relation, String otherTitle, String otherKind) {

    /** A signal without the parameters of a dependency. */
    public Signal(String id, String kind, String severity, String state, List<String> nodeIds,
                  List<String> unitIds, Instant raisedAt, String subjectTitle, String subjectKind) {
      this(id, kind, severity, state, nodeIds, unitIds, raisedAt, subjectTitle, subjectKind, null, null, null);
    }

    /** Returns the id of the node the signal is about, or null for a signal about units only. */
    public String subjectId() {
      return nodeIds.isEmpty() ? null : nodeIds.get(0);
    }
  }

  /** Returns the brief's unit. */
  public Unit unit() {
    return units.get(0);
  }

  /** Returns the objectives at {@code asOf}, in the order of {@link #now}. */
  public List<JsonObject> objectives() {
    return ofKind("objective");
  }

  /** Returns the key results at {@code asOf}, in the order of {@link #now}. */
  public List<JsonObject> keyResults() {
    return ofKind("key_result");
  }

  private List<JsonObject> ofKind(String kind) {
    List<JsonObject> nodes = new ArrayList<>();
    for (JsonObject node : now) {
      if (kind.equals(node.getString("kind"))) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  /** Returns the inputs as evidence JSON: what was read, without the node states themselves. */
  public JsonObject evidence() {
    JsonArray unitIds = new JsonArray();
    units.forEach(u -> unitIds.add(u.id()));
    JsonArray checkInIds = new JsonArray();
    checkIns.forEach(c -> checkInIds.add(c.id()));
    JsonArray signalIds = new JsonArray();
    signals.forEach(s -> signalIds.add(s.id()));
    JsonArray instants = new JsonArray();
    past.keySet().stream().sorted().forEach(at -> instants.add(at.toString()));
    return new JsonObject()
        .put("kind", kind.wire())
        .put("asOf", asOf.toString())
        .put("periodStart", periodStart.toString())
        .put("basis", basis)
        .put("cycleId", cycle.id())
        .put("unitIds", unitIds)
        .put("nodeCount", now.size())
        .put("pastInstants", instants)
        .put("checkInIds", checkInIds)
        .put("signalIds", signalIds)
        .put("staleAfterDays", staleAfterDays);
  }
}
