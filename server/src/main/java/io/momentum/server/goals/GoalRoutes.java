package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * REST API of goal nodes: objectives (and strategic outcomes), key results and KPIs. A created
 * node is stored in PostgreSQL and announced on Kafka, so the engine that owns the organisation
 * loads it and live boards show it.
 */
public final class GoalRoutes {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_MILESTONES = 50;
  static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");

  private static final String OBJECTIVE_COLUMNS =
      "id, key, kind, title, description, parent_id, unit_id, cycle_id, owner_name, weight, rollup_children, version, created_at, updated_at";
  private static final String KEY_RESULT_COLUMNS =
      "id, key, objective_id, title, measurement, unit_id, owner_name, weight, start_value, target_value, low_value, high_value,"
          + " tolerance, commit_value, stretch_value, unit, kpi_id, milestones, current_value, current_at, current_source,"
          + " confidence, version, created_at, updated_at";
  private static final String KPI_COLUMNS =
      "id, key, title, unit_id, owner_name, unit, direction, start_value, target_value, green, red, current_value,"
          + " current_at, current_source, version, created_at, updated_at";

  private final Pool pool;
  private final EventPublisher publisher;

  public GoalRoutes(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  public void mount(Router router) {
    router.get("/api/v1/objectives").handler(this::listObjectives);
    router.post("/api/v1/objectives").handler(this::createObjective);
    router.get("/api/v1/objectives/:id").handler(this::getObjective);
    router.get("/api/v1/key-results").handler(this::listKeyResults);
    router.post("/api/v1/key-results").handler(this::createKeyResult);
    router.get("/api/v1/key-results/:id").handler(this::getKeyResult);
    router.get("/api/v1/kpis").handler(this::listKpis);
    router.post("/api/v1/kpis").handler(this::createKpi);
    router.get("/api/v1/kpis/:id").handler(this::getKpi);
  }

  private void listObjectives(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    UUID cycle = query.uuid("cycle");
    UUID parent = query.uuid("parent");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + OBJECTIVE_COLUMNS + " FROM objectives WHERE org_id = $1"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::uuid IS NULL OR cycle_id = $3)"
                + " AND ($4::uuid IS NULL OR parent_id = $4) AND ($5::text IS NULL OR key > $5)"
                + " ORDER BY key LIMIT $6",
            Tuple.of(caller.orgId(), unit, cycle, parent, after), limit, GoalJson::objective)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getObjective(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    Pages.one(pool, "SELECT " + OBJECTIVE_COLUMNS + " FROM objectives WHERE org_id = $1 AND id = $2",
            Tuple.of(caller.orgId(), id), "Objective " + id, GoalJson::objective)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createObjective(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String key = body.key("key", true);
    String kind = body.oneOf("kind", List.of("objective", "strategic_outcome"), false);
    kind = kind == null ? "objective" : kind;
    String title = body.text("title", MAX_TITLE, true);
    String description = body.text("description", MAX_DESCRIPTION, false);
    UUID parentId = body.uuid("parentId", false);
    UUID unitId = body.uuid("unitId", true);
    UUID cycleId = body.uuid("cycleId", true);
    String owner = body.text("ownerName", 120, false);
    BigDecimal weight = weight(body);
    Boolean rollupChildren = body.bool("rollupChildren", false);
    if ("strategic_outcome".equals(kind) && parentId != null) {
      body.reject("parentId", "a strategic outcome is the top of an alignment chain and has no parent");
    }
    body.finish();
    String nodeKind = kind;
    UUID id = UUID.randomUUID();
    Future<Void> checks = Ids.requireInOrg(pool, "units", caller.orgId(), unitId, "unitId", "unit")
        .compose(v -> checkObjectiveCycle(caller.orgId(), cycleId, nodeKind))
        .compose(v -> parentId == null ? Future.succeededFuture()
            : Ids.requireInOrg(pool, "objectives", caller.orgId(), parentId, "parentId", "objective or strategic outcome"));
    checks
        .compose(v -> pool.withTransaction(connection -> insertKey(connection, caller.orgId(), key, id, nodeKind)
            .compose(x -> connection.preparedQuery("INSERT INTO objectives (id, org_id, key, kind, title, description, parent_id, unit_id,"
                    + " cycle_id, owner_name, weight, rollup_children) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                    + " RETURNING " + OBJECTIVE_COLUMNS)
                .execute(Tuple.from(new Object[] {id, caller.orgId(), key, nodeKind, title, description, parentId,
                    unitId, cycleId, owner, weight, rollupChildren})))))
        .compose(rows -> announce(caller, id, GoalJson.objective(rows.iterator().next())))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/objectives/" + id, json))
        .onFailure(ctx::fail);
  }

  /** Strategic outcomes live in strategy cycles; objectives in annual cycles and quarters. */
  private Future<Void> checkObjectiveCycle(String orgId, UUID cycleId, String kind) {
    return pool.preparedQuery("SELECT kind FROM cycles WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, cycleId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("cycleId", "names no cycle of your organisation"));
          }
          String cycleKind = rows.iterator().next().getString("kind");
          boolean outcome = "strategic_outcome".equals(kind);
          if (outcome != "strategy".equals(cycleKind)) {
            return Future.failedFuture(ApiException.invalid("cycleId", outcome
                ? "a strategic outcome belongs to a strategy cycle, not a " + cycleKind + " cycle"
                : "an objective belongs to an annual or quarter cycle, not a strategy cycle"));
          }
          return Future.succeededFuture();
        });
  }

