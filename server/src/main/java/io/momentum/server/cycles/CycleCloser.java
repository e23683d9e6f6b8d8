package io.momentum.server.cycles;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.auth.Caller;
import io.momentum.server.changes.ChangeEvents;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.history.Definitions;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a cycle: stores every node's final progress, raw value, status and value in
 * {@code cycle_results} from the engine's current state, marks the cycle closed, and copies the
 * chosen unfinished objectives with their key results into a target cycle. A copy keeps its
 * original's definition, gets the original's key plus the target cycle's key as a suffix, points
 * to the original with {@code carried_from}, and starts from the original's last value.
 */
final class CycleCloser {

  private static final Logger LOG = LoggerFactory.getLogger(CycleCloser.class);
  /** Most objectives carried over in one close. */
  static final int MAX_CARRY_OVER = 1000;
  private static final String NODES_OF_CYCLE = """
      SELECT o.id, o.key, o.kind, o.title, NULL::uuid AS objective_id FROM objectives o
      WHERE o.org_id = $1 AND o.cycle_id = $2 AND o.archived_at IS NULL
      UNION ALL
      SELECT k.id, k.key, 'key_result', k.title, k.objective_id FROM key_results k JOIN objectives o ON o.id = k.objective_id
      WHERE k.org_id = $1 AND o.cycle_id = $2 AND o.archived_at IS NULL AND k.archived_at IS NULL""";

  private final Pool pool;
  private final EventPublisher publisher;
  private final LiveNodes liveNodes;
  private final CloudEventParser parser;

  CycleCloser(Pool pool, EventPublisher publisher, LiveNodes liveNodes, Clock clock) {
    this.pool = pool;
    this.publisher = publisher;
    this.liveNodes = liveNodes;
    this.parser = new CloudEventParser(clock);
  }

  /** A node of the cycle with its engine state; {@code state} is null when the engine has none yet. */
  private record CycleNode(UUID id, String key, String kind, String title, UUID objectiveId, JsonObject state) {

    BigDecimal progress() {
      Object value = state == null ? null : state.getValue("progress");
      return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    JsonObject result() {
      return new JsonObject()
          .put("nodeId", id.toString())
          .put("key", key)
          .put("kind", kind)
          .put("progress", progress())
          .put("raw", state == null ? null : state.getValue("raw"))
          .put("status", state == null ? "pending" : state.getString("status"))
          .put("current", state == null ? null : state.getValue("current"));
    }
  }

  /** The cycle with its live nodes, in the order objectives then key results. */
  private record CycleNodes(Row cycle, List<CycleNode> nodes) {

    List<CycleNode> objectives() {
      return nodes.stream().filter(n -> !"key_result".equals(n.kind())).toList();
    }

    int keyResultCount(UUID objectiveId) {
      return (int) nodes.stream().filter(n -> objectiveId.equals(n.objectiveId())).count();
    }

    /** Objectives offered for carry-over: those with progress below 1. */
    List<CycleNode> candidates() {
      return objectives().stream().filter(n -> "objective".equals(n.kind()) && n.progress().compareTo(BigDecimal.ONE) < 0).toList();
    }
  }

