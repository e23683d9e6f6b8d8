package io.momentum.server.kpis;

import io.momentum.server.db.PgOrgStateLoader;
import io.momentum.server.http.ApiException;
import io.momentum.streams.engine.DriverTree;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a KPI's driver tree the way boards are read: definitions (drivers, formulas, targets)
 * from PostgreSQL, latest values from the cluster's live state that the organisation's owner
 * writes, else the values PostgreSQL stores. The tree is evaluated by a goal engine of just these
 * KPIs, so values, status and sensitivity follow the same rules as the live engine.
 */
final class DriverTreeReader {

  private static final Logger LOG = LoggerFactory.getLogger(DriverTreeReader.class);

  /** Largest number of KPIs below one KPI that a driver tree reads. */
  static final int MAX_KPIS = 2_000;

  private static final String CLOSURE = """
      WITH RECURSIVE closure(id, depth) AS (
        SELECT $2::uuid, 0
        UNION
        SELECT d.driver_id, c.depth + 1 FROM kpi_drivers d JOIN closure c ON d.kpi_id = c.id
        WHERE d.org_id = $1 AND c.depth < 50
      )
      SELECT DISTINCT id FROM closure LIMIT $3""";
  private static final String STORED_VALUES = """
      SELECT id, current_value, current_at, current_source FROM kpis
      WHERE org_id = $1 AND id = ANY($2) AND current_at IS NOT NULL""";
  private static final String STALE_DAYS = "SELECT stale_after_days FROM organisations WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final PgOrgStateLoader loader;
  private final LiveStateStore liveState;
  private final Clock clock;

  DriverTreeReader(Vertx vertx, Pool pool, LiveStateStore liveState, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.loader = new PgOrgStateLoader(pool);
    this.liveState = liveState;
    this.clock = clock;
  }

  /** Completes with the tree's JSON, or fails with 404 when the KPI is not in the organisation. */
  Future<JsonObject> read(String orgId, UUID kpiId, int depth) {
    return closure(orgId, kpiId)
        .compose(ids -> {
          Future<List<NodeDef>> definitions = loader.loadKpis(orgId, ids);
          Future<Map<String, Observation.Value>> values = values(orgId, ids);
          Future<Integer> staleDays = pool.preparedQuery(STALE_DAYS).execute(Tuple.of(orgId))
              .map(rows -> rows.size() == 0 ? GoalEngine.DEFAULT_STALE_AFTER_DAYS
                  : rows.iterator().next().getInteger(0));
          return Future.all(definitions, values, staleDays)
              .map(all -> evaluate(orgId, kpiId, depth, definitions.result(), values.result(), staleDays.result()));
        });
  }

  private Future<List<UUID>> closure(String orgId, UUID kpiId) {
    return pool.preparedQuery("SELECT 1 FROM kpis WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, kpiId))
        .compose(found -> found.size() == 0 ? Future.failedFuture(ApiException.notFound("KPI " + kpiId))
            : pool.preparedQuery(CLOSURE).execute(Tuple.of(orgId, kpiId, MAX_KPIS)))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>(rows.size());
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  /** Latest values by KPI id: the live state's where the cluster stores them, else the stored ones. */
  private Future<Map<String, Observation.Value>> values(String orgId, List<UUID> ids) {
    List<String> textIds = ids.stream().map(UUID::toString).toList();
    Future<Map<String, JsonObject>> live = vertx.executeBlocking(() -> liveState.epoch(orgId) == null
        ? Map.<String, JsonObject>of() : liveState.readNodes(orgId, textIds), false);
    Future<Map<String, Observation.Value>> stored = pool.preparedQuery(STORED_VALUES)
        .execute(Tuple.of(orgId, (Object) ids.toArray(UUID[]::new)))
        .map(rows -> {
          Map<String, Observation.Value> result = new HashMap<>();
          for (Row row : rows) {
            String id = row.getUUID("id").toString();
            OffsetDateTime at = row.getOffsetDateTime("current_at");
            result.put(id, new Observation.Value(id, row.getBigDecimal("current_value"), null, false,
                at.toInstant(), row.getString("current_source")));
          }
          return result;
        });
    return Future.all(live, stored).map(all -> {
      Map<String, Observation.Value> result = new HashMap<>(stored.result());
      live.result().forEach((id, json) -> {
        Object current = json.getValue("current");
        String updatedAt = json.getString("updatedAt");
        if (current != null && updatedAt != null) {
          result.put(id, new Observation.Value(id, new BigDecimal(current.toString()), null, false,
              Instant.parse(updatedAt), json.getString("source")));
        } else {
          result.remove(id);
        }
      });
      return result;
    });
  }

  private JsonObject evaluate(String orgId, UUID kpiId, int depth, List<NodeDef> definitions,
                              Map<String, Observation.Value> values, int staleDays) {
    GoalEngine engine = new GoalEngine(orgId, clock, staleDays);
    for (NodeDef definition : definitions) {
      try {
        engine.upsertNode(definition);
      } catch (IllegalArgumentException e) {
        // The owner's engine leaves out a stored definition it rejects, and so does the tree.
        LOG.warn("Skipped the definition of KPI {} of organisation {} in a driver tree: {}", definition.id(), orgId,
            e.getMessage());
      }
    }
    List<Observation.Value> observations = new ArrayList<>(values.values());
    observations.sort((a, b) -> a.time().compareTo(b.time()));
    engine.applyAll(observations);
    DriverTree tree = engine.driverTree(kpiId.toString(), depth)
        .orElseThrow(() -> ApiException.notFound("KPI " + kpiId));
    return tree.toJson().put("depth", depth).put("at", clock.instant().toString());
  }
}
