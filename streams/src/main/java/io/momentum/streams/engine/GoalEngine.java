package io.momentum.streams.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Live goal state of one organisation: definitions, latest values, rolled-up progress, status,
 * forecast and versions. Not thread-safe: one owner (the ingest verticle of the Kafka partition
 * that carries the organisation) calls it at a time.
 *
 * <p>Every call except {@link #tick(Instant)} evaluates time-dependent fields (expected progress,
 * status, stale, membership of strategic outcomes and unit summaries) at the clock's instant, for
 * the nodes it touches. A value change updates the node and its ancestors only.
 */
public final class GoalEngine {

  /** Default number of days without a check-in or measurement after which a node is stale. */
  public static final int DEFAULT_STALE_AFTER_DAYS = 7;

  private final Clock clock;
  private final GoalGraph graph;
  private final BoardLedger ledger;
  private final Evaluator evaluator;
  private final ObservationApplier applier;
  private final DriverGraph drivers;

  /** Creates an engine that flags nodes as stale after {@value #DEFAULT_STALE_AFTER_DAYS} days. */
  public GoalEngine(String orgId, Clock clock) {
    this(orgId, clock, DEFAULT_STALE_AFTER_DAYS);
  }

  /**
   * Creates an engine for one organisation.
   *
   * @param staleAfterDays days without a check-in or measurement after which a node is stale
   *     (the organisation setting {@code staleAfterDays}); must be positive
   */
  public GoalEngine(String orgId, Clock clock, int staleAfterDays) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (staleAfterDays <= 0) {
      throw new IllegalArgumentException(
          "staleAfterDays must be positive, got " + staleAfterDays);
    }
    this.graph = new GoalGraph(Objects.requireNonNull(orgId, "orgId"));
    this.ledger = new BoardLedger(graph);
    this.evaluator = new Evaluator(graph, ledger, Duration.ofDays(staleAfterDays).toMillis());
    this.drivers = new DriverGraph(graph, evaluator);
    this.applier = new ObservationApplier(evaluator, drivers);
  }

  /**
   * Changes the number of days without a check-in or measurement after which a node is stale (the
   * organisation setting {@code staleAfterDays}) and re-evaluates every node at the clock's
   * instant. Returns no changes when the period stays the same.
   *
   * @param staleAfterDays the new period; must be positive
   */
  public Changes changeStaleAfterDays(int staleAfterDays) {
    if (staleAfterDays <= 0) {
      throw new IllegalArgumentException("staleAfterDays must be positive, got " + staleAfterDays);
    }
    long millis = Duration.ofDays(staleAfterDays).toMillis();
    if (millis == evaluator.staleAfterMillis()) {
      return Changes.none();
    }
    evaluator.staleAfterMillis(millis);
    return refreshAll(new Transaction(clock.instant()));
  }

  /** Organisation this engine holds. */
  public String orgId() {
    return graph.orgId;
  }

  /** Adds or replaces a cycle and re-evaluates every node at the clock's instant. */
  public Changes upsertCycle(CycleDef cycle) {
    requireOrg(cycle.orgId(), "cycle " + cycle.id());
    if (cycle.start() == null || cycle.end() == null || cycle.end().isBefore(cycle.start())) {
      throw new IllegalArgumentException("invalid cycle " + cycle.id() + ": start "
          + cycle.start() + " and end " + cycle.end() + " must be set, end not before start");
    }
    graph.cycles.put(cycle.id(), new CycleWindow(cycle));
    return refreshAll(new Transaction(clock.instant()));
  }

  /**
   * Adds or replaces a unit. When the unit gains or loses a parent, its objectives move off or
   * onto the portfolio board and get a new version.
   */
  public Changes upsertUnit(UnitDef unit) {
    requireOrg(unit.orgId(), "unit " + unit.id());
    Transaction tx = new Transaction(clock.instant());
    UnitRecord record = graph.unit(unit.id());
    UnitDef old = record.def;
    record.def = unit;
    record.board.exists = true;
    tx.touch(record);
    if (old == null || !Objects.equals(old.parentId(), unit.parentId())) {
      // Objectives of a top-level unit are on the portfolio board.
      for (NodeRecord member : List.copyOf(record.members)) {
        if (member.is(NodeKind.OBJECTIVE)) {
          evaluator.refresh(member, tx);
        }
      }
    }
    return finish(tx);
  }

  /**
   * Adds or replaces a node definition, keeping its observed values. Nodes may arrive in any
   * order, and a reference to a node or unit that is not defined yet takes effect when it arrives.
   * A node that moves to another parent takes everything aligned below it along, and each moved
   * node gets a new version because its goal boards changed.
   *
   * <p>A KPI with a {@code formula} takes its value from its drivers' latest values (source
   * {@code formula}), now and whenever one of them changes.
   *
   * @throws IllegalArgumentException when the node belongs to another organisation, its {@code
   *     parentId} would create an alignment loop, its drivers would create a driver loop, or its
   *     formula is invalid or names a variable that is not a driver's (nothing is changed then)
   */
  public Changes upsertNode(NodeDef node) {
    requireOrg(node.orgId(), "node " + node.id());
    Objects.requireNonNull(node.kind(), "kind of node " + node.id());
    if (node.id().equals(node.parentId())) {
      throw new IllegalArgumentException("invalid parentId " + node.parentId() + " for node "
          + node.id() + ": a node cannot align to itself");
    }
    NodeRecord record = graph.nodes.get(node.id());
    NodeRecord newParent = node.parentId() == null ? null : graph.nodes.get(node.parentId());
    if (record != null && newParent != null && newParent != record.parent) {
      rejectLoop(record, newParent);
    }
    io.momentum.streams.engine.formula.Formula formula = DriverGraph.parse(node);
    drivers.rejectLoop(node);

    Transaction tx = new Transaction(clock.instant());
    record = graph.node(node.id());
    newParent = node.parentId() == null ? null : graph.node(node.parentId());
    NodeDef old = record.def;
    NodeRecord oldParent = record.parent;
    boolean oldParentRollsUp = Evaluator.rollsUpChildren(oldParent);
    boolean newParentRollsUp = Evaluator.rollsUpChildren(newParent);

    graph.rekey(node.id(), old == null ? null : old.key(), node.key());
    if (oldParent != null) {
      oldParent.removeChild(record);
    }
    record.def = node;
    record.goalBoard.exists = true;
    record.measureStale = true;
    if (newParent != null) {
      newParent.addChild(record);
    }
    if (newParent != oldParent) {
      ledger.realign(record, oldParent, newParent, tx);
      record.parent = newParent;
    }
    follow(record);
    followWork(record);
    drivers.link(record, formula);

    evaluator.refresh(record, tx);
    if (old == null || affectsChildren(old, node)) {
      refreshChildren(record, tx);
    }
    if (oldParent != null && Evaluator.rollsUpChildren(oldParent) != oldParentRollsUp) {
      refreshChildren(oldParent, tx);
    }
    if (newParent != null && newParent != oldParent
        && Evaluator.rollsUpChildren(newParent) != newParentRollsUp) {
      refreshChildren(newParent, tx);
    }
    if (DriverGraph.derived(record)) {
      drivers.update(record, tx);
    } else if (old != null && old.kind() == NodeKind.KPI && old.formula() != null
        && !old.formula().isBlank()) {
      // The KPI is measured again: the value its formula computed is no measurement.
      clearValue(record, tx);
    }
    return finish(tx);
  }

  private void clearValue(NodeRecord kpi, Transaction tx) {
    kpi.value = null;
    kpi.valueTime = null;
    kpi.valueSource = null;
    kpi.measureStale = true;
    evaluator.refresh(kpi, tx);
    for (NodeRecord follower : kpi.followers) {
      evaluator.refresh(follower, tx);
    }
    drivers.propagate(kpi, tx);
  }

  /**
   * Removes a node, for example after it was archived. Children aligned to it are detached: they
   * stay defined, leave the goal boards of its old ancestors and are evaluated as if their parent
   * were not defined (a key result then uses its own cycle and unit). The old ancestors' rollups
   * and the unit summaries lose its contribution; key results that follow it and KPIs whose
   * formula uses it lose its value. Returns {@link Changes#none()} for an unknown node.
   */
  public Changes removeNode(String id) {
    NodeRecord record = graph.nodes.get(id);
    if (record == null || !record.defined()) {
      return Changes.none();
    }
    Transaction tx = new Transaction(clock.instant());
    NodeRecord parent = record.parent;
    boolean parentRollsUp = Evaluator.rollsUpChildren(parent);

    if (parent != null) {
      ledger.realign(record, parent, null, tx);
      parent.removeChild(record);
      record.parent = null;
    }
    if (record.boardUnit != null) {
      ledger.moveToUnit(record, null, tx);
    }
    if (record.inPortfolio) {
      ledger.setInPortfolio(record, false, tx);
    }
    tx.add(record.goalBoard, -record.version);
    evaluator.detach(record, tx);
    graph.unkey(record.def.key(), id);
    if (record.followed != null) {
      record.followed.followers.remove(record);
      record.followed = null;
    }
    unfollowWork(record);
    dropWorkOfFollowers(record);
    drivers.unlink(record);

    record.def = null;
    record.goalBoard.exists = false;
    record.forget();
    for (NodeRecord follower : List.copyOf(record.followers)) {
      evaluator.refresh(follower, tx);
    }
    for (NodeRecord follower : List.copyOf(record.workFollowers)) {
      evaluator.refresh(follower, tx);
    }
    drivers.propagate(record, tx);
    refreshChildren(record, tx);
    if (parent != null && Evaluator.rollsUpChildren(parent) != parentRollsUp) {
      refreshChildren(parent, tx);
    }
    if (!record.referenced()) {
      graph.nodes.remove(id);
    }
    tx.removed.add(id);
    return finish(tx);
  }

  /**
   * Returns the driver tree of a KPI down to {@code depth} levels (1 shows its direct drivers),
   * with each node's current value and, per driver, the change of its parent for a 1 % rise of
   * that driver alone: computed through the parent's formula, or estimated as the driver's weight
   * share times 1 % when the parent has no formula. Empty when no KPI has that id.
   *
   * @throws IllegalArgumentException when {@code depth} is not between 1 and {@value
   *     DriverTrees#MAX_DEPTH}
   */
  public Optional<DriverTree> driverTree(String kpiId, int depth) {
    NodeRecord kpi = graph.nodes.get(kpiId);
    if (kpi == null || !kpi.is(NodeKind.KPI)) {
      return Optional.empty();
    }
    return Optional.of(DriverTrees.build(kpi, depth));
  }

  private static boolean affectsChildren(NodeDef old, NodeDef node) {
    return old.kind() != node.kind()
        || !Objects.equals(old.cycleId(), node.cycleId())
        || !Objects.equals(old.unitId(), node.unitId())
        || !Objects.equals(old.rollupChildren(), node.rollupChildren());
  }

  private void refreshChildren(NodeRecord parent, Transaction tx) {
    for (NodeRecord child : List.copyOf(parent.children)) {
      evaluator.refresh(child, tx);
    }
  }

  private void rejectLoop(NodeRecord node, NodeRecord newParent) {
    List<String> path = new ArrayList<>();
    path.add(node.id);
    for (NodeRecord a = newParent; a != null; a = a.parent) {
      path.add(a.id);
      if (a == node) {
        throw new IllegalArgumentException("invalid parentId " + newParent.id + " for node "
            + node.id + ": it would create the alignment loop " + String.join(" -> ", path));
      }
    }
  }

  /** Links a key result that follows a KPI to the KPI's record. */
  private void follow(NodeRecord record) {
    NodeDef def = record.def;
    NodeRecord kpi = null;
    if (Evaluator.effectiveMeasurement(def) == Measurement.KPI && def.kpiId() != null) {
      kpi = graph.node(def.kpiId());
    }
    if (kpi == record.followed) {
      return;
    }
    if (record.followed != null) {
      record.followed.followers.remove(record);
    }
    if (kpi != null) {
      kpi.addFollower(record);
    }
    record.followed = kpi;
    record.followedValue = null;
    record.followedTime = null;
    record.followedSource = null;
  }

  /**
   * Links a key result measured by work items to the initiatives its {@code workFrom} names and,
   * when that list changed, rebuilds its items from its own and the initiatives' current items.
   * Costs O(items of the named initiatives), and only when the list changes.
   */
  private void followWork(NodeRecord record) {
    NodeDef def = record.def;
    List<NodeRecord> initiatives = new ArrayList<>();
    if (def.kind() == NodeKind.KEY_RESULT
        && Evaluator.effectiveMeasurement(def) == Measurement.WORK_ITEMS) {
      for (String id : new LinkedHashSet<>(def.workFrom())) {
        if (!id.equals(record.id)) {
          initiatives.add(graph.node(id));
        }
      }
    }
    if (initiatives.equals(record.workFollowed)) {
      return;
    }
    unfollowWork(record);
    if (initiatives.isEmpty()) {
      record.measureStale = true;
      return;
    }
    WorkUnion union = new WorkUnion();
    union.addAll(record, record.work);
    for (NodeRecord initiative : initiatives) {
      initiative.addWorkFollower(record);
      union.addAll(initiative, initiative.work);
    }
    record.workFollowed = List.copyOf(initiatives);
    record.workUnion = union;
    record.measureStale = true;
  }

  /** Unlinks a key result from the initiatives whose work it follows, keeping its own items. */
  private static void unfollowWork(NodeRecord record) {
    for (NodeRecord initiative : record.workFollowed) {
      initiative.workFollowers.remove(record);
    }
    record.workFollowed = List.of();
    record.workUnion = null;
  }

  /**
   * Takes a removed node's items out of the key results that follow its work. They stay linked,
   * so the node's items count again once it is defined and receives items anew.
   */
  private static void dropWorkOfFollowers(NodeRecord record) {
    for (NodeRecord follower : record.workFollowers) {
      if (follower.workUnion != null) {
        follower.workUnion.removeAll(record, record.work);
        follower.measureStale = true;
      }
    }
  }

  /**
   * Applies one observation. Returns {@link Changes#none()} for an unknown node; returns changes
   * with {@code applied} false when the observation only went into history.
   */
  public Changes apply(Observation observation) {
    NodeRecord node = graph.nodes.get(observation.nodeId());
    if (node == null || !node.defined()) {
      return Changes.none();
    }
    Transaction tx = new Transaction(clock.instant());
    applier.apply(node, observation, tx);
    return finish(tx);
  }

  /**
   * Applies observations in order and merges what they changed: each node and unit summary
   * appears once in its latest state, and each board's range runs from its version before the
   * first observation to its version after the last.
   */
  public Changes applyAll(List<? extends Observation> observations) {
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    Map<String, UnitSummary> units = new LinkedHashMap<>();
    Map<BoardRef, Changes.VersionRange> boards = new LinkedHashMap<>();
    boolean applied = false;
    String rejection = null;
    for (Observation observation : observations) {
      Changes changes = apply(observation);
      applied |= changes.applied();
      if (changes.rejection() != null) {
        rejection = changes.rejection();
      }
      for (NodeState state : changes.nodes()) {
        nodes.put(state.id(), state);
      }
      for (UnitSummary summary : changes.units()) {
        units.put(summary.id(), summary);
      }
      changes.boards().forEach((board, range) -> boards.merge(board, range,
          (first, next) -> new Changes.VersionRange(first.from(), next.to())));
    }
    return new Changes(applied, List.copyOf(nodes.values()), List.copyOf(units.values()),
        boards, List.of(), rejection);
  }

  /** Re-evaluates time-driven fields (expected, status, stale, outcome membership) at {@code now}. */
  public Changes tick(Instant now) {
    return refreshAll(new Transaction(now));
  }

  private Changes refreshAll(Transaction tx) {
    for (NodeRecord node : List.copyOf(graph.nodes.values())) {
      evaluator.refresh(node, tx);
    }
    for (UnitRecord unit : graph.units.values()) {
      if (unit.defined()) {
        tx.touch(unit);
      }
    }
    return finish(tx);
  }

  /** Builds the states of touched nodes and units, gives changed ones a new version, and reports. */
  private Changes finish(Transaction tx) {
    List<NodeState> nodes = new ArrayList<>();
    for (NodeRecord node : tx.nodes) {
      node.touched = false;
      if (!node.defined()) {
        continue;
      }
      NodeState candidate = StateBuilder.node(node, node.version);
      boolean moved = node.moved;
      node.moved = false;
      if (!moved && candidate.equals(node.state)) {
        continue;
      }
      ledger.bump(node, tx);
      node.state = StateBuilder.withVersion(candidate, node.version);
      nodes.add(node.state);
    }
    List<UnitSummary> units = new ArrayList<>(tx.units.size());
    for (UnitRecord unit : tx.units) {
      unit.touched = false;
      if (!unit.defined()) {
        continue;
      }
      evaluator.refreshLatest(unit);
      UnitSummary candidate = StateBuilder.unit(unit, unit.version);
      if (candidate.equals(unit.summary)) {
        continue;
      }
      ledger.bump(unit, tx);
      unit.summary = StateBuilder.withVersion(candidate, unit.version);
      units.add(unit.summary);
    }
    if (nodes.isEmpty() && units.isEmpty() && tx.versionsBefore.isEmpty()
        && tx.removed.isEmpty()) {
      return tx.rejection == null ? Changes.none()
          : new Changes(false, List.of(), List.of(), Map.of(), List.of(), tx.rejection);
    }
    Map<BoardRef, Changes.VersionRange> boards = new LinkedHashMap<>();
    // A board whose members changed keeps its range even when the version ends where it began,
    // for example when a removed member's version equals the increments of the others.
    tx.versionsBefore.forEach((board, before) -> {
      if (board.exists) {
        boards.put(board.ref, new Changes.VersionRange(before, board.version));
      }
    });
    return new Changes(!nodes.isEmpty() || !units.isEmpty() || !tx.removed.isEmpty(),
        Collections.unmodifiableList(nodes), Collections.unmodifiableList(units),
        Collections.unmodifiableMap(boards), tx.removed, tx.rejection);
  }

  /** Resolves an event subject, a node key or id, to a node id. */
  public Optional<String> resolve(String subject) {
    NodeRecord node = graph.nodes.get(subject);
    if (node != null && node.defined()) {
      return Optional.of(subject);
    }
    return Optional.ofNullable(graph.idsByKey.get(subject));
  }

  /** Current state of one node. */
  public Optional<NodeState> node(String id) {
    NodeRecord node = graph.nodes.get(id);
    return node == null ? Optional.empty() : Optional.ofNullable(node.state);
  }

  /** Current state of every node. */
  public Collection<NodeState> nodes() {
    List<NodeState> states = new ArrayList<>(graph.nodes.size());
    for (NodeRecord node : graph.nodes.values()) {
      if (node.state != null) {
        states.add(node.state);
      }
    }
    return states;
  }

  /** Current summary of every unit. */
  public Collection<UnitSummary> units() {
    List<UnitSummary> summaries = new ArrayList<>(graph.units.size());
    for (UnitRecord unit : graph.units.values()) {
      if (unit.summary != null) {
        summaries.add(unit.summary);
      }
    }
    return summaries;
  }

  /** Boards that contain the given node: its own and its ancestors' goal boards, unit, portfolio. */
  public List<BoardRef> boardsOf(NodeState node) {
    NodeRecord record = graph.nodes.get(node.id());
    if (record == null || !record.defined()) {
      return List.of();
    }
    return ledger.boardsOf(record);
  }

  /** Boards that contain the given unit summary: its unit board and the portfolio. */
  public List<BoardRef> boardsOf(UnitSummary unit) {
    UnitRecord record = graph.units.get(unit.id());
    if (record == null || !record.defined()) {
      return List.of();
    }
    return List.of(record.board.ref, graph.portfolio.ref);
  }

  /**
   * Current version of a board, or empty when no such board exists in this organisation: the sum
   * of its members' versions. It grows by one for each change applied to a member, grows by a
   * joining member's version and drops by a leaving member's version.
   */
  public OptionalLong boardVersion(BoardRef board) {
    Board counter = board(board);
    return counter == null ? OptionalLong.empty() : OptionalLong.of(counter.version);
  }

  /** States of the nodes on a board (without unit summaries); empty for an unknown board. */
  public List<NodeState> boardNodes(BoardRef board) {
    if (board(board) == null) {
      return List.of();
    }
    List<NodeState> states = new ArrayList<>();
    switch (board.type()) {
      case UNIT -> addStates(graph.units.get(board.id()).members, states);
      case PORTFOLIO -> addStates(graph.portfolioMembers, states);
      case GOAL -> {
        Deque<NodeRecord> pending = new ArrayDeque<>();
        pending.push(graph.nodes.get(board.id()));
        while (!pending.isEmpty()) {
          NodeRecord node = pending.pop();
          if (node.state != null) {
            states.add(node.state);
          }
          for (int i = node.children.size() - 1; i >= 0; i--) {
            pending.push(node.children.get(i));
          }
        }
      }
    }
    return states;
  }

  /** Unit summaries on a board: one on a unit board, all on the portfolio, none on a goal board. */
  public List<UnitSummary> boardUnits(BoardRef board) {
    if (board(board) == null) {
      return List.of();
    }
    return switch (board.type()) {
      case UNIT -> List.of(graph.units.get(board.id()).summary);
      case PORTFOLIO -> List.copyOf(units());
      case GOAL -> List.of();
    };
  }

  private static void addStates(Collection<NodeRecord> records, List<NodeState> states) {
    for (NodeRecord record : records) {
      if (record.state != null) {
        states.add(record.state);
      }
    }
  }

  private Board board(BoardRef board) {
    Board counter = switch (board.type()) {
      case UNIT -> {
        UnitRecord unit = graph.units.get(board.id());
        yield unit == null ? null : unit.board;
      }
      case PORTFOLIO -> graph.orgId.equals(board.id()) ? graph.portfolio : null;
      case GOAL -> {
        NodeRecord node = graph.nodes.get(board.id());
        yield node == null ? null : node.goalBoard;
      }
    };
    return counter != null && counter.exists ? counter : null;
  }

  private void requireOrg(String orgId, String label) {
    if (!graph.orgId.equals(orgId)) {
      throw new IllegalArgumentException(label + " belongs to organisation " + orgId
          + ", but this engine holds organisation " + graph.orgId);
    }
  }
}
