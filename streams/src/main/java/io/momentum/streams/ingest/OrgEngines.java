package io.momentum.streams.ingest;

import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.engine.StatusLedger;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitSummary;
import io.momentum.streams.live.LiveDeltas;
import io.momentum.streams.signals.ActiveSignal;
import io.momentum.streams.signals.SignalChange;
import io.momentum.streams.signals.SignalDetector;
import io.momentum.streams.live.LiveEntry;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The goal engines of the organisations this node owns, that is, whose Kafka partition it
 * consumes. An engine is built from PostgreSQL when ownership starts, and every change it makes
 * is written to the cluster's live state and published on the event bus.
 *
 * <p>All methods run on the ingest verticle's event loop.
 */
public final class OrgEngines {

  private static final Logger LOG = LoggerFactory.getLogger(OrgEngines.class);

  /**
   * An owned organisation: its engine, the epoch its versions count in, the boards each entry was
   * last written with (to notice when a board's members change), the key-result statuses
   * recorded in PostgreSQL, and its signal detector.
   */
  public record OwnedOrg(GoalEngine engine, String epoch, Map<String, List<String>> lastBoards,
                         StatusLedger statuses, SignalDetector signals) {

    /** Returns the cluster-map keys of a board's members. */
    List<String> memberKeys(BoardRef board) {
      List<String> keys = new ArrayList<>();
      for (NodeState node : engine.boardNodes(board)) {
        keys.add(LiveEntry.mapKey(engine.orgId(), false, node.id()));
      }
      for (UnitSummary unit : engine.boardUnits(board)) {
        keys.add(LiveEntry.mapKey(engine.orgId(), true, unit.id()));
      }
      return keys;
    }
  }

  private final Vertx vertx;
  private final OrgStateLoader loader;
  private final EventStore store;
  private final LiveStateStore liveState;
  private final Clock clock;
  private final Duration signalSettleTime;
  private final Map<String, OwnedOrg> owned = new HashMap<>();
  private final Map<String, Future<OwnedOrg>> loading = new HashMap<>();

  /**
   * @param signalSettleTime how long a value- or confidence-driven signal condition must stay clear
   *     before the signal resolves, passed to each organisation's {@link SignalDetector}
   */
  public OrgEngines(Vertx vertx, OrgStateLoader loader, EventStore store, LiveStateStore liveState, Clock clock,
                    Duration signalSettleTime) {
    this.vertx = vertx;
    this.loader = loader;
    this.store = store;
    this.liveState = liveState;
    this.clock = clock;
    this.signalSettleTime = signalSettleTime;
  }

  /** Returns the owned organisation, building its engine from PostgreSQL first when needed. */
  public Future<OwnedOrg> ensure(String orgId) {
    OwnedOrg org = owned.get(orgId);
    if (org != null) {
      return Future.succeededFuture(org);
    }
    return loading.computeIfAbsent(orgId, this::build);
  }

  /** Returns the clock whose time the engines and signal detectors evaluate at. */
  Clock clock() {
    return clock;
  }

  /** Returns the organisation when its engine is built, else null. */
  public OwnedOrg get(String orgId) {
    return owned.get(orgId);
  }

  /** Ids of the organisations whose engines are built. */
  public Collection<String> ownedIds() {
    return List.copyOf(owned.keySet());
  }

  /** Forgets an organisation's engine, for example after its partition moved to another node. */
  public void drop(String orgId) {
    if (owned.remove(orgId) != null) {
      LOG.info("Dropped the goal engine of organisation {}", orgId);
    }
  }

