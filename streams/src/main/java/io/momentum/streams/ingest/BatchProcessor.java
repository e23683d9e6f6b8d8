package io.momentum.streams.ingest;

import io.momentum.streams.engine.Changes;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.StatusChange;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventData;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.FieldError;
import io.momentum.streams.signals.SignalChange;
import io.momentum.streams.signals.SignalLink;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one batch of Kafka records into stored events and applied changes, in named steps:
 * parse, build the engines of the organisations involved, apply changed definitions, resolve
 * subjects, and then in one transaction insert the events, apply the new ones to the engines and
 * store their values and the dead letters.
 *
 * <p>When the transaction fails, the engines of the batch's organisations may be ahead of
 * PostgreSQL, so they are dropped and rebuilt before the batch is tried again.
 */
final class BatchProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final OrgEngines engines;
  private final OrgStateLoader loader;
  private final EventStore store;
  private final CloudEventParser parser;
  private final IngestMetrics metrics;
  private final DeadLetterLog deadLetterLog = new DeadLetterLog();
  private final RejectionLog rejectionLog = new RejectionLog();

  BatchProcessor(OrgEngines engines, OrgStateLoader loader, EventStore store,
                 CloudEventParser parser, IngestMetrics metrics) {
    this.engines = engines;
    this.loader = loader;
    this.store = store;
    this.parser = parser;
    this.metrics = metrics;
  }

  /** Everything learnt about one batch while it is processed. */
  private static final class Batch {
    final List<ParsedRecord> parsed = new ArrayList<>();
    final List<ResolvedEvent> resolved = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<String, ChangeAccumulator> changes = new LinkedHashMap<>();
    final Map<String, List<StatusChange>> statusChanges = new LinkedHashMap<>();
    final Map<String, List<SignalChange>> signalChanges = new LinkedHashMap<>();
    final Map<String, List<JsonObject>> storedSignals = new LinkedHashMap<>();
    /** Organisations whose definitions the batch changed, kept after their events leave {@link #parsed}. */
    final Set<String> redefined = new LinkedHashSet<>();

    Set<String> orgIds() {
      return parsed.stream().map(p -> p.event.orgId()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Returns the organisations whose signals the batch may change: those with events and those with changed definitions. */
    Set<String> signalOrgIds() {
      Set<String> ids = new LinkedHashSet<>(redefined);
      ids.addAll(orgIds());
      return ids;
    }

    ChangeAccumulator changesOf(String orgId) {
      return changes.computeIfAbsent(orgId, id -> new ChangeAccumulator());
    }
  }

  private record ParsedRecord(IngestRecord record, CloudEvent event) {
  }

  /** Processes a batch and completes with the changes to publish, by organisation. */
  Future<Map<String, Changes>> process(List<IngestRecord> records) {
    Batch batch = new Batch();
    parse(records, batch);
    return buildEngines(batch)
        .compose(v -> applyDefinitions(batch))
        .compose(v -> resolveSubjects(batch))
        .compose(v -> store.inTransaction(tx -> storeAndApply(tx, batch)))
        .onFailure(e -> batch.signalOrgIds().forEach(engines::drop))
        .map(v -> {
          batch.statusChanges.forEach((orgId, found) -> engines.get(orgId).statuses().confirm(found));
          batch.signalChanges.forEach((orgId, found) -> engines.get(orgId).signals().confirm(found));
          batch.storedSignals.forEach(engines::publishSignals);
          deadLetterLog.log(batch.deadLetters);
          metrics.deadLetters(batch.deadLetters.size());
          Map<String, Changes> result = new LinkedHashMap<>();
          batch.changes.forEach((org, acc) -> {
            if (!acc.isEmpty()) {
              result.put(org, acc.toChanges());
            }
          });
          return result;
        });
  }

  private void parse(List<IngestRecord> records, Batch batch) {
    for (IngestRecord record : records) {
      JsonObject json;
      try {
        json = record.value() == null ? null : new JsonObject(record.value());
      } catch (DecodeException e) {
        batch.deadLetters.add(DeadLetter.of(record, null, "the record value is not a JSON object: " + e.getMessage()));
        continue;
      }
      if (json == null) {
        batch.deadLetters.add(DeadLetter.of(record, null, "the record has no value"));
        continue;
      }
      if (CloudEventParser.containsNul(record.value())) {
        batch.deadLetters.add(DeadLetter.of(record, null, "the record contains a NUL character (\\u0000), which cannot be stored"));
        continue;
      }
      CloudEventParser.Result result = parser.parse(json, false);
      String orgId = json.getValue("orgid") instanceof String s ? s : null;
      if (!result.valid()) {
        batch.deadLetters.add(DeadLetter.of(record, orgId, describe(result.errors())));
      } else if (!orgId.equals(record.key())) {
        batch.deadLetters.add(DeadLetter.of(record, orgId, "the record key " + (record.key() == null
            ? "is missing" : "\"" + record.key() + "\" differs from the event's orgid \"" + orgId + "\"")
            + "; key every record by its organisation id"));
      } else {
        batch.parsed.add(new ParsedRecord(record, result.event()));
      }
    }
  }

  private Future<Void> buildEngines(Batch batch) {
    List<Future<OrgEngines.OwnedOrg>> builds = new ArrayList<>();
    for (String orgId : batch.orgIds()) {
      builds.add(engines.ensure(orgId));
    }
    return Future.all(builds).map(all -> {
      Set<String> unknown = new HashSet<>();
      for (int i = 0; i < builds.size(); i++) {
        if (builds.get(i).result() == null) {
          unknown.add(new ArrayList<>(batch.orgIds()).get(i));
        }
      }
      batch.parsed.removeIf(p -> {
        if (unknown.contains(p.event.orgId())) {
          batch.deadLetters.add(DeadLetter.of(p.record, p.event.orgId(),
              "organisation \"" + p.event.orgId() + "\" does not exist"));
          return true;
        }
        return false;
      });
      return null;
    });
  }

  /**
   * Applies changed definitions first, so that values sent for a node created in the same batch
   * find it. Definitions, settings and links are read from PostgreSQL, which already contains
   * their latest state, so applying the same event twice changes nothing the second time.
   */
  private Future<Void> applyDefinitions(Batch batch) {
    Future<Void> chain = Future.succeededFuture();
    for (ParsedRecord p : batch.parsed) {
      if (p.event.type() != EventType.DEFINITION_CHANGED) {
        continue;
      }
      EventData.DefinitionChanged changed = (EventData.DefinitionChanged) p.event.data();
      String orgId = p.event.orgId();
      batch.redefined.add(orgId);
      chain = chain
          .compose(v -> switch (changed.entity()) {
            case "settings" -> loader.loadSettings(orgId).map(settings -> applySettings(engines.get(orgId), settings));
            case "links" -> loader.loadLinks(orgId).map(links -> applyLinks(engines.get(orgId), links));
            default -> loader.loadDefinition(orgId, changed.entity(), changed.id())
                .map(definition -> applyDefinition(engines.get(orgId), changed, definition));
          })
          .map(changes -> {
            batch.changesOf(orgId).add(changes);
            return null;
          });
    }
    batch.parsed.removeIf(p -> p.event.type() == EventType.DEFINITION_CHANGED);
    return chain;
  }

  private static Changes applyDefinition(OrgEngines.OwnedOrg org, EventData.DefinitionChanged changed, Object definition) {
    GoalEngine engine = org.engine();
    String orgId = engine.orgId();
    Changes changes;
    if (definition instanceof CycleDef cycle) {
      changes = engine.upsertCycle(cycle);
      org.signals().defineCycle(cycle);
    } else if (definition instanceof UnitDef unit) {
      changes = engine.upsertUnit(unit);
    } else if (definition instanceof NodeDef node) {
      changes = upsertNode(engine, node);
      org.signals().defineNode(node);
    } else if (definition == null && "node".equals(changed.entity())) {
      // Archived or deleted: the node leaves every board and rollup.
      changes = engine.removeNode(changed.id());
      org.signals().removeNode(changed.id());
      if (!changes.removed().isEmpty()) {
        LOG.info("Removed node {} of organisation {} from the live state", changed.id(), orgId);
      }
    } else {
      changes = Changes.none();
    }
    return changes;
  }

  /**
   * Applies changed organisation settings: a new stale period re-evaluates every node of the
   * engine, and new signal thresholds make the batch evaluate the signals of every node.
   */
  private static Changes applySettings(OrgEngines.OwnedOrg org, OrgStateLoader.EngineSettings settings) {
    if (settings == null) {
      return Changes.none();
    }
    Changes changes = org.engine().changeStaleAfterDays(settings.staleAfterDays());
    boolean thresholdsChanged = org.signals().changeSettings(settings.signalSettings());
    if (!changes.isEmpty() || thresholdsChanged) {
      LOG.info("Applied the settings of organisation {}: stale after {} days, signal thresholds {}",
          org.engine().orgId(), settings.staleAfterDays(), settings.signalSettings());
    }
    return changes;
  }

  /** Replaces the links the signal detector follows; the ends of each added or removed link are evaluated with the batch. */
  private static Changes applyLinks(OrgEngines.OwnedOrg org, List<SignalLink> links) {
    int differing = org.signals().replaceLinks(links);
    if (differing > 0) {
      LOG.info("Applied {} added or removed links of organisation {} to its signal detector; it follows {} links",
          differing, org.engine().orgId(), links.size());
    }
    return Changes.none();
  }

  /**
   * Applies a node definition unless the engine rejects it, for an alignment or driver loop or an
   * invalid formula that the API should have rejected. Retrying the batch could not fix that, so
   * the definition is logged and skipped, and the engine keeps the node's previous definition.
   */
  private static Changes upsertNode(GoalEngine engine, NodeDef node) {
    try {
      return engine.upsertNode(node);
    } catch (IllegalArgumentException e) {
      LOG.error("Skipped the definition of node {} of organisation {}: {}", node.id(), node.orgId(), e.getMessage());
      return Changes.none();
    }
  }

  private Future<Void> resolveSubjects(Batch batch) {
    Future<Void> chain = Future.succeededFuture();
    for (ParsedRecord p : batch.parsed) {
      chain = chain.compose(v -> resolve(p, batch));
    }
    return chain;
  }

  private Future<Void> resolve(ParsedRecord p, Batch batch) {
    CloudEvent event = p.event;
    GoalEngine engine = engines.get(event.orgId()).engine();
    Future<String> nodeId = engine.resolve(event.subject())
        .map(Future::succeededFuture)
        .orElseGet(() -> loader.findNode(event.orgId(), event.subject()).map(def -> {
          if (def == null) {
            return null;
          }
          batch.changesOf(event.orgId()).add(upsertNode(engine, def));
          engines.get(event.orgId()).signals().defineNode(def);
          return def.id();
        }));
    return nodeId.map(id -> {
      NodeState node = id == null ? null : engine.node(id).orElse(null);
      if (node == null) {
        batch.deadLetters.add(DeadLetter.of(p.record, event.orgId(), "subject \"" + event.subject()
            + "\" names no node of organisation \"" + event.orgId() + "\""));
        return null;
      }
      String mismatch = SubjectRules.check(event.type(), event.data(),
          event.subject(), node.kind(), node.measurement(), node.milestones());
      if (mismatch != null) {
        batch.deadLetters.add(DeadLetter.of(p.record, event.orgId(), mismatch));
        return null;
      }
      batch.resolved.add(new ResolvedEvent(event, node.id(), node.kind(), p.record));
      return null;
    });
  }

  private Future<Void> storeAndApply(EventStore.Transaction tx, Batch batch) {
    return tx.insertEvents(batch.resolved)
        .map(newKeys -> applyNew(newKeys, batch))
        .compose(tx::writeValues)
        .compose(v -> tx.recordStatusChanges(detectStatusChanges(batch)))
        .compose(v -> recordSignals(tx, batch))
        .compose(v -> tx.insertDeadLetters(batch.deadLetters));
  }

  /** Evaluates the signals of the nodes the batch touched and records what changed, organisation by organisation. */
  private Future<Void> recordSignals(EventStore.Transaction tx, Batch batch) {
    Future<Void> chain = Future.succeededFuture();
    for (String orgId : batch.signalOrgIds()) {
      OrgEngines.OwnedOrg org = engines.get(orgId);
      if (org == null) {
        continue;
      }
      long started = System.nanoTime();
      ChangeAccumulator accumulated = batch.changes.get(orgId);
      List<SignalChange> found = org.signals().evaluate(org.engine(),
          accumulated == null ? List.of() : accumulated.nodes(), engines.clock().instant());
      metrics.signals().record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      if (found.isEmpty()) {
        continue;
      }
      batch.signalChanges.put(orgId, found);
      chain = chain.compose(v -> tx.recordSignals(orgId, found, engines.clock().instant()))
          .map(stored -> {
            batch.storedSignals.put(orgId, stored);
            return null;
          });
    }
    return chain;
  }

  /** Compares the status of every changed key result with the one recorded for it. */
  private List<StatusChange> detectStatusChanges(Batch batch) {
    List<StatusChange> all = new ArrayList<>();
    batch.changes.forEach((orgId, accumulated) -> {
      OrgEngines.OwnedOrg org = engines.get(orgId);
      List<StatusChange> found = org.statuses().detect(org.engine(), accumulated.nodes(), StatusChange.NEW_VALUES);
      if (!found.isEmpty()) {
        batch.statusChanges.put(orgId, found);
        all.addAll(found);
      }
    });
    return all;
  }

  private List<AppliedEvent> applyNew(Set<EventKey> newKeys, Batch batch) {
    List<AppliedEvent> appliedEvents = new ArrayList<>();
    Set<EventKey> seen = new HashSet<>();
    int duplicates = 0;
    int late = 0;
    for (ResolvedEvent resolved : batch.resolved) {
      CloudEvent event = resolved.event();
      EventKey key = new EventKey(event.orgId(), event.source(), event.id());
      if (!newKeys.contains(key) || !seen.add(key)) {
        duplicates++;
        continue;
      }
      OrgEngines.OwnedOrg org = engines.get(event.orgId());
      GoalEngine engine = org.engine();
      Observation observation = toObservation(resolved);
      long started = System.nanoTime();
      Changes changes = engine.apply(observation);
      metrics.rollup().record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      org.signals().observe(observation, event.id());
      batch.changesOf(event.orgId()).add(changes);
      appliedEvents.add(new AppliedEvent(resolved, changes.applied(), engine.node(resolved.nodeId()).orElse(null)));
      if (changes.rejection() != null) {
        rejectionLog.log(event, changes.rejection());
      } else if (!changes.applied()) {
        late++;
      }
    }
    metrics.duplicates(duplicates);
    metrics.late(late);
    metrics.applied(appliedEvents.size() - late);
    return appliedEvents;
  }

  /** Converts an event into the engine's observation of it. */
  static Observation toObservation(ResolvedEvent resolved) {
    CloudEvent e = resolved.event();
    String nodeId = resolved.nodeId();
    EventData data = e.data();
    if (data instanceof EventData.Value v) {
      return new Observation.Value(nodeId, v.value(), null, false, e.time(), e.source());
    }
    if (data instanceof EventData.Measurement m) {
      return new Observation.Value(nodeId, m.value(), null, false, e.time(), e.source());
    }
    if (data instanceof EventData.CheckIn c) {
      return new Observation.Value(nodeId, c.value(), c.confidence(), true, e.time(), e.source());
    }
    if (data instanceof EventData.Milestone m) {
      return new Observation.Milestone(nodeId, m.milestone(), m.done(), e.time(), e.source());
    }
    if (data instanceof EventData.WorkItem w) {
      return new Observation.WorkItem(nodeId, w.system(), w.externalId(), w.itemType(),
          w.statusCategory(), w.storyPoints(), w.deleted(), e.time(), e.source());
    }
    throw new IllegalArgumentException("not an observation: " + data.getClass().getSimpleName());
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
  }

  /**
   * Logs events that were stored but not applied because the engine rejects them (a value sent to
   * a KPI that its formula computes), at most 20 lines a minute.
   */
  private static final class RejectionLog {
    private long windowStart;
    private int logged;
    private int suppressed;

    void log(CloudEvent event, String reason) {
      long now = System.currentTimeMillis();
      if (now - windowStart > 60_000) {
        if (suppressed > 0) {
          LOG.warn("Kept {} more events in history only in the last minute without logging each", suppressed);
        }
        windowStart = now;
        logged = 0;
        suppressed = 0;
      }
      if (logged++ < 20) {
        LOG.warn("Kept event {} from {} of organisation {} (subject {}) in history only: {}", event.id(),
            event.source(), event.orgId(), event.subject(), reason);
      } else {
        suppressed++;
      }
    }
  }

  /** Logs each dead letter once, at most 20 lines a minute, and a count of the lines left out. */
  private static final class DeadLetterLog {
    private long windowStart;
    private int logged;
    private int suppressed;

    void log(List<DeadLetter> letters) {
      long now = System.currentTimeMillis();
      if (now - windowStart > 60_000) {
        if (suppressed > 0) {
          LOG.warn("Parked {} more records as dead letters in the last minute without logging each", suppressed);
        }
        windowStart = now;
        logged = 0;
        suppressed = 0;
      }
      for (DeadLetter letter : letters) {
        if (logged++ < 20) {
          LOG.warn("Parked record {}-{}@{} of organisation {} as a dead letter: {}", letter.topic(),
              letter.partition(), letter.offset(), letter.orgId(), letter.reason());
        } else {
          suppressed++;
        }
      }
    }
  }
}