  void preview(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = CycleRoutes.pathId(ctx);
    new QueryParams(ctx).finish();
    loadNodes(caller.orgId(), id)
        .compose(nodes -> nodes.cycle().getBoolean("closed")
            ? Future.failedFuture(ApiException.conflict("cycle_closed", "Cycle " + nodes.cycle().getString("key") + " is closed already",
                new io.vertx.core.json.JsonObject().put("cycle", nodes.cycle().getString("key"))))
            : suggestedTargets(caller.orgId(), nodes.cycle()).map(targets -> previewJson(nodes, targets)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private JsonObject previewJson(CycleNodes nodes, JsonArray targets) {
    JsonArray candidates = new JsonArray();
    for (CycleNode objective : nodes.candidates()) {
      candidates.add(new JsonObject()
          .put("id", objective.id().toString())
          .put("key", objective.key())
          .put("title", objective.title())
          .put("progress", objective.progress())
          .put("status", objective.state() == null ? "pending" : objective.state().getString("status"))
          .put("keyResults", nodes.keyResultCount(objective.id())));
    }
    return new JsonObject()
        .put("cycle", GoalJson.cycle(nodes.cycle()))
        .put("objectives", nodes.objectives().size())
        .put("candidates", candidates)
        .put("suggestedTargets", targets);
  }

  /** Open cycles of the same kind that start after this one, nearest first. */
  private Future<JsonArray> suggestedTargets(String orgId, Row cycle) {
    return pool.preparedQuery("SELECT " + Definitions.CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1 AND kind = $2"
            + " AND NOT closed AND start_date > $3 ORDER BY start_date LIMIT 5")
        .execute(Tuple.of(orgId, cycle.getString("kind"), cycle.getLocalDate("start_date")))
        .map(rows -> {
          JsonArray targets = new JsonArray();
          rows.forEach(row -> targets.add(GoalJson.cycle(row)));
          return targets;
        });
  }

  private Future<CycleNodes> loadNodes(String orgId, UUID cycleId) {
    return pool.preparedQuery("SELECT " + Definitions.CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, cycleId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Cycle " + cycleId))
            : Future.succeededFuture(rows.iterator().next()))
        .compose(cycle -> pool.preparedQuery(NODES_OF_CYCLE).execute(Tuple.of(orgId, cycleId))
            .compose(rows -> {
              List<Row> list = new ArrayList<>();
              rows.forEach(list::add);
              List<String> ids = list.stream().map(r -> r.getUUID("id").toString()).toList();
              return liveNodes.read(orgId, ids).map(states -> {
                List<CycleNode> nodes = new ArrayList<>();
                for (Row r : list) {
                  nodes.add(new CycleNode(r.getUUID("id"), r.getString("key"), r.getString("kind"), r.getString("title"),
                      r.getUUID("objective_id"), states.get(r.getUUID("id").toString())));
                }
                return new CycleNodes(cycle, nodes);
              });
            }));
  }

  void close(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = CycleRoutes.pathId(ctx);
    BodyReader body = ctx.body().length() == 0 ? BodyReader.of(new JsonObject(), "") : BodyReader.of(ctx);
    List<UUID> carryOver = body.uuids("carryOver", MAX_CARRY_OVER, false);
    UUID targetId = body.uuid("targetCycleId", false);
    if (!carryOver.isEmpty() && targetId == null) {
      body.reject("targetCycleId", "missing", "is missing: name the cycle that receives the carried-over objectives", null);
    }
    if (id.equals(targetId)) {
      body.reject("targetCycleId", "target_is_closing_cycle", "names the cycle being closed; carry objectives over into another cycle", null);
    }
    body.finish();
    OffsetDateTime closedAt = OffsetDateTime.now(ZoneOffset.UTC);
    loadNodes(caller.orgId(), id)
        .compose(nodes -> checkCarryOver(nodes, carryOver).map(nodes))
        .compose(nodes -> pool.withTransaction(connection -> closeInTransaction(connection, caller, nodes, carryOver, targetId, closedAt)))
        .compose(closed -> announce(caller.orgId(), id, closed).map(closed))
        .onSuccess(closed -> {
          LOG.info("Cycle {} of organisation {} closed by {}: {} results frozen, {} objectives carried over",
              id, caller.orgId(), caller.source(), closed.results().size(), closed.copies().size());
          CycleRoutes.send(ctx, 200, closed.toJson());
        })
        .onFailure(ctx::fail);
  }

  /** Every carried objective must be an unfinished objective of the cycle; the target is checked in the transaction. */
  private static Future<Void> checkCarryOver(CycleNodes nodes, List<UUID> carryOver) {
    if (nodes.cycle().getBoolean("closed")) {
      return Future.failedFuture(ApiException.conflict("cycle_closed", "Cycle " + nodes.cycle().getString("key") + " is closed already",
                new io.vertx.core.json.JsonObject().put("cycle", nodes.cycle().getString("key"))));
    }
    Map<UUID, CycleNode> objectives = new LinkedHashMap<>();
    nodes.objectives().forEach(n -> objectives.put(n.id(), n));
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < carryOver.size(); i++) {
      CycleNode objective = objectives.get(carryOver.get(i));
      if (objective == null || !"objective".equals(objective.kind())) {
        errors.add(FieldError.of("carryOver[" + i + "]", "not_in_cycle", "names no live objective of cycle " + nodes.cycle().getString("key")));
      } else if (objective.progress().compareTo(BigDecimal.ONE) >= 0) {
        errors.add(FieldError.of("carryOver[" + i + "]", "objective_complete", "names objective " + objective.key()
            + ", which is complete (progress 1); only unfinished objectives are carried over", new io.vertx.core.json.JsonObject().put("key", objective.key())));
      }
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(ApiException.invalid(errors));
  }

  /** Outcome of a close: the cycle's new definition, the frozen results, and the copies with their first values. */
  private record Closed(JsonObject cycle, List<JsonObject> results, List<JsonObject> copies, List<JsonObject> firstValues) {

    JsonObject toJson() {
      return new JsonObject()
          .put("cycle", cycle)
          .put("results", new JsonArray(new ArrayList<>(results)))
          .put("copies", new JsonArray(new ArrayList<>(copies)));
    }
  }

  private Future<Closed> closeInTransaction(SqlConnection connection, Caller caller, CycleNodes nodes, List<UUID> carryOver,
                                            UUID targetId, OffsetDateTime closedAt) {
    UUID cycleId = nodes.cycle().getUUID("id");
    List<JsonObject> results = new ArrayList<>();
    nodes.nodes().forEach(n -> results.add(n.result()));
    Future<Row> target = targetId == null ? Future.succeededFuture(null) : lockTarget(connection, caller.orgId(), targetId);
    return target.compose(targetRow -> CycleRoutes.lockCycle(connection, caller.orgId(), cycleId)
        .compose(row -> row.getBoolean("closed")
            ? Future.failedFuture(ApiException.conflict("cycle_closed",
                "Cycle " + row.getString("key") + " was closed by someone else meanwhile", new io.vertx.core.json.JsonObject().put("cycle", row.getString("key"))))
            : Future.succeededFuture(row))
        .compose(row -> requireChildrenClosed(connection, caller.orgId(), row))
        .compose(row -> insertResults(connection, caller.orgId(), cycleId, nodes.nodes(), closedAt))
        .compose(v -> connection.preparedQuery("UPDATE cycles SET closed = true, closed_at = $3, closed_by = $4, version = version + 1,"
                + " updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + Definitions.CYCLE_COLUMNS)
            .execute(Tuple.of(caller.orgId(), cycleId, closedAt, caller.source())))
        .compose(rows -> CycleRoutes.record(connection, caller, rows.iterator().next(), "closed"))
        .compose(cycleJson -> {
          CarryOver copier = new CarryOver(connection, caller, targetRow, closedAt);
          Map<UUID, JsonObject> states = new LinkedHashMap<>();
          nodes.nodes().forEach(n -> states.put(n.id(), n.state()));
          return copier.copy(carryOver, states)
              .map(copies -> new Closed(cycleJson, results, copies, copier.firstValues()))
              .compose(closed -> ChangeEvents.appendCycle(connection, caller.orgId(), ChangeTypes.CYCLE_CLOSED, cycleJson,
                      new ChangeEvents.Closing(caller.source(), results.size(), closed.copies().size()))
                  .map(closed));
        }));
  }

  /**
   * Refuses to close a year while one of its quarters is open, or a strategy while one of its years
   * is: the open cycle inside would keep moving while its parent's scores stood frozen.
   */
  private static Future<Row> requireChildrenClosed(SqlConnection connection, String orgId, Row cycle) {
    return connection.preparedQuery("SELECT key FROM cycles WHERE org_id = $1 AND parent_id = $2 AND NOT closed ORDER BY key")
        .execute(Tuple.of(orgId, cycle.getUUID("id")))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(cycle);
          }
          List<String> open = new ArrayList<>();
          rows.forEach(r -> open.add(r.getString("key")));
          return Future.failedFuture(ApiException.conflict("open_child_cycles", "Cycle " + cycle.getString("key") + " still contains the open "
              + (open.size() == 1 ? "cycle " : "cycles ") + String.join(", ", open) + "; close "
              + (open.size() == 1 ? "it" : "them") + " first",
              new io.vertx.core.json.JsonObject().put("cycle", cycle.getString("key")).put("openCycles", String.join(", ", open))));
        });
  }

  private static Future<Row> lockTarget(SqlConnection connection, String orgId, UUID targetId) {
    return connection.preparedQuery("SELECT id, key, kind, closed FROM cycles WHERE org_id = $1 AND id = $2 FOR SHARE")
        .execute(Tuple.of(orgId, targetId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("targetCycleId", "unknown_reference", "names no cycle of your organisation", null));
          }
          Row row = rows.iterator().next();
          if (row.getBoolean("closed")) {
            return Future.failedFuture(ApiException.invalid("targetCycleId", "target_closed", "names the closed cycle " + row.getString("key")
                + "; carry objectives over into an open cycle", new io.vertx.core.json.JsonObject().put("key", row.getString("key"))));
          }
          if ("strategy".equals(row.getString("kind"))) {
            return Future.failedFuture(ApiException.invalid("targetCycleId", "target_is_strategy", "names the strategy cycle " + row.getString("key")
                + "; objectives belong to annual or quarter cycles", new io.vertx.core.json.JsonObject().put("key", row.getString("key"))));
          }
          return Future.succeededFuture(row);
        });
  }

