package io.momentum.server.checkins;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.PathIds;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reading check-ins: {@code GET /key-results/{id}/check-ins} (newest first, paged by check-in id)
 * and {@code GET /key-results/{id}/history} (value and confidence points for charts, following
 * {@code carried_from} into the cycles a key result was carried over from). Check-ins are made
 * with {@code POST /key-results/{id}/check-ins}, which publishes them into Kafka.
 */
public final class CheckInRoutes {

  /** Maximum points in one history response; a longer range returns its latest points. */
  static final int MAX_POINTS = 10_000;
  /** Longest chain of carried-over copies the history follows. */
  static final int MAX_CHAIN = 20;

  private static final String CHECK_INS = """
      SELECT id, value, confidence, note, blockers, author, author_id, observed_at, source, applied, created_at
      FROM check_ins WHERE org_id = $1 AND key_result_id = $2
        AND ($3::bigint IS NULL OR (observed_at, id) < (SELECT observed_at, id FROM check_ins WHERE org_id = $1 AND id = $3))
      ORDER BY observed_at DESC, id DESC LIMIT $4""";
  private static final String CHAIN = """
      WITH RECURSIVE chain AS (
        SELECT id, key, carried_from, objective_id, 0 AS depth FROM key_results WHERE org_id = $1 AND id = $2
        UNION ALL
        SELECT k.id, k.key, k.carried_from, k.objective_id, c.depth + 1 FROM key_results k JOIN chain c ON k.id = c.carried_from
        WHERE k.org_id = $1 AND c.depth < $3)
      SELECT chain.id, chain.key, chain.depth, o.cycle_id FROM chain JOIN objectives o ON o.id = chain.objective_id
      ORDER BY chain.depth""";
  private static final String POINTS = """
      SELECT * FROM (
        SELECT 'measurement' AS kind, node_id AS key_result_id, value, NULL::smallint AS confidence, observed_at, source, applied, id
        FROM measurements WHERE org_id = $1 AND node_id = ANY($2) AND observed_at >= $3 AND observed_at <= $4
        UNION ALL
        SELECT 'check_in', key_result_id, value, confidence, observed_at, source, applied, id
        FROM check_ins WHERE org_id = $1 AND key_result_id = ANY($2) AND observed_at >= $3 AND observed_at <= $4) p
      ORDER BY observed_at DESC, kind, id DESC LIMIT $5""";

  private final Pool pool;
  private final Clock clock;

  public CheckInRoutes(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/key-results/:id/check-ins").handler(this::listCheckIns);
    router.get("/api/v1/key-results/:id/history").handler(this::history);
  }

  private void listCheckIns(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = pathId(ctx, "Key result");
    QueryParams query = new QueryParams(ctx);
    Long after = Cursors.id(query, "after");
    int limit = query.limit();
    query.finish();
    requireKeyResult(caller.orgId(), id)
        .compose(v -> pool.preparedQuery(CHECK_INS).execute(Tuple.of(caller.orgId(), id, after, limit + 1)))
        .map(rows -> Cursors.page(rows, limit, row -> checkIn(id, row)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static JsonObject checkIn(UUID keyResultId, Row row) {
    return new JsonObject()
        .put("id", String.valueOf(row.getLong("id")))
        .put("keyResultId", keyResultId.toString())
        .put("value", row.getBigDecimal("value"))
        .put("confidence", row.getValue("confidence") == null ? null : (int) row.getShort("confidence"))
        .put("note", row.getString("note"))
        .put("blockers", row.getString("blockers"))
        .put("author", row.getString("author"))
        .put("authorId", row.getUUID("author_id") == null ? null : row.getUUID("author_id").toString())
        .put("observedAt", row.getOffsetDateTime("observed_at").toInstant().toString())
        .put("source", row.getString("source"))
        .put("applied", row.getBoolean("applied"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private void history(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = pathId(ctx, "Key result");
    QueryParams query = new QueryParams(ctx);
    Instant from = Cursors.instant(query, "from");
    Instant to = Cursors.instant(query, "to");
    query.finish();
    Instant end = to != null ? to : Instant.now(clock);
    Instant start = from != null ? from : Instant.EPOCH;
    if (start.isAfter(end)) {
      throw ApiException.invalid("from", "is after to (" + end + "); give a range whose start comes first");
    }
    pool.preparedQuery(CHAIN).execute(Tuple.of(caller.orgId(), id, MAX_CHAIN))
        .compose(chainRows -> {
          if (chainRows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("Key result " + id));
          }
          JsonArray chain = new JsonArray();
          List<UUID> ids = new ArrayList<>();
          java.util.Map<UUID, String> cycles = new java.util.HashMap<>();
          for (Row row : chainRows) {
            ids.add(row.getUUID("id"));
            cycles.put(row.getUUID("id"), row.getUUID("cycle_id").toString());
            chain.add(new JsonObject().put("id", row.getUUID("id").toString()).put("key", row.getString("key"))
                .put("cycleId", row.getUUID("cycle_id").toString()));
          }
          return pool.preparedQuery(POINTS)
              .execute(Tuple.of(caller.orgId(), ids.toArray(UUID[]::new), utc(start), utc(end), MAX_POINTS + 1))
              .map(rows -> historyJson(id, start, end, chain, cycles, rows));
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static JsonObject historyJson(UUID id, Instant from, Instant to, JsonArray chain, java.util.Map<UUID, String> cycles,
                                        io.vertx.sqlclient.RowSet<Row> rows) {
    List<JsonObject> points = new ArrayList<>();
    for (Row row : rows) {
      if (points.size() == MAX_POINTS) {
        break;
      }
      UUID keyResult = row.getUUID("key_result_id");
      points.add(new JsonObject()
          .put("time", row.getOffsetDateTime("observed_at").toInstant().toString())
          .put("value", row.getBigDecimal("value"))
          .put("confidence", row.getValue("confidence") == null ? null : (int) row.getShort("confidence"))
          .put("source", row.getString("source"))
          .put("applied", row.getBoolean("applied"))
          .put("kind", row.getString("kind"))
          .put("keyResultId", keyResult.toString())
          .put("cycleId", cycles.get(keyResult)));
    }
    Collections.reverse(points);
    return new JsonObject()
        .put("keyResultId", id.toString())
        .put("from", from.toString())
        .put("to", to.toString())
        .put("chain", chain)
        .put("points", new JsonArray(new ArrayList<>(points)))
        .put("truncated", rows.size() > MAX_POINTS);
  }

  private Future<Void> requireKeyResult(String orgId, UUID id) {
    return pool.preparedQuery("SELECT 1 FROM key_results WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Key result " + id)) : Future.succeededFuture());
  }

  static UUID pathId(RoutingContext ctx, String what) {
    return PathIds.read(ctx, "id", what);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
