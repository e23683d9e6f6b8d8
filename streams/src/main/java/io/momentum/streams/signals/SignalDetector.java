package io.momentum.streams.signals;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects the signals of one organisation incrementally. The ingest feeds it every applied
 * observation, then calls {@link #evaluate} for the nodes a batch touched, and periodically
 * {@link #sweep} for every node for the conditions that time alone brings about (a missed check-in,
 * a shorter lead time). It keeps a small history per node ({@link NodeTrack}) and the conditions
 * it reported last, and returns only the differences: signals to raise, update or resolve.
 *
 * <p>Use it in two steps, as the status ledger is used: evaluate, write the changes in a
 * transaction, then {@link #confirm} them after the commit. Unconfirmed changes are found again by
 * the next evaluation of the same nodes. Not thread-safe: it belongs to the event loop of the
 * organisation's engine, and is rebuilt with it from stored data.
 */
public final class SignalDetector {

  /**
   * Kinds whose condition follows streamed values or check-ins and can clear and return within
   * minutes. Such a signal resolves only once its condition stayed clear for the settle time, so a
   * value or a confidence wavering around a threshold does not raise and resolve it again and again.
   */
  static final Set<String> SETTLING_KINDS = Set.of(SignalRules.OFF_TRACK_FORECAST, SignalRules.KPI_OUT_OF_CORRIDOR,
      SignalRules.KPI_ANOMALY, SignalRules.DEPENDENCY_AT_RISK, SignalRules.CONFIDENCE_DROP);
  /** Settle time of a detector created without one. */
  public static final Duration DEFAULT_SETTLE_TIME = Duration.ofMinutes(15);

  /** Kinds of the signals this detector raises. */
  public static final List<String> KINDS = List.of(SignalRules.OFF_TRACK_FORECAST, SignalRules.STALLED_DESPITE_EFFORT,
      SignalRules.MISSED_CHECK_IN, SignalRules.CONFIDENCE_DROP, SignalRules.KPI_OUT_OF_CORRIDOR, SignalRules.KPI_ANOMALY,
      SignalRules.DEPENDENCY_AT_RISK);

  private SignalSettings settings;
  private final Duration settleTime;
  private final Map<String, NodeTrack> tracks = new HashMap<>();
  private final Map<String, CycleDef> cycles = new HashMap<>();
  /** Initiatives whose work each key result follows, by key-result id. */
  private final Map<String, List<String>> workFrom = new HashMap<>();
  /** Creation time of each key result, from which missed check-ins count when later than its cycle's start. */
  private final Map<String, Instant> createdAt = new HashMap<>();
  /** Key results following each initiative's work, by initiative id: the reverse of {@link #workFrom}. */
  private final Map<String, Set<String>> followers = new HashMap<>();
  /** Links into each node (the nodes it depends on) and out of it (the nodes it contributes to). */
  private final Map<String, List<SignalLink>> linksTo = new HashMap<>();
  private final Map<String, List<SignalLink>> linksFrom = new HashMap<>();
  /** The conditions reported to the store, by node id and then by kind. */
  private final Map<String, Map<String, SignalRules.Reported>> reported = new HashMap<>();
  // When a reported condition of a kind in SETTLING_KINDS was first seen cleared, by fingerprint.
  private final Map<String, Instant> clearedSince = new HashMap<>();
  private final Set<String> touched = new LinkedHashSet<>();
  /**
   * Whether the thresholds changed since the last evaluation, which then evaluates every node, and
   * the nodes whose links changed since then. A condition of these nodes that cleared because of
   * the change resolves without waiting for the settle time, because no wavering value cleared it.
   */
  private boolean settingsChanged;
  private final Set<String> relinked = new HashSet<>();

  /** Creates a detector with the {@link #DEFAULT_SETTLE_TIME}. */
  public SignalDetector(SignalSettings settings, List<SignalLink> links, List<ActiveSignal> active) {
    this(settings, links, active, DEFAULT_SETTLE_TIME);
  }

  /**
   * Creates a detector.
   *
   * @param links the organisation's contribution and impact links
   * @param active the unresolved signals of the detector's kinds as stored, so a rebuilt detector
   *     updates or resolves them rather than raising them again
   * @param settleTime how long the condition of a settling kind (a forecast, KPI, dependency or
   *     confidence signal) must stay clear before the signal resolves, zero or more
   * @throws IllegalArgumentException when {@code settleTime} is negative
   */
  public SignalDetector(SignalSettings settings, List<SignalLink> links, List<ActiveSignal> active, Duration settleTime) {
    if (settleTime.isNegative()) {
      throw new IllegalArgumentException("The signal settle time must be zero or more, not " + settleTime);
    }
    this.settings = settings;
    this.settleTime = settleTime;
    index(links);
    for (ActiveSignal signal : active) {
      remember(nodeOf(signal.fingerprint(), signal.kind()), new SignalRules.Reported(signal.kind(), signal.severity(), signal.params()));
    }
  }

  /** Returns the clustered event-bus address where an organisation's signal changes are published. */
  public static String address(String orgId) {
    return "momentum.signals." + orgId;
  }

  public SignalSettings settings() {
    return settings;
  }

  /** Returns how long a settling condition must stay clear before its signal resolves. */
  public Duration settleTime() {
    return settleTime;
  }

  /**
   * Replaces the thresholds. The next {@link #evaluate} then evaluates every node, as {@link
   * #sweep} does, so signals follow the new thresholds at once.
   *
   * @return false when the thresholds are the ones in use, which changes nothing
   */
  public boolean changeSettings(SignalSettings changed) {
    if (changed.equals(settings)) {
      return false;
    }
    settings = changed;
    settingsChanged = true;
    return true;
  }

  /**
   * Replaces the organisation's contribution and impact links with {@code links}, its complete
   * current set. The next {@link #evaluate} evaluates both ends of every link added or removed,
   * and the nodes whose rules read them.
   *
   * @return the number of links added or removed
   */
  public int replaceLinks(List<SignalLink> links) {
    Set<SignalLink> before = new HashSet<>();
    linksFrom.values().forEach(before::addAll);
    Set<SignalLink> after = new HashSet<>(links);
    Set<SignalLink> differing = new HashSet<>(before);
    differing.addAll(after);
    differing.removeIf(link -> before.contains(link) && after.contains(link));
    for (SignalLink link : differing) {
      touched.add(link.fromId());
      touched.add(link.toId());
      relinked.add(link.fromId());
      relinked.add(link.toId());
    }
    if (!differing.isEmpty()) {
      linksTo.clear();
      linksFrom.clear();
      index(after);
    }
    return differing.size();
  }

  private void index(Collection<SignalLink> links) {
    for (SignalLink link : links) {
      linksTo.computeIfAbsent(link.toId(), id -> new ArrayList<>()).add(link);
      linksFrom.computeIfAbsent(link.fromId(), id -> new ArrayList<>()).add(link);
    }
  }

  /** Notes a cycle's dates, which the forecast and check-in rules read. */
  public void defineCycle(CycleDef cycle) {
    cycles.put(cycle.id(), cycle);
  }

  /**
   * Notes the initiatives a key result follows and when it was created; other definition fields
   * come from the engine's state.
   */
  public void defineNode(NodeDef node) {
    unfollow(node.id());
    if (node.createdAt() != null) {
      createdAt.put(node.id(), node.createdAt());
    }
    if (!node.workFrom().isEmpty()) {
      workFrom.put(node.id(), List.copyOf(node.workFrom()));
      for (String initiative : node.workFrom()) {
        followers.computeIfAbsent(initiative, id -> new LinkedHashSet<>()).add(node.id());
      }
    }
    touched.add(node.id());
  }

  private void unfollow(String keyResultId) {
    List<String> followed = workFrom.remove(keyResultId);
    if (followed != null) {
      for (String initiative : followed) {
        Set<String> keyResults = followers.get(initiative);
        if (keyResults != null && keyResults.remove(keyResultId) && keyResults.isEmpty()) {
          followers.remove(initiative);
        }
      }
    }
  }

  /** Forgets a removed node's history; its signals resolve at the next evaluation. */
  public void removeNode(String nodeId) {
    tracks.remove(nodeId);
    createdAt.remove(nodeId);
    unfollow(nodeId);
    touched.add(nodeId);
  }

  /**
   * Adds an observation to its node's history, whether or not the engine applied it.
   *
   * @param eventId the event's id, shown in evidence; null when replayed from storage
   */
  public void observe(Observation observation, String eventId) {
    tracks.computeIfAbsent(observation.nodeId(), id -> new NodeTrack()).add(observation, eventId);
    touched.add(observation.nodeId());
  }

  /**
   * Evaluates the nodes observed or defined since the last evaluation, and the nodes whose rules
   * read them or a {@code changed} node (key results following an initiative's work, nodes
   * linked to it), and returns how the signals must change. A changed node that was not observed
   * is not evaluated itself: its own conditions depend only on its own history, and the changes
   * of its state that time brings are left to {@link #sweep}.
   */
  public List<SignalChange> evaluate(GoalEngine engine, Collection<NodeState> changed, Instant now) {
    if (settingsChanged) {
      return sweep(engine, now);
    }
    Set<String> all = new LinkedHashSet<>(touched);
    for (String id : touched) {
      addReaders(id, all);
    }
    touched.clear();
    for (NodeState node : changed) {
      addReaders(node.id(), all);
    }
    return evaluateNodes(engine, all, now);
  }

  /** Evaluates every node of the engine and every reported condition, as after a rebuild or as time passes. */
  public List<SignalChange> sweep(GoalEngine engine, Instant now) {
    touched.clear();
    Set<String> all = new LinkedHashSet<>();
    for (NodeState node : engine.nodes()) {
      all.add(node.id());
    }
    all.addAll(reported.keySet());
    return evaluateNodes(engine, all, now);
  }

  private List<SignalChange> evaluateNodes(GoalEngine engine, Set<String> ids, Instant now) {
    List<SignalChange> changes = new ArrayList<>();
    for (String id : ids) {
      evaluateNode(engine, id, now, changes);
    }
    settingsChanged = false;
    relinked.clear();
    return changes;
  }

  /** Records changes whose write committed, so later evaluations compare with them. */
  public void confirm(List<SignalChange> changes) {
    for (SignalChange change : changes) {
      if (change instanceof SignalChange.Raise raise) {
        remember(raise.finding().nodeIds().get(0), reported(raise.finding()));
      } else if (change instanceof SignalChange.Update update) {
        remember(update.finding().nodeIds().get(0), reported(update.finding()));
      } else if (change instanceof SignalChange.Resolve resolve) {
        String nodeId = nodeOf(resolve.fingerprint(), resolve.kind());
        Map<String, SignalRules.Reported> kinds = reported.get(nodeId);
        if (kinds != null && kinds.remove(resolve.kind()) != null && kinds.isEmpty()) {
          reported.remove(nodeId);
        }
      }
    }
  }

  private void remember(String nodeId, SignalRules.Reported condition) {
    reported.computeIfAbsent(nodeId, id -> new HashMap<>(4)).put(condition.kind(), condition);
  }

  /** Returns the node id of a fingerprint, which is {@code <kind>:<node id>}. */
  private static String nodeOf(String fingerprint, String kind) {
    return fingerprint.substring(kind.length() + 1);
  }

  /** Returns the kinds of the conditions reported for a node, for tests and diagnostics. */
  public Set<String> reportedKinds(String nodeId) {
    Set<String> kinds = new LinkedHashSet<>();
    Map<String, SignalRules.Reported> known = reported.getOrDefault(nodeId, Map.of());
    for (String kind : KINDS) {
      if (known.containsKey(kind)) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  private static SignalRules.Reported reported(Finding finding) {
    return new SignalRules.Reported(finding.kind(), finding.severity(), finding.params());
  }

  /** Adds the nodes whose rules read node {@code id}: followers of its work and nodes linked to it. */
  private void addReaders(String id, Set<String> readers) {
    readers.addAll(followers.getOrDefault(id, Set.of()));
    for (SignalLink link : linksFrom.getOrDefault(id, List.of())) {
      readers.add(link.toId());
    }
    for (SignalLink link : linksTo.getOrDefault(id, List.of())) {
      readers.add(link.fromId());
    }
  }

  private void evaluateNode(GoalEngine engine, String id, Instant now, List<SignalChange> changes) {
    NodeState node = engine.node(id).orElse(null);
    Map<String, SignalRules.Reported> known = reported.getOrDefault(id, Map.of());
    if (node == null) {
      for (SignalRules.Reported last : List.copyOf(known.values())) {
        changes.add(new SignalChange.Resolve(SignalRules.fingerprint(last.kind(), id), last.kind(), clearedReason(last.kind(), null)));
      }
      return;
    }
    NodeTrack track = tracks.getOrDefault(id, EMPTY);
    if (node.kind() == NodeKind.KEY_RESULT) {
      CycleDef cycle = node.cycleId() == null ? null : cycles.get(node.cycleId());
      compare(node, known, SignalRules.OFF_TRACK_FORECAST, SignalRules.offTrackForecast(node, track, cycle, now,
          known.get(SignalRules.OFF_TRACK_FORECAST)), now, changes);
      compare(node, known, SignalRules.STALLED_DESPITE_EFFORT,
          SignalRules.stalledDespiteEffort(node, track, () -> linkedWork(engine, node), settings), now, changes);
      compare(node, known, SignalRules.MISSED_CHECK_IN,
          SignalRules.missedCheckIn(node, track, cycle, createdAt.get(id), settings, now), now, changes);
      compare(node, known, SignalRules.CONFIDENCE_DROP, SignalRules.confidenceDrop(node, track, settings), now, changes);
    } else if (node.kind() == NodeKind.KPI) {
      compare(node, known, SignalRules.KPI_OUT_OF_CORRIDOR, SignalRules.kpiOutOfCorridor(node, track, known.get(SignalRules.KPI_OUT_OF_CORRIDOR)), now, changes);
      compare(node, known, SignalRules.KPI_ANOMALY, SignalRules.kpiAnomaly(node, track, settings, known.get(SignalRules.KPI_ANOMALY)), now, changes);
    }
    if (linksTo.containsKey(id) || linksFrom.containsKey(id) || known.containsKey(SignalRules.DEPENDENCY_AT_RISK)) {
      List<SignalRules.Related> related = related(engine, id);
      SignalRules.Reported last = known.get(SignalRules.DEPENDENCY_AT_RISK);
      compare(node, known, SignalRules.DEPENDENCY_AT_RISK, SignalRules.dependencyAtRisk(node, related, now, last), now, changes);
      if (last != null && clearedSince.containsKey(SignalRules.fingerprint(SignalRules.DEPENDENCY_AT_RISK, id))) {
        describeSettling(SignalRules.dependencySettling(node, related, now, last), last, changes);
      }
    }
    // A condition of a kind the node no longer has (its kind changed) resolves.
    for (SignalRules.Reported last : known.values()) {
      if (!appliesTo(last.kind(), node)) {
        changes.add(new SignalChange.Resolve(SignalRules.fingerprint(last.kind(), id), last.kind(),
            clearedReason(last.kind(), node)));
      }
    }
  }

  /**
   * Adds the change that brings the reported condition of {@code kind} in line with
   * {@code finding}, if any. A condition of a kind in {@link #SETTLING_KINDS} resolves only after it
   * stayed clear for the settle time, which a later evaluation or sweep finds, unless a change of
   * thresholds or links cleared it.
   */
  private void compare(NodeState node, Map<String, SignalRules.Reported> known, String kind, Finding finding,
                       Instant now, List<SignalChange> changes) {
    String fingerprint = SignalRules.fingerprint(kind, node.id());
    if (finding != null) {
      clearedSince.remove(fingerprint);
    }
    if (finding == SignalRules.UNCHANGED) {
      return;
    }
    SignalRules.Reported last = known.get(kind);
    if (finding != null && last == null) {
      changes.add(new SignalChange.Raise(finding));
    } else if (finding != null && finding.differsFrom(last.severity(), last.params())) {
      changes.add(new SignalChange.Update(finding, "The detector found new values: " + finding.explanation()));
    } else if (finding == null && last != null) {
      if (SETTLING_KINDS.contains(kind)) {
        if (settingsChanged || relinked.contains(node.id())) {
          // Counted as clear for the whole settle time, so a retry after a failed write resolves it too.
          clearedSince.put(fingerprint, now.minus(settleTime));
        }
        Instant since = clearedSince.computeIfAbsent(fingerprint, f -> now);
        if (Duration.between(since, now).compareTo(settleTime) < 0) {
          return;
        }
      }
      clearedSince.remove(fingerprint);
      changes.add(new SignalChange.Resolve(fingerprint, kind, clearedReason(kind, node)));
    } else {
      clearedSince.remove(fingerprint);
    }
  }

  /**
   * Adds an update of a settling signal whose explanation no longer matches the linked nodes, so an
   * open signal never names a status its node left. The condition stays cleared, so the settle
   * time keeps running.
   */
  private static void describeSettling(Finding settling, SignalRules.Reported last, List<SignalChange> changes) {
    if (settling == null || settling == SignalRules.UNCHANGED || !settling.differsFrom(last.severity(), last.params())) {
      return;
    }
    changes.add(new SignalChange.Update(settling, "A linked node's status changed: " + settling.explanation()));
  }

  private static boolean appliesTo(String kind, NodeState node) {
    return switch (kind) {
      case SignalRules.OFF_TRACK_FORECAST, SignalRules.STALLED_DESPITE_EFFORT, SignalRules.MISSED_CHECK_IN,
          SignalRules.CONFIDENCE_DROP -> node.kind() == NodeKind.KEY_RESULT;
      case SignalRules.KPI_OUT_OF_CORRIDOR, SignalRules.KPI_ANOMALY -> node.kind() == NodeKind.KPI;
      default -> true;
    };
  }

  private static final NodeTrack EMPTY = new NodeTrack();

  /**
   * Returns the work a key result delivers through: the initiatives it follows, the nodes linked
   * into it by an impact link, and its own work items.
   */
  private List<SignalRules.LinkedWork> linkedWork(GoalEngine engine, NodeState node) {
    if (node.kind() != NodeKind.KEY_RESULT) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>(workFrom.getOrDefault(node.id(), List.of()));
    for (SignalLink link : linksTo.getOrDefault(node.id(), List.of())) {
      if ("impact".equals(link.type())) {
        ids.add(link.fromId());
      }
    }
    List<SignalRules.LinkedWork> work = new ArrayList<>();
    for (String id : ids) {
      NodeTrack track = tracks.get(id);
      NodeState initiative = engine.node(id).orElse(null);
      if (track != null && initiative != null && !track.doneAt.isEmpty()) {
        work.add(new SignalRules.LinkedWork(initiative, track));
      }
    }
    NodeTrack own = tracks.get(node.id());
    if (own != null && !own.doneAt.isEmpty()) {
      work.add(new SignalRules.LinkedWork(node, own));
    }
    return work;
  }

  private List<SignalRules.Related> related(GoalEngine engine, String id) {
    List<SignalRules.Related> related = new ArrayList<>();
    for (SignalLink link : linksTo.getOrDefault(id, List.of())) {
      engine.node(link.fromId()).ifPresent(other -> related.add(new SignalRules.Related(other, "depends_on", link.type())));
    }
    for (SignalLink link : linksFrom.getOrDefault(id, List.of())) {
      engine.node(link.toId()).ifPresent(other -> related.add(new SignalRules.Related(other, "contributes_to", link.type())));
    }
    return related;
  }

  private static String clearedReason(String kind, NodeState node) {
    if (node == null) {
      return "The node was removed or archived.";
    }
    return switch (kind) {
      case SignalRules.OFF_TRACK_FORECAST -> SignalRules.forecastClearedReason(node);
      case SignalRules.STALLED_DESPITE_EFFORT -> "The value moved again, or the linked work no longer rose.";
      case SignalRules.MISSED_CHECK_IN -> "A check-in arrived.";
      case SignalRules.CONFIDENCE_DROP -> "Confidence recovered to " + node.confidence() + ".";
      case SignalRules.KPI_OUT_OF_CORRIDOR -> node.current() == null ? "The KPI is back inside its corridor."
          : "The KPI is back inside its corridor at " + SignalRules.withUnit(node.current(), node) + ".";
      case SignalRules.KPI_ANOMALY -> "The latest measurement is within the usual range again.";
      case SignalRules.DEPENDENCY_AT_RISK -> "No linked node is off track any more.";
      default -> "The condition no longer holds.";
    };
  }
}
