package io.momentum.server.initiatives;

import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopedNode;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.GoalRoutes;
import io.momentum.server.goals.Ids;
import io.momentum.server.goals.LiveValues;
import io.momentum.server.goals.Owners;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.server.integrations.ConnectionCache;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of initiatives: outputs such as an epic or a project, with a unit, an optional cycle,
 * an owner, an optional reference into the system that tracks the work, and start and due
 * dates. An initiative is a goal node (kind {@code initiative}) whose key shares the namespace of
 * objectives, key results and KPIs; its progress comes from the work items linked to it.
 */
public final class InitiativeRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(InitiativeRoutes.class);
  private static final String COLUMNS = "id, key, title, description, unit_id, cycle_id, owner_id, owner_name, external_system,"
      + " external_key, start_date, due_date, version, created_at, updated_at, archived_at";

  private static final String WORK_ITEMS = """
      SELECT system, external_id, item_type, status_category, story_points, parent_external_id, observed_at, source
      FROM work_items WHERE org_id = $1 AND node_id = $2 AND NOT deleted
        AND ($3::text IS NULL OR system || ':' || external_id > $3)
      ORDER BY system || ':' || external_id LIMIT $4""";

  private final Pool pool;
  private final EventPublisher publisher;
  private final LiveValues liveValues;

  public InitiativeRoutes(Pool pool, EventPublisher publisher, LiveValues liveValues) {
    this.pool = pool;
    this.publisher = publisher;
    this.liveValues = liveValues;
  }

  public void mount(Router router) {
    router.get("/api/v1/initiatives").handler(this::list);
    router.post("/api/v1/initiatives").handler(this::create);
    router.get("/api/v1/initiatives/:id").handler(this::get);
    router.get("/api/v1/initiatives/:id/work-items").handler(this::workItems);
    router.patch("/api/v1/initiatives/:id").handler(this::patch);
    router.delete("/api/v1/initiatives/:id").handler(this::archive);
  }

  /** The fields of an initiative, as created or after a partial update. */
  record Input(String key, String title, String description, UUID unitId, UUID cycleId, UUID ownerId, String ownerName,
               String externalSystem, String externalKey, LocalDate start, LocalDate due) {

    static final List<String> FIELDS = List.of("key", "title", "description", "unitId", "cycleId", "ownerId", "ownerName",
        "externalSystem", "externalKey", "start", "due");

    static Input read(BodyReader body) {
      String key = body.key("key", true);
      String title = body.text("title", 200, true);
      String description = body.text("description", 4000, false);
      UUID unitId = body.uuid("unitId", false);
      UUID cycleId = body.uuid("cycleId", false);
      UUID ownerId = body.uuid("ownerId", false);
      String ownerName = body.text("ownerName", Owners.MAX_OWNER_NAME, false);
      String externalSystem = body.text("externalSystem", 40, false);
      String externalKey = body.text("externalKey", 200, false);
      LocalDate start = body.date("start", false);
      LocalDate due = body.date("due", false);
      if ((externalSystem == null) != (externalKey == null)) {
        body.reject(externalSystem == null ? "externalSystem" : "externalKey", "external_reference_incomplete",
            "an external reference needs both externalSystem (such as \"jira\") and externalKey (such as \"SHOP-42\")", null);
      }
      if (start != null && due != null && due.isBefore(start)) {
        body.reject("due", "due_before_start", "must not be before start (" + start + ")", new io.vertx.core.json.JsonObject().put("start", start.toString()));
      }
      return new Input(key, title, description, unitId, cycleId, ownerId, ownerName, externalSystem, externalKey, start, due);
    }
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    UUID cycle = query.uuid("cycle");
    UUID owner = query.uuid("owner");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + COLUMNS + " FROM initiatives WHERE org_id = $1 AND archived_at IS NULL"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::uuid IS NULL OR cycle_id = $3)"
                + " AND ($4::uuid IS NULL OR owner_id = $4) AND ($5::text IS NULL OR key > $5)"
                + " AND ($6::uuid[] IS NULL OR unit_id = ANY($6)) AND $7 ORDER BY key LIMIT $8",
            Tuple.from(new Object[] {caller.orgId(), unit, cycle, owner, after, caller.scope().unitFilter(),
                caller.scope().allowsKind("initiative")}), limit, GoalJson::initiative)
        .compose(page -> liveValues.progressPage(caller.orgId(), page))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    load(pool, caller.orgId(), id, false)
        .compose(json -> liveValues.progress(caller.orgId(), json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Lists the work items linked to a live initiative, deleted ones left out, by system and id. */
  private void workItems(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    QueryParams query = new QueryParams(ctx);
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    load(pool, caller.orgId(), id, false)
        .compose(initiative -> Pages.page(pool, WORK_ITEMS, Tuple.of(caller.orgId(), id, after), limit,
            InitiativeRoutes::workItem, row -> row.getString("system") + ":" + row.getString("external_id")))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject workItem(Row row) {
    return new JsonObject()
        .put("system", row.getString("system"))
        .put("externalId", row.getString("external_id"))
        .put("type", row.getString("item_type"))
        .put("statusCategory", row.getString("status_category"))
        .put("storyPoints", row.getBigDecimal("story_points"))
        .put("parentExternalId", row.getString("parent_external_id"))
        .put("observedAt", GoalJson.time(row, "observed_at"))
        .put("source", row.getString("source"));
  }

  private static Future<JsonObject> load(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + COLUMNS + " FROM initiatives WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"
        + (forUpdate ? " FOR UPDATE" : ""), Tuple.of(orgId, id), "Initiative " + id, GoalJson::initiative);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    Input input = Input.read(body);
    body.finish();
    caller.requireNodeAccess(new ScopedNode(null, input.key(), "initiative", input.unitId()));
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> check(connection, caller.orgId(), input))
            .compose(ownerName -> GoalRoutes.insertKey(connection, caller.orgId(), input.key(), id, "initiative")
                .compose(x -> connection.preparedQuery("INSERT INTO initiatives (id, org_id, key, title, description, unit_id,"
                        + " cycle_id, owner_id, owner_name, external_system, external_key, start_date, due_date)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS)
                    .execute(Tuple.from(new Object[] {id, caller.orgId(), input.key(), input.title(), input.description(),
                        input.unitId(), input.cycleId(), input.ownerId(), ownerName, input.externalSystem(),
                        input.externalKey(), input.start(), input.due()}))))
            .compose(rows -> {
              JsonObject json = GoalJson.initiative(rows.iterator().next());
              return Edits.recordHistory(connection, caller, "initiative", "created", json).map(json);
            }))
        .compose(json -> announce(caller, id, json))
        .onSuccess(json -> {
          LOG.info("Initiative {} created in organisation {}", id, caller.orgId());
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/initiatives/" + id);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /** Checks the references of an initiative and completes with the owner name to store. */
  private static Future<String> check(SqlClient client, String orgId, Input input) {
    return (input.unitId() == null ? Future.<Void>succeededFuture()
        : Ids.requireLive(client, "units", orgId, input.unitId(), "unitId", "unit"))
        .compose(v -> input.cycleId() == null ? Future.<Void>succeededFuture()
            : Ids.requireInOrg(client, "cycles", orgId, input.cycleId(), "cycleId", "cycle"))
        .compose(v -> Owners.resolveName(client, orgId, input.ownerId(), input.ownerName()));
  }

  private void patch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> load(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Initiative " + current.getString("key"), version, current);
              Edits.rejectFixed(patch, current, "key", "events and work items name the initiative by it; create a new initiative instead");
              JsonObject merged = Edits.merge(current, Input.FIELDS, patch);
              if (patch.containsKey("ownerId") && !patch.containsKey("ownerName")) {
                merged.remove("ownerName");
              }
              BodyReader reader = BodyReader.of(merged, "");
              Input input = Input.read(reader);
              reader.finish();
              caller.requireNodeAccess(new ScopedNode(id, input.key(), "initiative", input.unitId()));
              return check(connection, caller.orgId(), input).compose(ownerName -> update(connection, caller, id, input, ownerName));
            }))
        .compose(json -> announce(caller, id, json))
        .onSuccess(json -> {
          LOG.info("Initiative {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> update(SqlConnection connection, Caller caller, UUID id, Input input, String ownerName) {
    return connection.preparedQuery("UPDATE initiatives SET title = $3, description = $4, unit_id = $5, cycle_id = $6,"
            + " owner_id = $7, owner_name = $8, external_system = $9, external_key = $10, start_date = $11, due_date = $12,"
            + " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {caller.orgId(), id, input.title(), input.description(), input.unitId(),
            input.cycleId(), input.ownerId(), ownerName, input.externalSystem(), input.externalKey(), input.start(),
            input.due()}))
        .compose(rows -> {
          JsonObject json = GoalJson.initiative(rows.iterator().next());
          return Edits.recordHistory(connection, caller, "initiative", "updated", json).map(json);
        });
  }

  private void archive(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> load(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Initiative " + current.getString("key"), version, current);
              return connection.preparedQuery("UPDATE initiatives SET archived_at = now(), version = version + 1,"
                      + " updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS)
                  .execute(Tuple.of(caller.orgId(), id));
            })
            .compose(rows -> {
              JsonObject json = GoalJson.initiative(rows.iterator().next());
              return Edits.recordHistory(connection, caller, "initiative", "archived", json).map(json);
            }))
        .compose(json -> announce(caller, id, json))
        .onSuccess(json -> {
          // Rules that name the initiative stop matching, so cached connections must read their rules again.
          ConnectionCache.evictAllLocally();
          LOG.info("Initiative {} of organisation {} archived", id, caller.orgId());
          ctx.json(new JsonObject().put("archived", new JsonArray().add(new JsonObject()
              .put("id", json.getString("id")).put("key", json.getString("key")).put("kind", "initiative"))));
        })
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> announce(Caller caller, UUID id, JsonObject json) {
    return publisher.definitionChanged(caller.orgId(), "node", id.toString()).map(json);
  }
}
