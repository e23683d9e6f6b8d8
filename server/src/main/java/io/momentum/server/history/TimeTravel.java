package io.momentum.server.history;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.http.ApiException;
import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.WorkStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates a node and its subtree as they stood at an instant, with the engine the boards use:
 * definitions valid then ({@link AsOfDefinitions}), the cycle windows and closures of then, and
 * the values, check-ins, milestones and work items observed up to then. A value that arrived
 * after its cycle was closed stays out, as it did on the boards. An initiative has no nodes below
 * it: its progress then comes from the work-item events stored for it up to the instant, as the
 * boards compute it from its linked work items.
 */
public final class TimeTravel {

  /** Deepest alignment searched below the node. */
  static final int MAX_DEPTH = 20;
  /** Maximum number of nodes evaluated for one request. */
  static final int MAX_NODES = 20_000;

  private static final String ROOT = "SELECT kind FROM node_keys WHERE org_id = $1 AND node_id = $2";
  // Children now and children named by any stored definition, so nodes aligned elsewhere since
  // then are found. The definitions valid at the instant decide which of them count.
  private static final String CHILDREN = """
      SELECT id FROM objectives WHERE org_id = $1 AND (parent_id = ANY($2) OR parent_key_result_id = ANY($2))
      UNION SELECT id FROM key_results WHERE org_id = $1 AND objective_id = ANY($2)
      UNION SELECT entity_id FROM definition_history WHERE org_id = $1
        AND coalesce(definition->>'parentId', definition->>'parentKeyResultId', definition->>'objectiveId') = ANY($3)""";
  private static final String CYCLES = "SELECT " + Definitions.CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1 AND id = ANY($2)";
  private static final String CYCLE_HISTORY = """
      SELECT DISTINCT ON (entity_id) entity_id, definition FROM definition_history
      WHERE org_id = $1 AND entity = 'cycle' AND entity_id = ANY($2) AND changed_at <= $3
      ORDER BY entity_id, changed_at DESC, version DESC""";
  private static final String MEASUREMENTS = """
      (SELECT node_id, value, observed_at, source, created_at, id FROM measurements
       WHERE org_id = $1 AND node_id = ANY($2) AND observed_at >= $3 AND observed_at <= $4)
      UNION ALL
      (SELECT DISTINCT ON (node_id) node_id, value, observed_at, source, created_at, id FROM measurements
       WHERE org_id = $1 AND node_id = ANY($2) AND observed_at < $3 ORDER BY node_id, observed_at DESC, id DESC)""";
  private static final String CHECK_INS = """
      (SELECT key_result_id, value, confidence, observed_at, source, created_at, id FROM check_ins
       WHERE org_id = $1 AND key_result_id = ANY($2) AND observed_at >= $3 AND observed_at <= $4)
      UNION ALL
      (SELECT DISTINCT ON (key_result_id) key_result_id, value, confidence, observed_at, source, created_at, id FROM check_ins
       WHERE org_id = $1 AND key_result_id = ANY($2) AND observed_at < $3 ORDER BY key_result_id, observed_at DESC, id DESC)""";
  // A key result's own current value, as the live engine reads it: some values are stored there
  // without a history row, such as the first value of a carried-over copy.
  private static final String ROW_VALUES = """
      SELECT id, current_value, current_at, current_source FROM key_results
      WHERE org_id = $1 AND id = ANY($2) AND current_at <= $3""";
  private static final String WORK_ITEMS = """
      SELECT node_id, system, external_id, item_type, status_category, story_points, deleted, observed_at, source
      FROM work_items WHERE org_id = $1 AND node_id = ANY($2) AND observed_at <= $3""";
  private static final String EVENTS = """
      SELECT node_id, type, time, source, received_at, data FROM events
      WHERE org_id = $1 AND node_id = ANY($2) AND type = ANY($4)
        AND (time <= $3 OR type = 'momentum.keyresult.value') ORDER BY time""";

  private final io.vertx.core.Vertx vertx;
  private final Pool pool;

