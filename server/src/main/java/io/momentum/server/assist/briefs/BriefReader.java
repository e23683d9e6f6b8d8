package io.momentum.server.assist.briefs;

import io.momentum.server.history.TimeTravel;
import io.momentum.server.http.ApiException;
import io.momentum.streams.engine.BoardRef;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the inputs of a brief. The objectives and key results come from the cluster's live state,
 * or from time travel for a brief as of a past instant. Their states at the period's start, and
 * for a quarterly brief at each full month of the cycle, come from time travel. The units, the
 * cycle, the period's check-ins and the signals unresolved at the brief's instant come from
 * PostgreSQL.
 */
final class BriefReader {

  /** Most objectives a brief evaluates; time travel reads each one at up to a dozen instants. */
  static final int MAX_OBJECTIVES = 400;

  private static final String STALE_AFTER_DAYS = "SELECT stale_after_days FROM organisations WHERE id = $1";
  private static final String CYCLE = "SELECT id, name, kind, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2";
  private static final String UNIT = "SELECT id, name, kind, parent_id FROM units WHERE org_id = $1 AND id = $2";
  private static final String SUB_UNITS = """
      WITH RECURSIVE tree AS (
        SELECT id, name, kind, parent_id, 0 AS depth, ARRAY[name] AS path FROM units WHERE org_id = $1 AND id = $2
        UNION ALL
        SELECT u.id, u.name, u.kind, u.parent_id, t.depth + 1, t.path || u.name
        FROM units u JOIN tree t ON u.parent_id = t.id WHERE u.org_id = $1 AND t.depth < 20)
      SELECT id, name, kind, parent_id, depth FROM tree ORDER BY path""";
  private static final String OBJECTIVES = """
      SELECT id FROM objectives WHERE org_id = $1 AND unit_id = ANY($2) AND cycle_id = $3 AND kind = 'objective'
        AND created_at <= $4 ORDER BY title, id""";
  private static final String CHECK_INS = """
      SELECT id, key_result_id, value, confidence, note, blockers, author, source, observed_at FROM check_ins
      WHERE org_id = $1 AND key_result_id = ANY($2) AND observed_at > $3 AND observed_at <= $4
      ORDER BY observed_at DESC, id DESC LIMIT 2000""";
  private static final String SIGNALS = """
      SELECT id, kind, severity, state, node_ids, unit_ids, raised_at, params->>'title' AS subject_title,
        params->>'kind' AS subject_kind, params->>'relation' AS relation, params->>'otherTitle' AS other_title,
        params->>'otherKind' AS other_kind FROM signals
      WHERE org_id = $1 AND raised_at <= $4 AND (resolved_at IS NULL OR resolved_at > $4)
        AND (node_ids && $2::uuid[] OR unit_ids && $3::uuid[])
      ORDER BY raised_at DESC, id LIMIT 50""";

  private final Vertx vertx;
  private final Pool pool;
  private final LiveStateStore liveState;
  private final TimeTravel timeTravel;

  BriefReader(Vertx vertx, Pool pool, LiveStateStore liveState) {
    this.vertx = vertx;
    this.pool = pool;
    this.liveState = liveState;
    this.timeTravel = new TimeTravel(vertx, pool);
  }

  /**
   * Reads the inputs of one brief. With {@code live} true the state at {@code asOf} is the live
   * state; otherwise it is evaluated as of {@code asOf}. Fails with 404 when the unit or cycle is
   * not the organisation's, and with 503 while the organisation's live state is being built.
   */
  Future<BriefInputs> read(String orgId, BriefKind kind, UUID unitId, UUID cycleId, Instant asOf, boolean live) {
    Future<BriefInputs.Cycle> cycle = readCycle(orgId, cycleId);
    Future<List<BriefInputs.Unit>> units = readUnits(orgId, unitId, kind);
    return Future.all(cycle, units).compose(both -> {
      Instant periodStart = kind.periodStart(asOf, cycle.result().start());
      List<String> unitIds = units.result().stream().map(BriefInputs.Unit::id).toList();
      Future<List<JsonObject>> now = live
          ? liveNodes(orgId, unitIds, cycleId.toString())
          : objectiveIds(orgId, unitIds, cycleId, asOf).compose(ids -> evaluate(orgId, ids, asOf))
              .map(states -> inScope(states.values(), unitIds, cycleId.toString()));
      return now.compose(nodes -> readPast(orgId, kind, nodes, periodStart, cycle.result(), asOf)
          .compose(past -> {
            Future<List<BriefInputs.CheckIn>> checkIns = checkIns(orgId, nodes, periodStart, asOf);
            Future<List<BriefInputs.Signal>> signals = signals(orgId, nodes, unitIds, asOf);
            Future<Integer> staleAfterDays = pool.preparedQuery(STALE_AFTER_DAYS).execute(Tuple.of(orgId))
                .map(rows -> (int) rows.iterator().next().getShort(0));
            return Future.all(checkIns, signals, staleAfterDays).map(all -> new BriefInputs(kind, orgId, asOf, periodStart,
                live ? "live" : "history", cycle.result(), units.result(), nodes, past, checkIns.result(),
                signals.result(), staleAfterDays.result()));
          }));
    });
  }

