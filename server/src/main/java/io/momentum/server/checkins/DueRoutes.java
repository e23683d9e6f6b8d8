package io.momentum.server.checkins;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.QueryParams;
import io.momentum.server.settings.SettingsRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code GET /api/v1/check-ins/due?unit=&owner=&at=}: the key results due or overdue for a
 * check-in, per person and per team, by the rule of {@link DueCheckIns} and the organisation's
 * check-in day. {@code unit} includes the units below it; {@code at} (default now) evaluates the
 * lists at another instant, counting only check-ins observed by then. Items are paged by key;
 * the counts cover every item.
 */
public final class DueRoutes {

  // A key result without its own owner or unit belongs to its objective's.
  private static final String CANDIDATES = """
      WITH RECURSIVE scope AS (
        SELECT id FROM units WHERE org_id = $1 AND id = $2
        UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id WHERE u.org_id = $1)
      SELECT k.id, k.key, k.title, k.objective_id, k.created_at, c.id AS cycle_id, c.start_date,
             coalesce(k.owner_id, o.owner_id) AS owner_id, coalesce(k.owner_name, o.owner_name) AS owner_name,
             un.id AS unit_id, un.key AS unit_key, un.name AS unit_name,
             (SELECT max(ci.observed_at) FROM check_ins ci
              WHERE ci.org_id = $1 AND ci.key_result_id = k.id AND ci.observed_at <= $4) AS last_check_in
      FROM key_results k JOIN objectives o ON o.id = k.objective_id JOIN cycles c ON c.id = o.cycle_id
      LEFT JOIN units un ON un.id = coalesce(k.unit_id, o.unit_id)
      WHERE k.org_id = $1 AND k.archived_at IS NULL AND o.archived_at IS NULL AND NOT c.closed AND c.start_date <= $5
        AND k.created_at <= $4
        AND ($2::uuid IS NULL OR coalesce(k.unit_id, o.unit_id) IN (SELECT id FROM scope))
        AND ($3::uuid IS NULL OR coalesce(k.owner_id, o.owner_id) = $3)
      ORDER BY k.key""";

  private final Pool pool;
  private final Clock clock;

  public DueRoutes(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/check-ins/due").handler(this::listDue);
  }

  private void listDue(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    UUID owner = query.uuid("owner");
    Instant requested = Cursors.instant(query, "at");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Instant at = requested != null ? requested : Instant.now(clock);
    OffsetDateTime atUtc = CheckInRoutes.utc(at);
    SettingsRoutes.read(pool, caller.orgId())
        .compose(settings -> {
          DueCheckIns rule = DueCheckIns.at(at, settings.getInteger("checkInDay"));
          return pool.preparedQuery(CANDIDATES)
              .execute(Tuple.of(caller.orgId(), unit, owner, atUtc, atUtc.toLocalDate()))
              .map(rows -> answer(rule, rows, after, limit));
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static JsonObject answer(DueCheckIns rule, RowSet<Row> rows, String after, int limit) {
    JsonArray items = new JsonArray();
    Map<String, JsonObject> people = new LinkedHashMap<>();
    Map<String, JsonObject> teams = new LinkedHashMap<>();
    String nextCursor = null;
    for (Row row : rows) {
      OffsetDateTime last = row.getOffsetDateTime("last_check_in");
      String state = rule.state(last == null ? null : last.toInstant(), row.getOffsetDateTime("created_at").toInstant(),
          row.getLocalDate("start_date"));
      if (state == null) {
        continue;
      }
      String ownerId = text(row.getUUID("owner_id"));
      String ownerName = row.getString("owner_name");
      count(people, ownerId != null ? ownerId : "name:" + Objects.toString(ownerName, ""), state,
          () -> new JsonObject().put("ownerId", ownerId).put("ownerName", ownerName));
      String unitId = text(row.getUUID("unit_id"));
      count(teams, Objects.toString(unitId, ""), state,
          () -> new JsonObject().put("unitId", unitId).put("key", row.getString("unit_key")).put("name", row.getString("unit_name")));
      String key = row.getString("key");
      if (after != null && key.compareTo(after) <= 0) {
        continue;
      }
      if (items.size() == limit) {
        nextCursor = items.getJsonObject(limit - 1).getString("key");
        continue;
      }
      items.add(new JsonObject()
          .put("keyResultId", row.getUUID("id").toString())
          .put("key", key)
          .put("title", row.getString("title"))
          .put("objectiveId", row.getUUID("objective_id").toString())
          .put("cycleId", row.getUUID("cycle_id").toString())
          .put("ownerId", ownerId)
          .put("ownerName", ownerName)
          .put("unitId", unitId)
          .put("state", state)
          .put("lastCheckInAt", last == null ? null : last.toInstant().toString()));
    }
    return new JsonObject()
        .put("at", rule.at().toString())
        .put("checkInDay", rule.checkInDay())
        .put("weekStart", rule.weekStart().toString())
        .put("previousWeekStart", rule.previousWeekStart().toString())
        .put("items", items)
        .put("nextCursor", nextCursor)
        .put("people", new JsonArray(new java.util.ArrayList<>(people.values())))
        .put("teams", new JsonArray(new java.util.ArrayList<>(teams.values())));
  }

  /** Counts a due key result for a person or team; {@code due} includes the overdue ones. */
  private static void count(Map<String, JsonObject> groups, String id, String state, java.util.function.Supplier<JsonObject> create) {
    JsonObject group = groups.computeIfAbsent(id, k -> create.get().put("due", 0).put("overdue", 0));
    group.put("due", group.getInteger("due") + 1);
    if ("overdue".equals(state)) {
      group.put("overdue", group.getInteger("overdue") + 1);
    }
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