  private static Future<Void> insertResults(SqlConnection connection, String orgId, UUID cycleId, List<CycleNode> nodes,
                                            OffsetDateTime closedAt) {
    if (nodes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (CycleNode node : nodes) {
      JsonObject result = node.result();
      batch.add(Tuple.from(new Object[] {orgId, cycleId, node.id(), node.kind(), decimal(result.getValue("progress")),
          decimal(result.getValue("raw")), result.getString("status"), decimal(result.getValue("current")), closedAt}));
    }
    return connection.preparedQuery("INSERT INTO cycle_results (org_id, cycle_id, node_id, node_kind, progress, raw, status, current,"
            + " closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            + " ON CONFLICT (cycle_id, node_id) DO UPDATE SET progress = EXCLUDED.progress, raw = EXCLUDED.raw,"
            + " status = EXCLUDED.status, current = EXCLUDED.current, closed_at = EXCLUDED.closed_at")
        .executeBatch(batch)
        .mapEmpty();
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? null : new BigDecimal(value.toString());
  }

  /** Tells the engine about the closed cycle and the copies, then sends each copy its first value. */
  private Future<Void> announce(String orgId, UUID cycleId, Closed closed) {
    Future<Void> chain = publisher.definitionChanged(orgId, "cycle", cycleId.toString());
    for (JsonObject copy : closed.copies()) {
      chain = chain.compose(v -> publisher.definitionChanged(orgId, "node", copy.getString("id")));
      for (Object keyResult : copy.getJsonArray("keyResults")) {
        chain = chain.compose(v -> publisher.definitionChanged(orgId, "node", ((JsonObject) keyResult).getString("id")));
      }
    }
    List<CloudEvent> events = new ArrayList<>();
    for (JsonObject first : closed.firstValues()) {
      JsonObject event = new JsonObject()
          .put("specversion", "1.0")
          .put("id", UUID.randomUUID().toString())
          .put("source", Observation.CARRY_OVER_SOURCE)
          .put("type", EventType.KEY_RESULT_VALUE.wire())
          .put("subject", first.getString("id"))
          .put("time", Instant.now().toString())
          .put("orgid", orgId)
          .put("datacontenttype", "application/json")
          .put("data", new JsonObject().put("value", first.getValue("value")));
      CloudEventParser.Result parsed = parser.parse(event, false);
      if (parsed.valid()) {
        events.add(parsed.event());
      } else {
        LOG.warn("Carried-over key result {} of organisation {} gets no first value: {}", first.getString("id"), orgId,
            parsed.errors().get(0).field() + " " + parsed.errors().get(0).message());
      }
    }
    return chain.compose(v -> publisher.publish(events));
  }
}