  private void listKeyResults(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID objective = query.uuid("objective");
    UUID unit = query.uuid("unit");
    UUID cycle = query.uuid("cycle");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + prefixed("k.", KEY_RESULT_COLUMNS) + " FROM key_results k JOIN objectives o ON o.id = k.objective_id"
                + " WHERE k.org_id = $1 AND ($2::uuid IS NULL OR k.objective_id = $2)"
                + " AND ($3::uuid IS NULL OR o.unit_id = $3) AND ($4::uuid IS NULL OR o.cycle_id = $4)"
                + " AND ($5::text IS NULL OR k.key > $5) ORDER BY k.key LIMIT $6",
            Tuple.of(caller.orgId(), objective, unit, cycle, after), limit, GoalJson::keyResult)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getKeyResult(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    Pages.one(pool, "SELECT " + KEY_RESULT_COLUMNS + " FROM key_results WHERE org_id = $1 AND id = $2",
            Tuple.of(caller.orgId(), id), "Key result " + id, GoalJson::keyResult)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createKeyResult(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    KeyResultInput input = KeyResultInput.read(body);
    body.finish();
    UUID id = UUID.randomUUID();
    Future<Void> checks = checkObjective(caller.orgId(), input.objectiveId())
        .compose(v -> input.unitId() == null ? Future.succeededFuture()
            : Ids.requireInOrg(pool, "units", caller.orgId(), input.unitId(), "unitId", "unit"))
        .compose(v -> input.kpiId() == null ? Future.succeededFuture()
            : Ids.requireInOrg(pool, "kpis", caller.orgId(), input.kpiId(), "kpiId", "KPI"));
    checks
        .compose(v -> pool.withTransaction(connection -> insertKey(connection, caller.orgId(), input.key(), id, "key_result")
            .compose(x -> connection.preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement,"
                    + " unit_id, owner_name, weight, start_value, target_value, low_value, high_value, tolerance, commit_value,"
                    + " stretch_value, unit, kpi_id, milestones) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
                    + " $13, $14, $15, $16, $17, $18, $19::jsonb) RETURNING " + KEY_RESULT_COLUMNS)
                .execute(input.toTuple(id, caller.orgId())))))
        .compose(rows -> announce(caller, id, GoalJson.keyResult(rows.iterator().next())))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/key-results/" + id, json))
        .onFailure(ctx::fail);
  }