  private Future<BriefInputs.Cycle> readCycle(String orgId, UUID cycleId) {
    return pool.preparedQuery(CYCLE).execute(Tuple.of(orgId, cycleId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiException.notFound("Cycle " + cycleId));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new BriefInputs.Cycle(row.getUUID("id").toString(), row.getString("name"),
          row.getString("kind"), row.getLocalDate("start_date"), row.getLocalDate("end_date")));
    });
  }

  private Future<List<BriefInputs.Unit>> readUnits(String orgId, UUID unitId, BriefKind kind) {
    String sql = kind == BriefKind.WEEKLY ? UNIT.replace("parent_id", "parent_id, 0 AS depth") : SUB_UNITS;
    return pool.preparedQuery(sql).execute(Tuple.of(orgId, unitId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiException.notFound("Unit " + unitId));
      }
      List<BriefInputs.Unit> units = new ArrayList<>();
      for (Row row : rows) {
        UUID parent = row.getUUID("parent_id");
        units.add(new BriefInputs.Unit(row.getUUID("id").toString(), row.getString("name"), row.getString("kind"),
            parent == null ? null : parent.toString(), row.getInteger("depth")));
      }
      return Future.succeededFuture(units);
    });
  }

  /** Reads the objectives of the cycle and their key results from the live boards of the units. */
  private Future<List<JsonObject>> liveNodes(String orgId, List<String> unitIds, String cycleId) {
    return vertx.executeBlocking(() -> {
      List<JsonObject> nodes = new ArrayList<>();
      for (String unitId : unitIds) {
        LiveStateStore.BoardState board = liveState.read(orgId, new BoardRef(BoardRef.Type.UNIT, unitId));
        if (board.epoch() == null) {
          throw new ApiException(503, "live_state_loading",
              "The live state of organisation " + orgId + " is being built; retry in a few seconds");
        }
        for (Object node : board.nodes()) {
          nodes.add((JsonObject) node);
        }
      }
      return inScope(nodes, unitIds, cycleId);
    }, false);
  }

  /** Keeps the objectives of the cycle in the units and the key results of those objectives, objectives first. */
  private static List<JsonObject> inScope(Iterable<JsonObject> nodes, List<String> unitIds, String cycleId) {
    List<JsonObject> objectives = new ArrayList<>();
    Set<String> objectiveIds = new HashSet<>();
    for (JsonObject node : nodes) {
      if ("objective".equals(node.getString("kind")) && cycleId.equals(node.getString("cycleId"))
          && unitIds.contains(node.getString("unitId")) && objectiveIds.add(node.getString("id"))) {
        objectives.add(node);
      }
    }
    objectives.sort(BriefReader::byTitle);
    List<JsonObject> keyResults = new ArrayList<>();
    Set<String> keyResultIds = new HashSet<>();
    for (JsonObject node : nodes) {
      if ("key_result".equals(node.getString("kind")) && objectiveIds.contains(node.getString("parentId"))
          && keyResultIds.add(node.getString("id"))) {
        keyResults.add(node);
      }
    }
    keyResults.sort(BriefReader::byTitle);
    List<JsonObject> all = new ArrayList<>(objectives);
    all.addAll(keyResults);
    return all;
  }

  private static int byTitle(JsonObject a, JsonObject b) {
    int byTitle = String.valueOf(a.getString("title")).compareTo(String.valueOf(b.getString("title")));
    return byTitle != 0 ? byTitle : a.getString("id").compareTo(b.getString("id"));
  }

  private Future<List<UUID>> objectiveIds(String orgId, List<String> unitIds, UUID cycleId, Instant asOf) {
    UUID[] units = unitIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return pool.preparedQuery(OBJECTIVES)
        .execute(Tuple.of(orgId, units, cycleId, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC)))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  /**
   * Reads the states at the period's start and, for a quarterly brief, at each full month after
   * the cycle's start before {@code asOf}, of the objectives now in the brief and their subtrees.
   */
  private Future<Map<Instant, Map<String, JsonObject>>> readPast(String orgId, BriefKind kind, List<JsonObject> nodes,
      Instant periodStart, BriefInputs.Cycle cycle, Instant asOf) {
    List<UUID> objectiveIds = new ArrayList<>();
    for (JsonObject node : nodes) {
      if ("objective".equals(node.getString("kind"))) {
        objectiveIds.add(UUID.fromString(node.getString("id")));
      }
    }
    if (objectiveIds.size() > MAX_OBJECTIVES) {
      return Future.failedFuture(new ApiException(422, "too_many_objectives", "The brief would cover "
          + objectiveIds.size() + " objectives, more than the " + MAX_OBJECTIVES + " a brief evaluates; choose a smaller unit"));
    }
    List<Instant> instants = new ArrayList<>();
    instants.add(periodStart);
    if (kind == BriefKind.QUARTERLY) {
      for (int month = 1; month <= 11; month++) {
        Instant checkpoint = cycle.start().plusMonths(month).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!checkpoint.isBefore(asOf)) {
          break;
        }
        instants.add(checkpoint);
      }
    }
    Map<Instant, Map<String, JsonObject>> past = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Instant at : instants) {
      chain = chain.compose(v -> evaluate(orgId, objectiveIds, at)).map(states -> {
        // A node that was in another cycle then (an objective carried over since) has no earlier state in this one.
        states.values().removeIf(state -> !cycle.id().equals(state.getString("cycleId")));
        past.put(at, states);
        return null;
      });
    }
    return chain.map(v -> past);
  }

  /** Evaluates objectives one after the other as of {@code at}; an objective that did not exist then is left out. */
  private Future<Map<String, JsonObject>> evaluate(String orgId, List<UUID> objectiveIds, Instant at) {
    Map<String, JsonObject> states = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (UUID id : objectiveIds) {
      chain = chain.compose(v -> timeTravel.evaluate(orgId, id, at)
          .map(json -> {
            for (Object node : json.getJsonArray("nodes", new JsonArray())) {
              JsonObject state = (JsonObject) node;
              states.putIfAbsent(state.getString("id"), state);
            }
            return (Void) null;
          })
          .recover(e -> e instanceof ApiException api && api.status() == 404
              ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    return chain.map(v -> states);
  }

  private Future<List<BriefInputs.CheckIn>> checkIns(String orgId, List<JsonObject> nodes, Instant from, Instant to) {
    UUID[] keyResults = nodes.stream().filter(n -> "key_result".equals(n.getString("kind")))
        .map(n -> UUID.fromString(n.getString("id"))).toArray(UUID[]::new);
    if (keyResults.length == 0) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(CHECK_INS).execute(Tuple.of(orgId, keyResults, OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
        OffsetDateTime.ofInstant(to, ZoneOffset.UTC))).map(rows -> {
          List<BriefInputs.CheckIn> checkIns = new ArrayList<>();
          for (Row row : rows) {
            checkIns.add(new BriefInputs.CheckIn(row.getLong("id"), row.getUUID("key_result_id").toString(),
                row.getBigDecimal("value"), row.getInteger("confidence"), row.getString("note"),
                row.getString("blockers"), row.getString("author"), row.getString("source"),
                row.getOffsetDateTime("observed_at").toInstant()));
          }
          return checkIns;
        });
  }

  private Future<List<BriefInputs.Signal>> signals(String orgId, List<JsonObject> nodes, List<String> unitIds, Instant at) {
    UUID[] nodeIds = nodes.stream().map(n -> UUID.fromString(n.getString("id"))).toArray(UUID[]::new);
    UUID[] units = unitIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return pool.preparedQuery(SIGNALS).execute(Tuple.of(orgId, nodeIds, units, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)))
        .map(rows -> {
          List<BriefInputs.Signal> signals = new ArrayList<>();
          for (Row row : rows) {
            signals.add(new BriefInputs.Signal(row.getUUID("id").toString(), row.getString("kind"),
                row.getString("severity"), row.getString("state"), strings(row.getArrayOfUUIDs("node_ids")),
                strings(row.getArrayOfUUIDs("unit_ids")), row.getOffsetDateTime("raised_at").toInstant(),
                row.getString("subject_title"), row.getString("subject_kind"), row.getString("relation"),
                row.getString("other_title"), row.getString("other_kind")));
          }
          return signals;
        });
  }

  private static List<String> strings(UUID[] ids) {
    List<String> strings = new ArrayList<>();
    if (ids != null) {
      for (UUID id : ids) {
        strings.add(id.toString());
      }
    }
    return strings;
  }
}