  public TimeTravel(io.vertx.core.Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** A cycle as it stood at the instant, and when it had been closed (null when it was open). */
  private record AsOfCycle(CycleDef def, Instant closedAt) {
  }

  /**
   * Completes with the node's board JSON as of {@code at} plus {@code asOf}, and under
   * {@code nodes} the board JSON of the node and everything aligned below it then. Fails with
   * 404 when the organisation has no such node or the node did not exist at {@code at}.
   */
  public Future<JsonObject> evaluate(String orgId, UUID rootId, Instant at) {
    return pool.withConnection(connection -> connection.preparedQuery(ROOT).execute(Tuple.of(orgId, rootId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Node " + rootId))
            : collectIds(connection, orgId, rootId))
        .compose(ids -> AsOfDefinitions.read(connection, orgId, ids, at))
        .compose(definitions -> addFollowedKpis(connection, orgId, definitions, at))
        .compose(definitions -> {
          Map<String, AsOfDefinitions.Versioned> tree = subtree(rootId.toString(), definitions);
          if (!tree.containsKey(rootId.toString())) {
            return Future.failedFuture(ApiException.notFound("Node " + rootId + " as of " + at + " (it did not exist then)"));
          }
          return objectivesOutside(connection, orgId, tree, at)
              .compose(context -> evaluateTree(connection, orgId, rootId.toString(), tree, context, at));
        }));
  }

  /** Reads the objectives of key results whose objective lies above the root, for their cycle. */
  private static Future<Map<String, AsOfDefinitions.Versioned>> objectivesOutside(SqlConnection connection, String orgId,
      Map<String, AsOfDefinitions.Versioned> tree, Instant at) {
    Set<UUID> missing = new HashSet<>();
    tree.values().forEach(v -> {
      String objectiveId = "key_result".equals(v.entity()) ? v.definition().getString("objectiveId") : null;
      if (objectiveId != null && !tree.containsKey(objectiveId)) {
        missing.add(UUID.fromString(objectiveId));
      }
    });
    return AsOfDefinitions.read(connection, orgId, missing, at);
  }

  /** Finds every node that is or was aligned below the root, level by level. */
  private Future<List<UUID>> collectIds(SqlConnection connection, String orgId, UUID rootId) {
    Set<UUID> seen = new java.util.LinkedHashSet<>();
    seen.add(rootId);
    return nextLevel(connection, orgId, List.of(rootId), seen, 0).map(v -> new ArrayList<>(seen));
  }

  private Future<Void> nextLevel(SqlConnection connection, String orgId, List<UUID> level, Set<UUID> seen, int depth) {
    if (level.isEmpty() || depth >= MAX_DEPTH) {
      return Future.succeededFuture();
    }
    String[] texts = level.stream().map(UUID::toString).toArray(String[]::new);
    return connection.preparedQuery(CHILDREN).execute(Tuple.of(orgId, level.toArray(UUID[]::new), texts))
        .compose(rows -> {
          List<UUID> next = new ArrayList<>();
          for (Row row : rows) {
            UUID id = row.getUUID(0);
            if (seen.add(id)) {
              next.add(id);
            }
          }
          if (seen.size() > MAX_NODES) {
            return Future.failedFuture(new ApiException(413, "too_many_nodes", "The node has more than " + MAX_NODES
                + " nodes below it; ask for a node lower in the tree"));
          }
          return nextLevel(connection, orgId, next, seen, depth + 1);
        });
  }

  /**
   * Adds the KPIs that key results of the tree followed then, since their values move those key
   * results, and the drivers of formula KPIs among them, level by level, since a formula is
   * computed from its drivers' values.
   */
  private static Future<Map<String, AsOfDefinitions.Versioned>> addFollowedKpis(SqlConnection connection, String orgId,
      Map<String, AsOfDefinitions.Versioned> definitions, Instant at) {
    return addKpiLevel(connection, orgId, new HashMap<>(definitions), at, 0);
  }

  private static Future<Map<String, AsOfDefinitions.Versioned>> addKpiLevel(SqlConnection connection, String orgId,
      Map<String, AsOfDefinitions.Versioned> all, Instant at, int depth) {
    Set<UUID> kpis = new HashSet<>();
    all.values().forEach(v -> kpisRead(v).forEach(id -> {
      if (!all.containsKey(id)) {
        kpis.add(UUID.fromString(id));
      }
    }));
    if (kpis.isEmpty() || depth >= MAX_DEPTH) {
      return Future.succeededFuture(all);
    }
    return AsOfDefinitions.read(connection, orgId, kpis, at).compose(found -> {
      all.putAll(found);
      // A KPI without a definition then is not read again.
      kpis.forEach(id -> all.putIfAbsent(id.toString(), null));
      return addKpiLevel(connection, orgId, all, at, depth + 1);
    }).map(result -> {
      result.values().removeIf(java.util.Objects::isNull);
      return result;
    });
  }

  /**
   * Returns the ids of the nodes a node's value follows: a key result's KPI and the initiatives whose
   * work it follows, or a formula KPI's drivers. A followed initiative is replayed with its work
   * items of then, as the initiatives below the root are.
   */
  private static List<String> kpisRead(AsOfDefinitions.Versioned v) {
    if (v == null) {
      return List.of();
    }
    JsonObject def = v.definition();
    if ("key_result".equals(v.entity())) {
      List<String> read = new ArrayList<>();
      if (def.getString("kpiId") != null) {
        read.add(def.getString("kpiId"));
      }
      JsonArray workFrom = def.getJsonArray("workFrom");
      if (workFrom != null) {
        workFrom.forEach(id -> read.add((String) id));
      }
      return read;
    }
    if ("kpi".equals(v.entity()) && def.getString("formula") != null && def.getJsonArray("drivers") != null) {
      List<String> drivers = new ArrayList<>();
      def.getJsonArray("drivers").forEach(driver -> drivers.add(((JsonObject) driver).getString("driverId")));
      return drivers;
    }
    return List.of();
  }

  /** Keeps the root, the nodes aligned below it by the definitions of then, and the KPIs their values follow. */
  private static Map<String, AsOfDefinitions.Versioned> subtree(String rootId, Map<String, AsOfDefinitions.Versioned> definitions) {
    Map<String, List<String>> children = new HashMap<>();
    definitions.forEach((id, v) -> {
      String parent = parentOf(v);
      if (parent != null) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
      }
    });
    Map<String, AsOfDefinitions.Versioned> tree = new LinkedHashMap<>();
    if (!definitions.containsKey(rootId)) {
      return tree;
    }
    Deque<String> pending = new ArrayDeque<>();
    pending.add(rootId);
    while (!pending.isEmpty()) {
      String id = pending.poll();
      if (tree.containsKey(id)) {
        continue;
      }
      AsOfDefinitions.Versioned v = definitions.get(id);
      tree.put(id, v);
      for (String kpiId : kpisRead(v)) {
        if (definitions.containsKey(kpiId)) {
          pending.add(kpiId);
        }
      }
      pending.addAll(children.getOrDefault(id, List.of()));
    }
    return tree;
  }

  private static String parentOf(AsOfDefinitions.Versioned v) {
    JsonObject def = v.definition();
    return switch (v.entity()) {
      case "objective" -> def.getString("parentId") != null ? def.getString("parentId") : def.getString("parentKeyResultId");
      case "key_result" -> def.getString("objectiveId");
      default -> null;
    };
  }

  private Future<JsonObject> evaluateTree(SqlConnection connection, String orgId, String rootId,
                                          Map<String, AsOfDefinitions.Versioned> tree,
                                          Map<String, AsOfDefinitions.Versioned> context, Instant at) {
    Map<String, AsOfDefinitions.Versioned> known = new HashMap<>(context);
    known.putAll(tree);
    Set<UUID> cycleIds = new HashSet<>();
    known.values().forEach(v -> {
      String cycleId = v.definition().getString("cycleId");
      if (cycleId != null && !"key_result".equals(v.entity())) {
        cycleIds.add(UUID.fromString(cycleId));
      }
    });
    Future<Map<String, AsOfCycle>> cycles = cycles(connection, orgId, cycleIds, at);
    Future<Integer> staleAfterDays = connection.preparedQuery("SELECT stale_after_days FROM organisations WHERE id = $1")
        .execute(Tuple.of(orgId)).map(rows -> (int) rows.iterator().next().getShort(0));
    return cycles
        .compose(cycleMap -> {
          Map<String, Set<String>> markedMilestones = new HashMap<>();
          return observations(connection, orgId, tree, known, cycleMap, at, markedMilestones)
              .compose(observations -> staleAfterDays.compose(days -> vertx.executeBlocking(
                  () -> run(orgId, rootId, tree, known, cycleMap, observations, markedMilestones, at, days), false)));
        });
  }

  private static Future<Map<String, AsOfCycle>> cycles(SqlConnection connection, String orgId, Set<UUID> ids, Instant at) {
    Map<String, AsOfCycle> result = new HashMap<>();
    if (ids.isEmpty()) {
      return Future.succeededFuture(result);
    }
    UUID[] array = ids.toArray(UUID[]::new);
    OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
    return connection.preparedQuery(CYCLE_HISTORY).execute(Tuple.of(orgId, array, time))
        .compose(history -> {
          Map<String, JsonObject> stored = new HashMap<>();
          history.forEach(row -> stored.put(row.getUUID("entity_id").toString(), Definitions.json(row.getValue("definition"))));
          return connection.preparedQuery(CYCLES).execute(Tuple.of(orgId, (Object) array)).map(rows -> {
            for (Row row : rows) {
              JsonObject current = GoalJson.cycle(row);
              JsonObject then = stored.get(current.getString("id"));
              Instant closedAt;
              JsonObject def;
              if (then != null) {
                def = then;
                closedAt = then.getBoolean("closed", false) && then.getString("closedAt") != null
                    ? Instant.parse(then.getString("closedAt")) : null;
              } else {
                def = current;
                OffsetDateTime closed = row.getOffsetDateTime("closed_at");
                closedAt = row.getBoolean("closed") && closed != null && !closed.toInstant().isAfter(at) ? closed.toInstant() : null;
              }
              result.put(current.getString("id"), new AsOfCycle(Definitions.toCycle(orgId, def, closedAt != null), closedAt));
            }
            return result;
          });
        });
  }

  private static Future<List<Observation>> observations(SqlConnection connection, String orgId,
      Map<String, AsOfDefinitions.Versioned> tree, Map<String, AsOfDefinitions.Versioned> known, Map<String, AsOfCycle> cycles,
      Instant at, Map<String, Set<String>> markedMilestones) {
    List<UUID> valueNodes = new ArrayList<>();
    List<UUID> eventNodes = new ArrayList<>();
    Map<String, Instant> frozenAfter = new HashMap<>();
    tree.forEach((id, v) -> {
      if ("key_result".equals(v.entity()) || "kpi".equals(v.entity())) {
        valueNodes.add(UUID.fromString(id));
      }
      String measurement = v.definition().getString("measurement");
      if ("milestone".equals(measurement) || "work_items".equals(measurement) || "initiative".equals(v.entity())) {
        eventNodes.add(UUID.fromString(id));
      }
      AsOfCycle cycle = cycleOf(v, known, cycles);
      if (cycle != null && cycle.closedAt() != null && "key_result".equals(v.entity())) {
        frozenAfter.put(id, cycle.closedAt());
      }
    });
    Instant windowStart = cycles.values().stream().map(c -> c.def().start().atStartOfDay(ZoneOffset.UTC).toInstant())
        .min(Comparator.naturalOrder()).orElse(at.minusSeconds(90L * 24 * 3600));
    Tuple range = Tuple.of(orgId, valueNodes.toArray(UUID[]::new), windowStart.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
    List<Observation> result = new ArrayList<>();
    return connection.preparedQuery(MEASUREMENTS).execute(range)
        .map(rows -> {
          for (Row row : rows) {
            String id = row.getUUID("node_id").toString();
            if (arrivedAfterClosing(frozenAfter.get(id), row.getOffsetDateTime("created_at"))) {
              continue;
            }
            result.add(new Observation.Value(id, row.getBigDecimal("value"), null, false,
                row.getOffsetDateTime("observed_at").toInstant(), row.getString("source")));
          }
          return null;
        })
        .compose(v -> connection.preparedQuery(CHECK_INS).execute(range))
        .map(rows -> {
          for (Row row : rows) {
            String id = row.getUUID("key_result_id").toString();
            if (arrivedAfterClosing(frozenAfter.get(id), row.getOffsetDateTime("created_at"))) {
              continue;
            }
            result.add(new Observation.Value(id, row.getBigDecimal("value"),
                row.getValue("confidence") == null ? null : (int) row.getShort("confidence"), true,
                row.getOffsetDateTime("observed_at").toInstant(), row.getString("source")));
          }
          return null;
        })
        .compose(v -> connection.preparedQuery(ROW_VALUES).execute(Tuple.of(orgId, range.getValue(1), at.atOffset(ZoneOffset.UTC))))
        .map(rows -> {
          for (Row row : rows) {
            String id = row.getUUID("id").toString();
            if (arrivedAfterClosing(frozenAfter.get(id), row.getOffsetDateTime("current_at"))) {
              continue;
            }
            // The engine adds no second point for a value repeated at the same instant, so a value
            // that also has a history row counts once.
            result.add(new Observation.Value(id, row.getBigDecimal("current_value"), null, false,
                row.getOffsetDateTime("current_at").toInstant(), row.getString("current_source")));
          }
          return null;
        })
        .compose(v -> eventNodes.isEmpty() ? Future.succeededFuture(null)
            : connection.preparedQuery(EVENTS).execute(Tuple.of(orgId, eventNodes.toArray(UUID[]::new), at.atOffset(ZoneOffset.UTC),
                new String[] {"momentum.keyresult.value", "momentum.workitem.changed"}))
            .map(rows -> {
              for (Row row : rows) {
                String id = row.getUUID("node_id").toString();
                if (arrivedAfterClosing(frozenAfter.get(id), row.getOffsetDateTime("received_at"))) {
                  continue;
                }
                Instant time = row.getOffsetDateTime("time").toInstant();
                Observation observation = StoredEvents.observation(id, row.getString("type"), time, row.getString("source"),
                    row.getValue("data"));
                if (observation instanceof Observation.Milestone milestone) {
                  markedMilestones.computeIfAbsent(id, k -> new HashSet<>()).add(milestone.milestoneId().toLowerCase(java.util.Locale.ROOT));
                }
                if (observation != null && !time.isAfter(at)) {
                  result.add(observation);
                }
              }
              return null;
            }))
        .compose(v -> eventNodes.isEmpty() ? Future.succeededFuture(null)
            : connection.preparedQuery(WORK_ITEMS).execute(Tuple.of(orgId, eventNodes.toArray(UUID[]::new), at.atOffset(ZoneOffset.UTC)))
            .map(rows -> {
              addWorkItemsWithoutEvents(rows, result);
              return null;
            }))
        .map(v -> {
          result.sort(Comparator.comparing(Observation::time));
          return result;
        });
  }

  /**
   * Adds the stored state of work items that no stored event describes, such as items loaded
   * straight into the table, as observed at their {@code observed_at}. Items with events keep
   * the history their events give.
   */
  private static void addWorkItemsWithoutEvents(Iterable<Row> rows, List<Observation> result) {
    Set<String> withEvents = new HashSet<>();
    for (Observation observation : result) {
      if (observation instanceof Observation.WorkItem item) {
        withEvents.add(item.nodeId() + " " + item.system() + " " + item.externalId());
      }
    }
    for (Row row : rows) {
      String id = row.getUUID("node_id").toString();
      if (withEvents.contains(id + " " + row.getString("system") + " " + row.getString("external_id"))) {
        continue;
      }
      result.add(new Observation.WorkItem(id, row.getString("system"), row.getString("external_id"), row.getString("item_type"),
          WorkStatus.fromWire(row.getString("status_category")), row.getBigDecimal("story_points"), row.getBoolean("deleted"),
          row.getOffsetDateTime("observed_at").toInstant(), row.getString("source")));
    }
  }

  private static boolean arrivedAfterClosing(Instant closedAt, OffsetDateTime arrived) {
    return closedAt != null && arrived != null && arrived.toInstant().isAfter(closedAt);
  }

  /** The cycle of a node; a key result's is its objective's at the same instant. */
  private static AsOfCycle cycleOf(AsOfDefinitions.Versioned v, Map<String, AsOfDefinitions.Versioned> known,
                                    Map<String, AsOfCycle> cycles) {
    String cycleId = v.definition().getString("cycleId");
    if ("key_result".equals(v.entity())) {
      AsOfDefinitions.Versioned objective = known.get(v.definition().getString("objectiveId"));
      cycleId = objective == null ? cycleId : objective.definition().getString("cycleId");
    }
    return cycleId == null ? null : cycles.get(cycleId);
  }

  private static JsonObject run(String orgId, String rootId, Map<String, AsOfDefinitions.Versioned> tree,
                                Map<String, AsOfDefinitions.Versioned> known, Map<String, AsOfCycle> cycles,
                                List<Observation> observations, Map<String, Set<String>> markedMilestones, Instant at,
                                int staleAfterDays) {
    GoalEngine engine = new GoalEngine(orgId, Clock.fixed(at, ZoneOffset.UTC), staleAfterDays);
    // As when the boards' engine is built: history is applied with every cycle open, then the
    // cycles closed by then are closed, so their nodes keep the values of their closing.
    for (AsOfCycle cycle : cycles.values()) {
      CycleDef def = cycle.def();
      engine.upsertCycle(new CycleDef(def.id(), def.orgId(), def.key(), def.name(), def.kind(), def.parentId(), def.start(),
          def.end(), false));
    }
    // Objectives join after the values are applied, so a key result's many values do not each
    // roll up through its ancestors: the objectives are evaluated once, from the final states.
    upsert(engine, orgId, "kpi", tree, known, cycles, markedMilestones);
    upsert(engine, orgId, "key_result", tree, known, cycles, markedMilestones);
    upsert(engine, orgId, "initiative", tree, known, cycles, markedMilestones);
    engine.applyAll(newestValuesFirst(observations));
    upsert(engine, orgId, "objective", tree, known, cycles, markedMilestones);
    for (AsOfCycle cycle : cycles.values()) {
      if (cycle.closedAt() != null) {
        engine.upsertCycle(cycle.def());
      }
    }
    engine.tick(at);
    NodeState root = engine.node(rootId).orElseThrow();
    JsonArray nodes = new JsonArray();
    for (NodeState state : engine.boardNodes(new BoardRef(BoardRef.Type.GOAL, rootId))) {
      nodes.add(state.toJson());
    }
    return root.toJson().put("asOf", at.toString()).put("nodes", nodes);
  }

  private static void upsert(GoalEngine engine, String orgId, String entity, Map<String, AsOfDefinitions.Versioned> tree,
                             Map<String, AsOfDefinitions.Versioned> known, Map<String, AsOfCycle> cycles,
                             Map<String, Set<String>> markedMilestones) {
    tree.forEach((id, v) -> {
      if (entity.equals(v.entity())) {
        AsOfCycle cycle = cycleOf(v, known, cycles);
        NodeDef def = "initiative".equals(entity) ? initiative(orgId, v.definition())
            : Definitions.toNode(orgId, entity, v.definition(), cycle == null ? null : cycle.def().id());
        Set<String> marked = markedMilestones.get(id);
        engine.upsertNode(v.fromCurrentRow() && marked != null ? withOpenMilestones(def, marked) : def);
      }
    });
  }

  /** Builds the engine's node of an initiative from its stored definition (its REST JSON). */
  static NodeDef initiative(String orgId, JsonObject def) {
    return NodeDef.builder(def.getString("id"), orgId, NodeKind.INITIATIVE)
        .key(def.getString("key"))
        .title(def.getString("title"))
        .unitId(def.getString("unitId"))
        .cycleId(def.getString("cycleId"))
        .ownerId(def.getString("ownerId"))
        .ownerName(def.getString("ownerName"))
        .build();
  }

  /**
   * Orders values newest first, keeping the arrival order among values of the same instant, and
   * leaves milestones and work items in time order after them. The engine applies the newest
   * value and keeps each older one in history only, as for a late event, so the final state and
   * trend are those of a replay in time order without evaluating the node at every value.
   */
  static List<Observation> newestValuesFirst(List<Observation> inTimeOrder) {
    List<Observation> values = new ArrayList<>();
    List<Observation> others = new ArrayList<>();
    for (Observation observation : inTimeOrder) {
      (observation instanceof Observation.Value ? values : others).add(observation);
    }
    List<Observation> ordered = new ArrayList<>(inTimeOrder.size());
    int end = values.size();
    while (end > 0) {
      int start = end - 1;
      while (start > 0 && values.get(start - 1).time().equals(values.get(end - 1).time())) {
        start--;
      }
      ordered.addAll(values.subList(start, end));
      end = start;
    }
    ordered.addAll(others);
    return ordered;
  }

  /**
   * Marks undone the milestones that events marked at any time, because the flags of a current
   * row are today's: their state then comes from the events up to the instant.
   *
   * @param marked lower-case ids and titles named by milestone events
   */
  private static NodeDef withOpenMilestones(NodeDef def, Set<String> marked) {
    List<MilestoneDef> milestones = new ArrayList<>();
    for (MilestoneDef m : def.milestones()) {
      boolean byEvents = (m.id() != null && marked.contains(m.id().toLowerCase(java.util.Locale.ROOT)))
          || (m.title() != null && marked.contains(m.title().toLowerCase(java.util.Locale.ROOT)));
      milestones.add(byEvents ? new MilestoneDef(m.id(), m.title(), m.weight(), false) : m);
    }
    return def.toBuilder().milestones(milestones).build();
  }
}