  /**
   * Writes changes to the cluster's live state and then publishes them, so that a board read
   * after the delta arrives already contains it.
   */
  public Future<Void> publish(String orgId, Changes changes) {
    OwnedOrg org = owned.get(orgId);
    if (org == null || changes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<LiveEntry> entries = new ArrayList<>(changes.nodes().size() + changes.units().size());
    Set<String> affectedBoards = new HashSet<>();
    Map<String, List<String>> left = new LinkedHashMap<>();
    List<String> removedKeys = new ArrayList<>(changes.removed().size());
    for (String id : changes.removed()) {
      String key = LiveEntry.mapKey(orgId, false, id);
      removedKeys.add(key);
      List<String> previous = org.lastBoards().remove(key);
      if (previous != null) {
        affectedBoards.addAll(previous);
        previous.forEach(board -> left.computeIfAbsent(board, b -> new ArrayList<>()).add(id));
      }
    }
    for (NodeState node : changes.nodes()) {
      track(org, LiveEntry.of(node, org.engine().boardsOf(node)), entries, affectedBoards, left);
    }
    for (UnitSummary unit : changes.units()) {
      track(org, LiveEntry.of(unit, org.engine().boardsOf(unit)), entries, affectedBoards, left);
    }
    Map<String, List<String>> members = new HashMap<>();
    for (String board : affectedBoards) {
      members.put(board, org.memberKeys(BoardRef.parse(board)));
    }
    JsonObject message = LiveDeltas.message(orgId, org.epoch(), changes.boards(), entries, left);
    return Future.fromCompletionStage(liveState.write(orgId, entries, removedKeys, members),
            vertx.getOrCreateContext())
        .onSuccess(v -> vertx.eventBus().publish(LiveDeltas.address(orgId), message));
  }

  /**
   * Adds an entry to a write and notes the boards whose members change with it, and in {@code
   * left} the boards the entry is no longer on.
   */
  private static void track(OwnedOrg org, LiveEntry entry, List<LiveEntry> entries, Set<String> affectedBoards,
                            Map<String, List<String>> left) {
    entries.add(entry);
    List<String> previous = org.lastBoards().put(entry.mapKey(org.engine().orgId()), entry.boards());
    if (!entry.boards().equals(previous)) {
      affectedBoards.addAll(entry.boards());
      if (previous != null) {
        affectedBoards.addAll(previous);
        for (String board : previous) {
          if (!entry.boards().contains(board)) {
            left.computeIfAbsent(board, b -> new ArrayList<>()).add(entry.id());
          }
        }
      }
    }
  }

  /**
   * Records the status changes of ticks and other engine calls outside a batch in a transaction
   * of their own. A failed write is logged and left for the next detection, so it never stops the
   * live boards.
   */
  public Future<Void> recordStatusChanges(String orgId, Collection<NodeState> changed, String cause) {
    OwnedOrg org = owned.get(orgId);
    return org == null ? Future.succeededFuture() : recordStatusChanges(org, changed, cause);
  }

  private Future<Void> recordStatusChanges(OwnedOrg org, Collection<NodeState> changed, String cause) {
    List<StatusChange> found = org.statuses().detect(org.engine(), changed, cause);
    if (found.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.inTransaction(tx -> tx.recordStatusChanges(found))
        .onSuccess(v -> org.statuses().confirm(found))
        .recover(e -> {
          org.statuses().retryLater(found);
          LOG.warn("Recording {} key-result status changes of organisation {} failed; comparing them again on the next tick",
              found.size(), org.engine().orgId(), e);
          return Future.succeededFuture();
        });
  }

  /**
   * Evaluates the time-driven signal conditions of every node of an owned organisation, such as
   * missed check-ins, and records the changes in a transaction of their own.
   */
  public Future<Void> sweepSignals(String orgId) {
    OwnedOrg org = owned.get(orgId);
    return org == null ? Future.succeededFuture() : recordSignals(org, org.signals().sweep(org.engine(), clock.instant()));
  }

  /**
   * Records signal changes outside a batch and publishes them after the commit. A failed write is
   * logged and left unconfirmed, so the next sweep finds the same changes again.
   */
  private Future<Void> recordSignals(OwnedOrg org, List<SignalChange> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    String orgId = org.engine().orgId();
    return store.inTransaction(tx -> tx.recordSignals(orgId, changes, clock.instant()))
        .onSuccess(stored -> {
          org.signals().confirm(changes);
          publishSignals(orgId, stored);
        })
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Recording {} signal changes of organisation {} failed; detecting them again on the next sweep",
              changes.size(), orgId, e);
          return Future.succeededFuture();
        });
  }

  /** Publishes committed signal changes to the live boards of every node. */
  public void publishSignals(String orgId, List<JsonObject> stored) {
    for (JsonObject signal : stored) {
      vertx.eventBus().publish(SignalDetector.address(orgId), signal);
    }
  }

  private Future<OwnedOrg> build(String orgId) {
    long started = System.nanoTime();
    Future<Map<String, StatusLedger.Recorded>> recorded = loader.recordedStatuses(orgId);
    Future<List<ActiveSignal>> active = loader.activeSignals(orgId, SignalDetector.KINDS);
    return loader.load(orgId, clock.instant())
        .compose(state -> Future.all(recorded, active)
            .map(all -> new Loaded(state, new StatusLedger(recorded.result()), active.result())))
        .compose(loaded -> vertx.executeBlocking(() -> buildEngine(orgId, loaded), false))
        .compose(org -> recordStatusChanges(org, org.engine().nodes(), StatusChange.REBUILT).map(org))
        .compose(org -> recordSignals(org, org.signals().sweep(org.engine(), clock.instant())).map(org))
        .onSuccess(org -> {
          owned.put(orgId, org);
          vertx.eventBus().publish(LiveDeltas.address(orgId), LiveDeltas.reset(orgId, org.epoch()));
          LOG.info("Built the goal engine of organisation {}: {} nodes, {} units, epoch {}, in {} ms",
              orgId, org.engine().nodes().size(), org.engine().units().size(), org.epoch(),
              (System.nanoTime() - started) / 1_000_000);
        })
        .onFailure(e -> LOG.error("Building the goal engine of organisation {} failed", orgId, e))
        .andThen(ar -> loading.remove(orgId));
  }

  private static CycleDef reopened(CycleDef cycle) {
    return new CycleDef(cycle.id(), cycle.orgId(), cycle.key(), cycle.name(), cycle.kind(),
        cycle.parentId(), cycle.start(), cycle.end(), false);
  }

  private record Loaded(OrgStateLoader.OrgState state, StatusLedger statuses, List<ActiveSignal> activeSignals) {
  }

  private OwnedOrg buildEngine(String orgId, Loaded loaded) {
    OrgStateLoader.OrgState state = loaded.state();
    GoalEngine engine = new GoalEngine(orgId, clock, state.staleAfterDays());
    SignalDetector signals = new SignalDetector(state.signalSettings(), state.links(), loaded.activeSignals(),
        signalSettleTime);
    // The engine ignores observations of closed cycles, so history is replayed with every cycle
    // open and the closed ones are closed afterwards: their nodes keep the final values.
    for (CycleDef cycle : state.cycles()) {
      engine.upsertCycle(cycle.closed() ? reopened(cycle) : cycle);
      signals.defineCycle(cycle);
    }
    for (UnitDef unit : state.units()) {
      engine.upsertUnit(unit);
    }
    for (NodeDef node : state.nodes()) {
      try {
        engine.upsertNode(node);
        signals.defineNode(node);
      } catch (IllegalArgumentException e) {
        // One invalid stored definition must not keep the whole organisation off the boards.
        LOG.error("Skipped the definition of node {} of organisation {}: {}", node.id(), orgId, e.getMessage());
      }
    }
    engine.applyAll(state.observations());
    for (Observation observation : state.observations()) {
      signals.observe(observation, null);
    }
    for (CycleDef cycle : state.cycles()) {
      if (cycle.closed()) {
        engine.upsertCycle(cycle);
      }
    }
    engine.tick(clock.instant());
    OwnedOrg org = new OwnedOrg(engine, UUID.randomUUID().toString().substring(0, 8), new HashMap<>(),
        loaded.statuses(), signals);
    List<LiveEntry> entries = new ArrayList<>();
    Set<String> boards = new HashSet<>();
    for (NodeState node : engine.nodes()) {
      track(org, LiveEntry.of(node, engine.boardsOf(node)), entries, boards, new HashMap<>());
    }
    for (UnitSummary unit : engine.units()) {
      track(org, LiveEntry.of(unit, engine.boardsOf(unit)), entries, boards, new HashMap<>());
    }
    Map<String, List<String>> members = new HashMap<>();
    for (String board : boards) {
      members.put(board, org.memberKeys(BoardRef.parse(board)));
    }
    liveState.replaceOrg(orgId, org.epoch(), entries, members);
    return org;
  }
}