  private Future<Void> checkObjective(String orgId, UUID objectiveId) {
    return pool.preparedQuery("SELECT kind FROM objectives WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, objectiveId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("objectiveId", "names no objective of your organisation"));
          }
          if (!"objective".equals(rows.iterator().next().getString("kind"))) {
            return Future.failedFuture(ApiException.invalid("objectiveId",
                "names a strategic outcome; key results belong to objectives, which align to the outcome"));
          }
          return Future.succeededFuture();
        });
  }

  private void listKpis(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + KPI_COLUMNS + " FROM kpis WHERE org_id = $1"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::text IS NULL OR key > $3) ORDER BY key LIMIT $4",
            Tuple.of(caller.orgId(), unit, after), limit, GoalJson::kpi)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    Pages.one(pool, "SELECT " + KPI_COLUMNS + " FROM kpis WHERE org_id = $1 AND id = $2",
            Tuple.of(caller.orgId(), id), "KPI " + id, GoalJson::kpi)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String key = body.key("key", true);
    String title = body.text("title", MAX_TITLE, true);
    UUID unitId = body.uuid("unitId", false);
    String owner = body.text("ownerName", 120, false);
    String unit = body.text("unit", 20, false);
    String direction = body.oneOf("direction", List.of("increase", "decrease"), false);
    direction = direction == null ? "increase" : direction;
    BigDecimal start = body.number("start", false);
    BigDecimal target = body.number("target", false);
    BigDecimal green = body.number("green", false);
    BigDecimal red = body.number("red", false);
    if ((green == null) != (red == null)) {
      body.reject(green == null ? "green" : "red", "a corridor needs both green and red");
    } else if (green != null) {
      int order = green.compareTo(red);
      if ("increase".equals(direction) ? order <= 0 : order >= 0) {
        body.reject("green", "must be " + ("increase".equals(direction) ? "above" : "below") + " red ("
            + red.toPlainString() + ") for a KPI whose direction is " + direction);
      }
    }
    body.finish();
    UUID id = UUID.randomUUID();
    String kpiDirection = direction;
    Future<Void> checks = unitId == null ? Future.succeededFuture()
        : Ids.requireInOrg(pool, "units", caller.orgId(), unitId, "unitId", "unit");
    checks
        .compose(v -> pool.withTransaction(connection -> insertKey(connection, caller.orgId(), key, id, "kpi")
            .compose(x -> connection.preparedQuery("INSERT INTO kpis (id, org_id, key, title, unit_id, owner_name, unit, direction,"
                    + " start_value, target_value, green, red) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric,"
                    + " $10::numeric, $11::numeric, $12::numeric) RETURNING " + KPI_COLUMNS)
                .execute(Tuple.from(new Object[] {id, caller.orgId(), key, title, unitId, owner, unit, kpiDirection,
                    plain(start), plain(target), plain(green), plain(red)})))))
        .compose(rows -> announce(caller, id, GoalJson.kpi(rows.iterator().next())))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/kpis/" + id, json))
        .onFailure(ctx::fail);
  }

  static BigDecimal weight(BodyReader body) {
    BigDecimal weight = body.number("weight", false);
    if (weight != null && (weight.signum() < 0 || weight.compareTo(MAX_WEIGHT) > 0)) {
      body.reject("weight", "must be from 0 (tracked, not scored) to " + MAX_WEIGHT);
      return null;
    }
    return weight == null ? BigDecimal.ONE : weight;
  }

  /** Registers the key in the organisation's shared key namespace; a taken key answers 409. */
  private static Future<Void> insertKey(SqlConnection connection, String orgId, String key, UUID id, String kind) {
    return connection.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(orgId, key, id, kind))
        .compose(result -> result.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new ApiException(409, "conflict", "The key \"" + key
                + "\" is already used by another node of your organisation; choose another",
                List.of(new io.momentum.streams.event.FieldError("key", "is already taken")))));
  }

  private Future<JsonObject> announce(Caller caller, UUID id, JsonObject json) {
    return publisher.definitionChanged(caller.orgId(), "node", id.toString()).map(json);
  }

  static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private static String prefixed(String prefix, String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(",")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(prefix).append(column.trim());
    }
    return out.toString();
  }
}
