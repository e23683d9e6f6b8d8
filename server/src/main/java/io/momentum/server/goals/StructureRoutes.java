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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** REST API of the organisation's structure: units (company, business units, teams) and cycles. */
public final class StructureRoutes {

  private static final String UNIT_COLUMNS = "id, key, name, kind, parent_id, created_at";
  private static final String CYCLE_COLUMNS = "id, key, name, kind, parent_id, start_date, end_date, closed, closed_at, version";

  private final Pool pool;
  private final EventPublisher publisher;

  public StructureRoutes(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  public void mount(Router router) {
    router.get("/api/v1/units").handler(this::listUnits);
    router.post("/api/v1/units").handler(this::createUnit);
    router.get("/api/v1/units/:id").handler(this::getUnit);
    router.get("/api/v1/cycles").handler(this::listCycles);
    router.post("/api/v1/cycles").handler(this::createCycle);
    router.get("/api/v1/cycles/:id").handler(this::getCycle);
  }

  private void listUnits(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID parent = query.uuid("parent");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + UNIT_COLUMNS + " FROM units WHERE org_id = $1"
                + " AND ($2::uuid IS NULL OR parent_id = $2) AND ($3::text IS NULL OR key > $3)"
                + " ORDER BY key LIMIT $4",
            Tuple.of(caller.orgId(), parent, after), limit, GoalJson::unit)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    Pages.one(pool, "SELECT " + UNIT_COLUMNS + " FROM units WHERE org_id = $1 AND id = $2",
            Tuple.of(caller.orgId(), id), "Unit " + id, GoalJson::unit)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String key = body.key("key", true);
    String name = body.text("name", 120, true);
    String kind = body.oneOf("kind", List.of("company", "business_unit", "team"), true);
    UUID parentId = body.uuid("parentId", false);
    if ("company".equals(kind) && parentId != null) {
      body.reject("parentId", "a company is the top of the tree and has no parent unit");
    }
    body.finish();
    UUID id = UUID.randomUUID();
    Future<Void> parentCheck = parentId == null ? Future.succeededFuture()
        : Ids.requireInOrg(pool, "units", caller.orgId(), parentId, "parentId", "unit");
    parentCheck
        .compose(v -> pool.preparedQuery("INSERT INTO units (id, org_id, key, name, kind, parent_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + UNIT_COLUMNS)
            .execute(Tuple.of(id, caller.orgId(), key, name, kind, parentId)))
        .compose(rows -> publisher.definitionChanged(caller.orgId(), "unit", id.toString())
            .map(GoalJson.unit(rows.iterator().next())))
        .onSuccess(json -> created(ctx, "/api/v1/units/" + id, json))
        .onFailure(ctx::fail);
  }

  private void listCycles(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String kind = query.text("kind");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1"
                + " AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR key > $3)"
                + " ORDER BY key LIMIT $4",
            Tuple.of(caller.orgId(), kind, after), limit, GoalJson::cycle)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getCycle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    Pages.one(pool, "SELECT " + CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1 AND id = $2",
            Tuple.of(caller.orgId(), id), "Cycle " + id, GoalJson::cycle)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createCycle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String key = body.key("key", true);
    String name = body.text("name", 120, true);
    String kind = body.oneOf("kind", List.of("strategy", "annual", "quarter"), true);
    UUID parentId = body.uuid("parentId", false);
    LocalDate start = body.date("start", true);
    LocalDate end = body.date("end", true);
    if (start != null && end != null && end.isBefore(start)) {
      body.reject("end", "must not be before start (" + start + ")");
    }
    if (start != null && end != null && end.isAfter(start.plusYears(10))) {
      body.reject("end", "lies more than 10 years after start; the limit of a cycle is 10 years");
    }
    if (parentId == null && !"strategy".equals(kind) && kind != null) {
      body.reject("parentId", "is missing: " + ("quarter".equals(kind) ? "a quarter lies inside an annual cycle"
          : "an annual cycle lies inside a strategy cycle") + "; name it, or create the year with POST /api/v1/cycles/fiscal-year");
    }
    body.finish();
    UUID id = UUID.randomUUID();
    Future<Void> parentCheck = parentId == null ? Future.succeededFuture() : checkParentCycle(caller.orgId(), parentId, kind, start, end);
    parentCheck
        .compose(v -> pool.preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + CYCLE_COLUMNS)
            .execute(Tuple.of(id, caller.orgId(), key, name, kind, parentId, start, end)))
        .compose(rows -> publisher.definitionChanged(caller.orgId(), "cycle", id.toString())
            .map(GoalJson.cycle(rows.iterator().next())))
        .onSuccess(json -> created(ctx, "/api/v1/cycles/" + id, json))
        .onFailure(ctx::fail);
  }

  /** A quarter sits in a year and a year in a strategy, within the parent's dates. */
  private Future<Void> checkParentCycle(String orgId, UUID parentId, String kind, LocalDate start, LocalDate end) {
    return pool.preparedQuery("SELECT kind, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, parentId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("parentId", "names no cycle of your organisation"));
          }
          Row parent = rows.iterator().next();
          String expected = switch (kind) {
            case "quarter" -> "annual";
            case "annual" -> "strategy";
            default -> null;
          };
          if (expected == null || !expected.equals(parent.getString("kind"))) {
            return Future.failedFuture(ApiException.invalid("parentId", "a " + kind + " cycle "
                + (expected == null ? "has no parent" : "belongs to an " + expected + " cycle, not a " + parent.getString("kind") + " cycle")));
          }
          if (start.isBefore(parent.getLocalDate("start_date")) || end.isAfter(parent.getLocalDate("end_date"))) {
            return Future.failedFuture(ApiException.invalid("start", "the cycle must lie within its parent, "
                + parent.getLocalDate("start_date") + " to " + parent.getLocalDate("end_date")));
          }
          return Future.succeededFuture();
        });
  }

  static void created(RoutingContext ctx, String location, JsonObject json) {
    ctx.response().setStatusCode(201).putHeader("Location", location);
    ctx.json(json);
  }
}
