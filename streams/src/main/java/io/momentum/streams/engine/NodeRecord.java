package io.momentum.streams.engine;

import io.momentum.streams.engine.formula.Formula;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable engine state of one node: its definition, observed values, derived values, its share in
 * its parent's and its unit's rollup, and its board links. A record without a definition is a
 * placeholder for a node that children or key results already reference.
 */
final class NodeRecord {

  /** A milestone marked done or not done by an observation. */
  record MilestoneMark(boolean done, Instant time) {
  }

  final String id;
  NodeDef def;

  // Alignment links.
  NodeRecord parent;
  final List<NodeRecord> children = new ArrayList<>(0);
  int keyResultChildren;

  // Observed values.
  BigDecimal value;
  Instant valueTime;
  String valueSource;
  Integer confidence;
  Instant confidenceTime;
  Instant activityTime;
  String activitySource;
  ValueHistory history;
  Map<String, MilestoneMark> milestoneMarks = Map.of();
  WorkItems work;

  // Work links: a key result that follows the work of initiatives, the union of its own and their
  // items, and the key results that follow an initiative's work.
  List<NodeRecord> workFollowed = List.of();
  List<NodeRecord> workFollowers = List.of();
  WorkUnion workUnion;

  // KPI links: a key result that follows a KPI, and the followers of a KPI.
  NodeRecord followed;
  List<NodeRecord> followers = List.of();
  BigDecimal followedValue;
  Instant followedTime;
  String followedSource;

  // Driver tree: the parsed formula of a KPI computed from its drivers, the driver records in the
  // order of the definition's drivers, and the KPIs this one drives.
  Formula formula;
  List<NodeRecord> drivers = List.of();
  List<NodeRecord> driven = List.of();

  // Derived values.
  CycleWindow window;
  String cycleId;
  String unitId;
  Trend trend;
  /** Zone levels, computed once per definition. */
  NodeDef levelsDef;
  BigDecimal commitLevel;
  BigDecimal stretchLevel;
  boolean measureStale = true;
  BigDecimal raw;
  long progress;
  boolean noData = true;
  long expected = -1;
  Status status = Status.PENDING;
  int effectiveConfidence = -1;
  Instant updatedAt;
  String source;
  boolean stale;
  /** A KPI's target shown today: its dated target due next, else the last one, else the plain one. */
  BigDecimal shownTarget;
  Aggregate members;

  // Shares in the rollup of the alignment parent and in the unit summary.
  NodeRecord rollupTarget;
  final Contribution rollupShare = new Contribution();
  UnitRecord unitTarget;
  Contribution unitShare;

  // Boards.
  /** Goal board: its version is the sum of the versions of this node and every node below it. */
  final Board goalBoard;
  UnitRecord boardUnit;
  boolean inPortfolio;

  NodeState state;
  long version;
  boolean touched;
  /** True when the node's boards changed in the current call, so it needs a new version. */
  boolean moved;

  NodeRecord(String id) {
    this.id = id;
    this.goalBoard = new Board(new BoardRef(BoardRef.Type.GOAL, id), false);
  }

  boolean defined() {
    return def != null;
  }

  NodeKind kind() {
    return def.kind();
  }

  boolean is(NodeKind kind) {
    return def != null && def.kind() == kind;
  }

  /**
   * Adds a point to the node's history, which is kept (compacted per minute) because a key result
   * that starts following a KPI later, or moves to another cycle, rebuilds its trend from it.
   */
  void addHistory(Trend.Point point) {
    if (history == null) {
      history = new ValueHistory();
    }
    history.add(point);
  }

  void addChild(NodeRecord child) {
    children.add(child);
    if (child.is(NodeKind.KEY_RESULT)) {
      keyResultChildren++;
    }
  }

  void removeChild(NodeRecord child) {
    children.remove(child);
    if (child.is(NodeKind.KEY_RESULT)) {
      keyResultChildren--;
    }
  }

  void addFollower(NodeRecord follower) {
    if (followers.isEmpty()) {
      followers = new ArrayList<>(2);
    }
    followers.add(follower);
  }

  void addWorkFollower(NodeRecord follower) {
    if (workFollowers.isEmpty()) {
      workFollowers = new ArrayList<>(2);
    }
    workFollowers.add(follower);
  }

  /**
   * Returns the totals that measure this node's work: the union with the followed initiatives'
   * items for a key result that follows them, else its own items. Returns null when there are none.
   */
  WorkTally workTally() {
    if (workUnion != null) {
      return workUnion.tally();
    }
    return work == null ? null : work.tally();
  }

  void mark(String milestoneKey, MilestoneMark mark) {
    if (milestoneMarks.isEmpty()) {
      milestoneMarks = new HashMap<>(4);
    }
    milestoneMarks.put(milestoneKey, mark);
  }

  /** Returns the key that milestone marks use: the milestone id, else its title. */
  static String milestoneKey(MilestoneDef milestone) {
    return milestone.id() != null ? milestone.id() : milestone.title();
  }

  /** Returns the definition's milestones with the done flags that observations set. */
  List<MilestoneDef> effectiveMilestones() {
    List<MilestoneDef> defined = def.milestones();
    if (milestoneMarks.isEmpty()) {
      return defined;
    }
    List<MilestoneDef> result = new ArrayList<>(defined.size());
    for (MilestoneDef milestone : defined) {
      MilestoneMark mark = milestoneMarks.get(milestoneKey(milestone));
      if (mark == null || mark.done() == milestone.done()) {
        result.add(milestone);
      } else {
        result.add(new MilestoneDef(milestone.id(), milestone.title(), milestone.weight(),
            mark.done()));
      }
    }
    return List.copyOf(result);
  }

  void addDriven(NodeRecord kpi) {
    if (driven.isEmpty()) {
      driven = new ArrayList<>(2);
    }
    driven.add(kpi);
  }

  /** Returns true when children, followers or driven KPIs still refer to this record. */
  boolean referenced() {
    return !children.isEmpty() || !followers.isEmpty() || !driven.isEmpty()
        || !workFollowers.isEmpty();
  }

  /**
   * Forgets observed and derived values after the node was removed, so the record is the same
   * placeholder a node that was never defined would have.
   */
  void forget() {
    value = null;
    valueTime = null;
    valueSource = null;
    confidence = null;
    confidenceTime = null;
    activityTime = null;
    activitySource = null;
    history = null;
    milestoneMarks = Map.of();
    work = null;
    workUnion = null;
    followedValue = null;
    followedTime = null;
    followedSource = null;
    window = null;
    cycleId = null;
    unitId = null;
    trend = null;
    levelsDef = null;
    measureStale = true;
    raw = null;
    progress = 0;
    noData = true;
    expected = -1;
    status = Status.PENDING;
    effectiveConfidence = -1;
    updatedAt = null;
    source = null;
    stale = false;
    shownTarget = null;
    state = null;
    version = 0;
  }

  /** Records an applied observation as the latest activity unless a later one is known. */
  void recordActivity(Instant time, String from) {
    if (activityTime == null || !time.isBefore(activityTime)) {
      activityTime = time;
      activitySource = from;
    }
  }
}
