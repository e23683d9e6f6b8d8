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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The value history of a KPI for its sparkline: {@code GET /api/v1/kpis/{id}/history}, every
 * stored measurement in a time range, oldest first, marked applied or kept as history only.
 */
public final class KpiHistoryRoutes {

  /** Points one answer carries at most; a longer range answers its newest points. */
  static final int MAX_POINTS = 5_000;
  private static final Duration DEFAULT_RANGE = Duration.ofDays(180);

  private static final String HISTORY = """
      SELECT value, observed_at, source, applied FROM (
        SELECT value, observed_at, source, applied, id FROM measurements
        WHERE org_id = $1 AND node_id = $2 AND node_kind = 'kpi' AND observed_at >= $3 AND observed_at <= $4
        ORDER BY observed_at DESC, id DESC LIMIT $5
      ) newest ORDER BY observed_at, id""";

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
    pool.preparedQuery("SELECT 1 FROM kpis WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(caller.orgId(), id))
        .compose(found -> found.size() == 0 ? Future.failedFuture(ApiException.notFound("KPI " + id)) : Future.succeededFuture())
        .compose(v -> pool.preparedQuery(HISTORY).execute(Tuple.of(caller.orgId(), id, from.atOffset(ZoneOffset.UTC),
            to.atOffset(ZoneOffset.UTC), MAX_POINTS + 1)))
        .map(rows -> {
          JsonArray points = new JsonArray();
          boolean skipFirst = rows.size() > MAX_POINTS;
          for (Row row : rows) {
            if (skipFirst) {
              skipFirst = false;
              continue;
            }
            points.add(new JsonObject()
                .put("at", row.getOffsetDateTime("observed_at").toInstant().toString())
                .put("value", row.getBigDecimal("value"))
                .put("source", row.getString("source"))
                .put("applied", row.getBoolean("applied")));
          }
          return new JsonObject().put("kpiId", id.toString()).put("from", from.toString()).put("to", to.toString())
              .put("truncated", rows.size() > MAX_POINTS).put("points", points);
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be an instant such as 2026-11-30T00:00:00Z, not \"" + text + "\"");
    }
  }
}
