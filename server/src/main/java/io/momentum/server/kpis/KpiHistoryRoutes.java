package io.momentum.server.kpis;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The value history of a KPI for its sparkline: {@code GET /api/v1/kpis/{id}/history}, every
 * stored measurement in a time range, oldest first, marked applied or kept as history only. A KPI
 * computed by a formula is replayed from the measurements of the measured KPIs its formulas read.
 */
public final class KpiHistoryRoutes {

  /** Maximum points in one response; a longer range returns its newest points. */
  static final int MAX_POINTS = 5_000;
  private static final Duration DEFAULT_RANGE = Duration.ofDays(180);

  private static final String HISTORY = """
      SELECT value, observed_at, source, applied FROM (
        SELECT value, observed_at, source, applied, id FROM measurements
        WHERE org_id = $1 AND node_id = $2 AND node_kind = 'kpi' AND observed_at >= $3 AND observed_at <= $4
        ORDER BY observed_at DESC, id DESC LIMIT $5
      ) newest ORDER BY observed_at, id""";

  /** Each driver's last value before the range, then every driver value inside it, in time order. */
  private static final String DRIVER_VALUES = """
      SELECT node_id, value, observed_at FROM (
        SELECT DISTINCT ON (node_id) node_id, value, observed_at FROM measurements
        WHERE org_id = $1 AND node_id = ANY($2) AND node_kind = 'kpi' AND applied AND observed_at < $3
        ORDER BY node_id, observed_at DESC
      ) before
      UNION ALL
      (SELECT node_id, value, observed_at FROM measurements
       WHERE org_id = $1 AND node_id = ANY($2) AND node_kind = 'kpi' AND applied AND observed_at >= $3 AND observed_at <= $4
       ORDER BY observed_at LIMIT $5)
      ORDER BY observed_at""";
  /** Driver values one computed history reads at most. */
  private static final int MAX_DRIVER_VALUES = 50_000;
  /** Formula levels followed below a computed KPI; driver loops are rejected when drivers are set. */
  private static final int MAX_FORMULA_DEPTH = 20;

  /**
   * The computed KPIs below and including {@code $2}, each with its formula and drivers. The walk
   * descends only through formulas: a measured driver's own drivers explain it but do not compute it.
   */
  private static final String FORMULA_TREE = """
      WITH RECURSIVE tree(kpi_id, depth) AS (
        SELECT $2::uuid, 0
        UNION
        SELECT d.driver_id, t.depth + 1 FROM tree t
        JOIN kpis k ON k.org_id = $1 AND k.id = t.kpi_id AND k.formula IS NOT NULL
        JOIN kpi_drivers d ON d.org_id = $1 AND d.kpi_id = t.kpi_id
        WHERE t.depth < $3
      )
      SELECT DISTINCT k.id, k.formula, d.driver_id, d.variable FROM tree t
      JOIN kpis k ON k.org_id = $1 AND k.id = t.kpi_id AND k.formula IS NOT NULL
      LEFT JOIN kpi_drivers d ON d.org_id = $1 AND d.kpi_id = k.id""";

  private final Pool pool;
  private final Clock clock;

  public KpiHistoryRoutes(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/kpis/:id/history").handler(this::history);
  }

  private void history(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    QueryParams query = new QueryParams(ctx);
    String fromText = query.text("from");
    String toText = query.text("to");
    query.finish();
    Instant to = toText == null ? clock.instant() : instant("to", toText);
    Instant from = fromText == null ? to.minus(DEFAULT_RANGE) : instant("from", fromText);
    if (from.isAfter(to)) {
      throw ApiException.invalid("from", "must not be after to (" + to + ")");
    }
    pool.preparedQuery("SELECT formula FROM kpis WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(caller.orgId(), id))
        .compose(found -> {
          if (found.size() == 0) {
            return Future.failedFuture(ApiException.notFound("KPI " + id));
          }
          String formula = found.iterator().next().getString("formula");
          return formula == null ? measured(caller.orgId(), id, from, to) : computed(caller.orgId(), id, from, to);
        })
        .map(points -> {
          boolean truncated = points.size() > MAX_POINTS;
          JsonArray newest = new JsonArray(new ArrayList<>(points.subList(Math.max(0, points.size() - MAX_POINTS), points.size())));
          return new JsonObject().put("kpiId", id.toString()).put("from", from.toString()).put("to", to.toString())
              .put("truncated", truncated).put("points", newest);
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Stored measurements of a measured KPI, oldest first. */
  private Future<List<JsonObject>> measured(String orgId, UUID id, Instant from, Instant to) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(orgId, id, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
            MAX_POINTS + 1))
        .map(rows -> {
          List<JsonObject> points = new ArrayList<>();
          for (Row row : rows) {
            points.add(new JsonObject()
                .put("at", row.getOffsetDateTime("observed_at").toInstant().toString())
                .put("value", row.getBigDecimal("value"))
                .put("source", row.getString("source"))
                .put("applied", row.getBoolean("applied")));
          }
          return points;
        });
  }

  /**
   * Replays the values of a KPI computed by a formula from the stored measurements of the
   * measured KPIs below it: one point at every time one of them changed, once the formula had a
   * value. A driver that is itself computed is replayed the same way, deepest formula first.
   */
  private Future<List<JsonObject>> computed(String orgId, UUID id, Instant from, Instant to) {
    return pool.preparedQuery(FORMULA_TREE).execute(Tuple.of(orgId, id, MAX_FORMULA_DEPTH))
        .compose(rows -> {
          FormulaTree tree = FormulaTree.of(id, rows);
          if (tree.measured().isEmpty()) {
            return Future.succeededFuture(List.<JsonObject>of());
          }
          return pool.preparedQuery(DRIVER_VALUES).execute(Tuple.tuple().addValue(orgId)
                  .addValue(tree.measured().toArray(UUID[]::new)).addValue(from.atOffset(ZoneOffset.UTC))
                  .addValue(to.atOffset(ZoneOffset.UTC)).addValue(MAX_DRIVER_VALUES))
              .map(values -> replay(tree, values, from));
        });
  }

  private static List<JsonObject> replay(FormulaTree tree, Iterable<Row> rows, Instant from) {
    Map<UUID, BigDecimal> values = new HashMap<>();
    List<JsonObject> points = new ArrayList<>();
    Instant pending = null;
    for (Row row : rows) {
      Instant at = row.getOffsetDateTime("observed_at").toInstant();
      if (pending != null && !at.equals(pending)) {
        addPoint(points, tree, values, pending, from);
      }
      values.put(row.getUUID("node_id"), row.getBigDecimal("value"));
      pending = at;
    }
    if (pending != null) {
      addPoint(points, tree, values, pending, from);
    }
    return points;
  }

  private static void addPoint(List<JsonObject> points, FormulaTree tree, Map<UUID, BigDecimal> values, Instant at,
                               Instant from) {
    if (at.isBefore(from)) {
      return;
    }
    tree.evaluate(values).ifPresent(value -> points.add(new JsonObject()
        .put("at", at.toString()).put("value", value).put("source", "formula").put("applied", true)));
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be an instant such as 2026-11-30T00:00:00Z, not \"" + text + "\"");
    }
  }
}
