package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.changes.ChangeEvents;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.event.Articles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of the organisation's structure: units (company, business units, teams) with their
 * edits and archive, and cycles. Archived units are left out of lists and return 404.
 */
public final class StructureRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(StructureRoutes.class);

  private static final String UNIT_COLUMNS = "id, key, name, kind, parent_id, version, created_at, updated_at, archived_at";
  private static final List<String> UNIT_FIELDS = List.of("key", "name", "kind", "parentId");
  private static final String CYCLE_COLUMNS = "id, key, name, kind, parent_id, start_date, end_date, closed, closed_at,"
      + " closed_by, version, created_at, updated_at";

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
    router.patch("/api/v1/units/:id").handler(this::patchUnit);
    router.delete("/api/v1/units/:id").handler(this::archiveUnit);
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
    Pages.page(pool, "SELECT " + UNIT_COLUMNS + " FROM units WHERE org_id = $1 AND archived_at IS NULL"
                + " AND ($2::uuid IS NULL OR parent_id = $2) AND ($3::text IS NULL OR key > $3)"
                + " ORDER BY key LIMIT $4",
            Tuple.of(caller.orgId(), parent, after), limit, GoalJson::unit)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    loadUnit(pool, caller.orgId(), id, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static Future<JsonObject> loadUnit(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + UNIT_COLUMNS + " FROM units WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"
            + (forUpdate ? " FOR UPDATE" : ""), Tuple.of(orgId, id), "Unit " + id, GoalJson::unit);
  }

  private void createUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    UnitInput input = UnitInput.read(body);
    body.finish();
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> input.parentId() == null ? Future.<Void>succeededFuture()
                : Ids.requireLive(connection, "units", caller.orgId(), input.parentId(), "parentId", "unit"))
            .compose(v -> connection.preparedQuery("INSERT INTO units (id, org_id, key, name, kind, parent_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + UNIT_COLUMNS)
                .execute(Tuple.of(id, caller.orgId(), input.key(), input.name(), input.kind(), input.parentId())))
            .compose(rows -> GoalRoutes.recorded(connection, caller, "unit", GoalJson.unit(rows.iterator().next()))))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "unit", id.toString()).map(json))
        .onSuccess(json -> created(ctx, "/api/v1/units/" + id, json))
        .onFailure(ctx::fail);
  }

  /** The fields of a unit; a company is the top of the tree and has no parent. */
  private record UnitInput(String key, String name, String kind, UUID parentId) {

    static UnitInput read(BodyReader body) {
      String key = body.key("key", true);
      String name = body.text("name", 120, true);
      String kind = body.oneOf("kind", List.of("company", "business_unit", "team"), true);
      UUID parentId = body.uuid("parentId", false);
      if ("company".equals(kind) && parentId != null) {
        body.reject("parentId", "company_has_no_parent", "a company is the top of the tree and has no parent unit", null);
      }
      return new UnitInput(key, name, kind, parentId);
    }
  }

  private void patchUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> loadUnit(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Unit " + current.getString("key"), version, current);
              Edits.rejectFixed(patch, current, "key", "boards and imports name the unit by it; create a new unit instead");
              BodyReader reader = BodyReader.of(Edits.merge(current, UNIT_FIELDS, patch), "");
              UnitInput input = UnitInput.read(reader);
              reader.finish();
              boolean moved = input.parentId() != null && !input.parentId().toString().equals(current.getString("parentId"));
              Future<Void> parentCheck = !moved ? Future.succeededFuture()
                  : Ids.requireLive(connection, "units", caller.orgId(), input.parentId(), "parentId", "unit")
                      .compose(v -> Alignment.findUnitLoop(connection, caller.orgId(), id, input.parentId()))
                      .compose(loop -> loop.isEmpty() ? Future.<Void>succeededFuture()
                          : Future.failedFuture(ApiException.loop("parentId", loop)));
              return parentCheck
                  .compose(v -> connection.preparedQuery("UPDATE units SET name = $3, kind = $4, parent_id = $5,"
                          + " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + UNIT_COLUMNS)
                      .execute(Tuple.of(caller.orgId(), id, input.name(), input.kind(), input.parentId())))
                  .compose(rows -> {
                    JsonObject json = GoalJson.unit(rows.iterator().next());
                    return Edits.recordHistory(connection, caller, "unit", "updated", json).map(json);
                  });
            }))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "unit", id.toString()).map(json))
        .onSuccess(json -> {
          LOG.info("Unit {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Archives a unit. Live child units and live nodes of the unit block it with a 409 naming
   * them: moving goals to another team is a decision the caller makes, not a side effect.
   */
  private void archiveUnit(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> loadUnit(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Unit " + current.getString("key"), version, current);
              return connection.preparedQuery("""
                      SELECT key FROM units WHERE org_id = $1 AND parent_id = $2 AND archived_at IS NULL
                      UNION ALL
                      SELECT key FROM goal_nodes WHERE org_id = $1 AND unit_id = $2 AND archived_at IS NULL
                      ORDER BY 1 LIMIT 21""")
                  .execute(Tuple.of(caller.orgId(), id))
                  .compose(rows -> {
                    if (rows.size() > 0) {
                      List<String> keys = new java.util.ArrayList<>();
                      rows.forEach(row -> keys.add(row.getString(0)));
                      return Future.failedFuture(new ApiException(409, "has_children", "Unit " + current.getString("key")
                          + " still has live units or goals (" + String.join(", ", keys.subList(0, Math.min(20, keys.size())))
                          + (keys.size() > 20 ? ", ..." : "") + "); move or archive them first"));
                    }
                    return connection.preparedQuery("UPDATE units SET archived_at = now(), version = version + 1,"
                            + " updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + UNIT_COLUMNS)
                        .execute(Tuple.of(caller.orgId(), id));
                  })
                  .compose(rows -> {
                    JsonObject json = GoalJson.unit(rows.iterator().next());
                    return Edits.recordHistory(connection, caller, "unit", "archived", json).map(json);
                  });
            }))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "unit", id.toString()).map(json))
        .onSuccess(json -> {
          LOG.info("Unit {} of organisation {} archived", id, caller.orgId());
          ctx.json(new JsonObject().put("archived", new JsonArray().add(new JsonObject()
              .put("id", json.getString("id")).put("key", json.getString("key")).put("kind", "unit"))));
        })
        .onFailure(ctx::fail);
  }

  private void listCycles(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String kind = query.text("kind");
    UUID parent = query.uuid("parent");
    String open = query.text("open");
    String after = query.text("after");
    int limit = query.limit();
    if (kind != null && !List.of("strategy", "annual", "quarter").contains(kind)) {
      query.reject("kind", "must be strategy, annual or quarter");
    }
    if (open != null && !List.of("true", "false").contains(open)) {
      query.reject("open", "must be true (cycles not closed) or false (closed cycles)");
    }
    query.finish();
    Pages.page(pool, "SELECT " + CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1"
                + " AND ($2::text IS NULL OR kind = $2) AND ($3::uuid IS NULL OR parent_id = $3)"
                + " AND ($4::boolean IS NULL OR closed <> $4) AND ($5::text IS NULL OR key > $5)"
                + " ORDER BY key LIMIT $6",
            Tuple.of(caller.orgId(), kind, parent, open == null ? null : Boolean.valueOf(open), after), limit, GoalJson::cycle)
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
      body.reject("end", "end_before_start", "must not be before start (" + start + ")",
          new io.vertx.core.json.JsonObject().put("start", start.toString()));
    }
    if (start != null && end != null && end.isAfter(start.plusYears(10))) {
      body.reject("end", "cycle_too_long", "lies more than 10 years after start; the limit of a cycle is 10 years",
          new io.vertx.core.json.JsonObject().put("years", 10));
    }
    if (parentId == null && !"strategy".equals(kind) && kind != null) {
      body.reject("parentId", "missing", "is missing: " + ("quarter".equals(kind) ? "a quarter lies inside an annual cycle"
          : "an annual cycle lies inside a strategy cycle") + "; name it, or create the year with POST /api/v1/cycles/fiscal-year",
          null);
    }
    body.finish();
    UUID id = UUID.randomUUID();
    Future<Void> parentCheck = parentId == null ? Future.succeededFuture() : checkParentCycle(caller.orgId(), parentId, kind, start, end);
    parentCheck
        .compose(v -> pool.withTransaction(connection -> connection.preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + CYCLE_COLUMNS)
            .execute(Tuple.of(id, caller.orgId(), key, name, kind, parentId, start, end))
            .compose(rows -> ChangeEvents.appendCycle(connection, caller.orgId(), ChangeTypes.CYCLE_CREATED, GoalJson.cycle(rows.iterator().next()), null))))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "cycle", id.toString()).map(json))
        .onSuccess(json -> created(ctx, "/api/v1/cycles/" + id, json))
        .onFailure(ctx::fail);
  }

  /** A quarter sits in a year and a year in a strategy, within the parent's dates. */
  private Future<Void> checkParentCycle(String orgId, UUID parentId, String kind, LocalDate start, LocalDate end) {
    return pool.preparedQuery("SELECT kind, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, parentId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("parentId", "unknown_reference", "names no cycle of your organisation", null));
          }
          Row parent = rows.iterator().next();
          String expected = switch (kind) {
            case "quarter" -> "annual";
            case "annual" -> "strategy";
            default -> null;
          };
          if (expected == null || !expected.equals(parent.getString("kind"))) {
            return Future.failedFuture(ApiException.invalid("parentId", Articles.withArticle(kind) + " cycle "
                + (expected == null ? "has no parent" : "belongs to " + Articles.withArticle(expected) + " cycle, not "
                + Articles.withArticle(parent.getString("kind")) + " cycle")));
          }
          if (start.isBefore(parent.getLocalDate("start_date")) || end.isAfter(parent.getLocalDate("end_date"))) {
            return Future.failedFuture(ApiException.invalid("start", "the cycle must lie within its parent, "
                + parent.getLocalDate("start_date") + " to " + parent.getLocalDate("end_date")));
          }
          return Future.succeededFuture();
        });
  }

  /** Responds 201 with the created entity and logs its creation with its location, key and organisation. */
  static void created(RoutingContext ctx, String location, JsonObject json) {
    LOG.info("Created {} ({}) in organisation {}", location, json.getString("key"), Caller.of(ctx).orgId());
    ctx.response().setStatusCode(201).putHeader("Location", location);
    ctx.json(json);
  }
}
