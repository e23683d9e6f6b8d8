package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopeGuard;
import io.momentum.server.auth.ScopedNode;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.server.links.Contributions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial updates ({@code PATCH}) and archiving ({@code DELETE}) of objectives, key results and
 * KPIs. Each edit runs in one transaction under the organisation's edit lock: it checks the
 * version the client read, validates the merged fields like a create, updates the row with the
 * next version, appends the definition to the history. After the commit it publishes a definition change, so the
 * engine reloads the node.
 */
final class GoalEditRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(GoalEditRoutes.class);
  private static final int MAX_NAMED_CHILDREN = 20;
  /** Key result fields that belong to one measurement kind; a change of measurement drops those the patch leaves out. */
  private static final List<String> MEASUREMENT_FIELDS =
      List.of("start", "target", "low", "high", "tolerance", "commit", "stretch", "kpiId", "milestones",
          "workFrom");

  private final Pool pool;
  private final GoalRoutes goals;

  GoalEditRoutes(Pool pool, GoalRoutes goals) {
    this.pool = pool;
    this.goals = goals;
  }

  void mount(Router router) {
    router.patch("/api/v1/objectives/:id").handler(this::patchObjective);
    router.delete("/api/v1/objectives/:id").handler(this::archiveObjective);
    router.patch("/api/v1/key-results/:id").handler(this::patchKeyResult);
    router.delete("/api/v1/key-results/:id").handler(this::archiveKeyResult);
    router.patch("/api/v1/kpis/:id").handler(this::patchKpi);
    router.delete("/api/v1/kpis/:id").handler(this::archiveKpi);
  }

  private void patchObjective(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    List<UUID> changed = new ArrayList<>(List.of(id));
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> GoalRoutes.loadObjective(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Objective " + current.getString("key"), version, current);
              Edits.rejectFixed(patch, current, "key", "events and links name the objective by it; create a new objective instead");
              Edits.rejectFixed(patch, current, "kind", "create a new objective or strategic outcome instead");
              JsonObject merged = Edits.merge(current, ObjectiveInput.FIELDS, patch);
              refillOwnerName(patch, merged);
              keepOneParent(patch, merged);
              BodyReader reader = BodyReader.of(merged, "");
              ObjectiveInput input = ObjectiveInput.read(reader);
              reader.finish();
              caller.requireNodeAccess(new ScopedNode(id, input.key(), input.kind(), input.unitId()));
              return goals.checkObjective(connection, caller.orgId(), input, current)
                  .compose(ownerName -> updateObjective(connection, caller, id, input, ownerName))
                  .compose(json -> input.cycleId().toString().equals(current.getString("cycleId"))
                      ? Future.succeededFuture(json)
                      : liveKeyResultIds(connection, caller.orgId(), id).map(ids -> {
                        changed.addAll(ids);
                        return json;
                      }));
            }))
        .compose(json -> goals.announce(caller, changed, json))
        .compose(json -> Contributions.attach(pool, caller.orgId(), json))
        .onSuccess(json -> {
          LOG.info("Objective {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> updateObjective(SqlConnection connection, Caller caller, UUID id, ObjectiveInput input,
                                                    String ownerName) {
    return connection.preparedQuery("UPDATE objectives SET title = $3, description = $4, parent_id = $5,"
            + " parent_key_result_id = $6, unit_id = $7, cycle_id = $8, owner_id = $9, owner_name = $10, weight = $11,"
            + " rollup_children = $12, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2"
            + " RETURNING " + GoalRoutes.OBJECTIVE_COLUMNS)
        .execute(Tuple.from(new Object[] {caller.orgId(), id, input.title(), input.description(), input.parentId(),
            input.parentKeyResultId(), input.unitId(), input.cycleId(), input.ownerId(), ownerName, input.weight(),
            input.rollupChildren()}))
        .compose(rows -> updated(connection, caller, "objective", GoalJson.objective(rows.iterator().next())));
  }

  private static Future<List<UUID>> liveKeyResultIds(SqlConnection connection, String orgId, UUID objectiveId) {
    return connection.preparedQuery("SELECT id FROM key_results WHERE org_id = $1 AND objective_id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, objectiveId))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  /** Clears the owner name when the patch names a new owner without one, so the user's name is filled in. */
  private static void refillOwnerName(JsonObject patch, JsonObject merged) {
    if (patch.containsKey("ownerId") && !patch.containsKey("ownerName")) {
      merged.remove("ownerName");
    }
  }

  /** Re-aligning to one kind of parent drops the other, so a move needs only the new parent. */
  private static void keepOneParent(JsonObject patch, JsonObject merged) {
    if (patch.getValue("parentId") != null && !patch.containsKey("parentKeyResultId")) {
      merged.remove("parentKeyResultId");
    }
    if (patch.getValue("parentKeyResultId") != null && !patch.containsKey("parentId")) {
      merged.remove("parentId");
    }
  }

  private void patchKeyResult(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> GoalRoutes.loadKeyResult(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("Key result " + current.getString("key"), version, current);
              Edits.rejectFixed(patch, current, "key", "events and links name the key result by it; create a new key result instead");
              JsonObject merged = Edits.merge(current, KeyResultInput.FIELDS, patch);
              refillOwnerName(patch, merged);
              if (patch.containsKey("measurement") && !Objects.equals(patch.getValue("measurement"), current.getString("measurement"))) {
                MEASUREMENT_FIELDS.stream().filter(field -> !patch.containsKey(field)).forEach(merged::remove);
              }
              BodyReader reader = BodyReader.of(merged, "");
              KeyResultInput read = KeyResultInput.read(reader);
              reader.finish();
              KeyResultInput edited = read.withExampleNumbersAfterEdit(current, patch);
              boolean moved = !read.objectiveId().toString().equals(current.getString("objectiveId"));
              return GoalRoutes.requireKeyResultInScope(connection, caller, edited)
                  // An initiative archived since the list was stored drops out unless the edit sends the list.
                  .compose(v -> GoalRoutes.resolveWorkFrom(connection, caller.orgId(), edited, patch.containsKey("workFrom")))
                  .compose(input -> GoalRoutes.checkKeyResult(connection, caller.orgId(), input)
                      .map(ownerName -> input.withOwnerName(ownerName)))
                  .compose(input -> (moved ? checkKeyResultMove(connection, caller.orgId(), id, input.objectiveId())
                      : Future.<Void>succeededFuture()).map(input))
                  .compose(input -> updateKeyResult(connection, caller, id, input));
            }))
        .compose(json -> goals.announce(caller, List.of(id), json))
        .compose(json -> Contributions.attach(pool, caller.orgId(), json))
        .onSuccess(json -> {
          LOG.info("Key result {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /**
   * A key result that moves to another objective must not close a loop (an objective aligned to
   * this key result cannot become its objective's ancestor), and the objectives aligned to it
   * must lie within the new objective's cycle.
   */
  private static Future<Void> checkKeyResultMove(SqlConnection connection, String orgId, UUID id, UUID objectiveId) {
    return Alignment.rejectLoop(connection, orgId, id, objectiveId, "objectiveId")
        .compose(v -> connection.preparedQuery("SELECT cycle_id FROM objectives WHERE org_id = $1 AND id = $2")
            .execute(Tuple.of(orgId, objectiveId)))
        .compose(rows -> Alignment.cycleWindow(connection, orgId, rows.iterator().next().getUUID("cycle_id")))
        .compose(window -> connection.preparedQuery("SELECT o.key FROM objectives o JOIN cycles c ON c.id = o.cycle_id"
                + " WHERE o.org_id = $1 AND o.parent_key_result_id = $2 AND o.archived_at IS NULL"
                + " AND (c.start_date < $3 OR c.end_date > $4) ORDER BY o.key LIMIT 20")
            .execute(Tuple.of(orgId, id, window.start(), window.end()))
            .compose(rows -> rows.size() == 0 ? Future.<Void>succeededFuture()
                : Future.failedFuture(ApiException.invalid("objectiveId", "cycle_excludes_children", "the objective's cycle " + window
                    + " would not contain the cycles of the objectives aligned to this key result: " + keys(rows)
                    + "; move them first", null))));
  }

  private static Future<JsonObject> updateKeyResult(SqlConnection connection, Caller caller, UUID id, KeyResultInput input) {
    return connection.preparedQuery("UPDATE key_results SET objective_id = $4, title = $5, measurement = $6, unit_id = $7,"
            + " owner_name = $8, weight = $9, start_value = $10, target_value = $11, low_value = $12, high_value = $13,"
            + " tolerance = $14, commit_value = $15, stretch_value = $16, unit = $17, kpi_id = $18, milestones = $19::jsonb,"
            + " description = $20, owner_id = $21, work_from = $22, example_numbers = $23, version = version + 1,"
            + " updated_at = now()"
            + " WHERE id = $1 AND org_id = $2 AND key = $3 RETURNING " + GoalRoutes.KEY_RESULT_COLUMNS)
        .execute(input.toTuple(id, caller.orgId()))
        .compose(rows -> updated(connection, caller, "key_result", GoalJson.keyResult(rows.iterator().next())));
  }

  private void patchKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> GoalRoutes.loadKpi(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("KPI " + current.getString("key"), version, current);
              Edits.rejectFixed(patch, current, "key", "events and links name the KPI by it; create a new KPI instead");
              JsonObject merged = Edits.merge(current, KpiInput.FIELDS, patch);
              refillOwnerName(patch, merged);
              BodyReader reader = BodyReader.of(merged, "");
              KpiInput input = KpiInput.read(reader);
              reader.finish();
              caller.requireNodeAccess(new ScopedNode(id, input.key(), "kpi", input.unitId()));
              return GoalRoutes.checkKpi(connection, caller.orgId(), input)
                  .compose(ownerName -> connection.preparedQuery("UPDATE kpis SET title = $3, description = $4, unit_id = $5,"
                          + " owner_id = $6, owner_name = $7, unit = $8, direction = $9, indicator = $10,"
                          + " expected_every_hours = $11, start_value = $12::numeric, target_value = $13::numeric,"
                          + " green = $14::numeric, red = $15::numeric, version = version + 1, updated_at = now()"
                          + " WHERE org_id = $1 AND id = $2 RETURNING " + GoalRoutes.KPI_COLUMNS)
                      .execute(Tuple.from(new Object[] {caller.orgId(), id, input.title(), input.description(),
                          input.unitId(), input.ownerId(), ownerName, input.unit(), input.direction(), input.indicator(),
                          input.expectedEveryHours(), input.start(), input.target(), input.green(), input.red()})))
                  .compose(rows -> KpiModel.record(connection, caller, "updated", GoalJson.kpi(rows.iterator().next())));
            }))
        .compose(json -> goals.announce(caller, List.of(id), json))
        .onSuccess(json -> {
          LOG.info("KPI {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> updated(SqlConnection connection, Caller caller, String entity, JsonObject json) {
    return Edits.recordHistory(connection, caller, entity, "updated", json).map(json);
  }

  private void archiveObjective(RoutingContext ctx) {
    archiveTreeNode(ctx, "Objective", (connection, orgId, id) -> GoalRoutes.loadObjective(connection, orgId, id, true));
  }

  private void archiveKeyResult(RoutingContext ctx) {
    archiveTreeNode(ctx, "Key result", (connection, orgId, id) -> GoalRoutes.loadKeyResult(connection, orgId, id, true));
  }

  /** Loads a live row of an alignment node for update. */
  private interface Loader {
    Future<JsonObject> load(SqlConnection connection, String orgId, UUID id);
  }

  /**
   * Fails with 403 when a restricted token would archive, by cascade, a node outside its scope,
   * such as an objective of another unit aligned below.
   */
  private static Future<Void> requireDescendantsInScope(SqlConnection connection, Caller caller,
                                                        List<Alignment.Descendant> below) {
    if (!caller.restricted() || below.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = below.stream().map(Alignment.Descendant::id).toArray(UUID[]::new);
    return connection.preparedQuery("SELECT id, key, kind, unit_id FROM goal_nodes WHERE org_id = $1 AND id = ANY($2)")
        .execute(Tuple.tuple().addString(caller.orgId()).addArrayOfUUID(ids))
        .map(rows -> {
          rows.forEach(row -> caller.requireNodeAccess(ScopeGuard.node(row)));
          return null;
        });
  }

  /**
   * Archives an objective or key result. Nodes below it (key results, aligned objectives, and so
   * on down) block the archive with a 409 naming them, unless {@code cascade=true} archives them
   * in the same transaction.
   */
  private void archiveTreeNode(RoutingContext ctx, String what, Loader loader) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    QueryParams query = new QueryParams(ctx);
    String cascadeText = query.text("cascade");
    query.finish();
    boolean cascade = parseCascade(cascadeText);
    Integer version = Edits.optionalVersion(ctx, null);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> loader.load(connection, caller.orgId(), id))
            .compose(current -> {
              Edits.checkVersion(what + " " + current.getString("key"), version, current);
              return Alignment.descendants(connection, caller.orgId(), id).compose(below -> {
                if (!below.isEmpty() && !cascade) {
                  return Future.failedFuture(blockedByChildren(what + " " + current.getString("key"), below));
                }
                return requireDescendantsInScope(connection, caller, below).map(below);
              }).compose(below -> {
                List<UUID> objectives = new ArrayList<>();
                List<UUID> keyResults = new ArrayList<>();
                (current.containsKey("objectiveId") ? keyResults : objectives).add(id);
                for (Alignment.Descendant node : below) {
                  ("key_result".equals(node.kind()) ? keyResults : objectives).add(node.id());
                }
                return archiveRows(connection, caller, "objectives", "objective", GoalRoutes.OBJECTIVE_COLUMNS,
                        objectives, GoalJson::objective)
                    .compose(archivedObjectives -> archiveRows(connection, caller, "key_results", "key_result",
                            GoalRoutes.KEY_RESULT_COLUMNS, keyResults, GoalJson::keyResult)
                        .map(archivedKeyResults -> {
                          JsonArray archived = new JsonArray();
                          archivedObjectives.forEach(archived::add);
                          archivedKeyResults.forEach(archived::add);
                          return archived;
                        }));
              });
            }))
        .compose(archived -> announceArchived(caller, archived))
        .onSuccess(archived -> {
          LOG.info("{} {} of organisation {} archived with {} nodes", what, id, caller.orgId(), archived.size());
          ctx.json(new JsonObject().put("archived", archived));
        })
        .onFailure(ctx::fail);
  }

  private static boolean parseCascade(String text) {
    if (text == null || "false".equals(text)) {
      return false;
    }
    if ("true".equals(text)) {
      return true;
    }
    throw ApiException.invalid("cascade", "must be true or false");
  }

  private static ApiException blockedByChildren(String what, List<Alignment.Descendant> below) {
    List<String> keys = below.stream().limit(MAX_NAMED_CHILDREN).map(Alignment.Descendant::key).toList();
    return new ApiException(409, "has_children", what + " has " + below.size() + " live nodes below it ("
        + String.join(", ", keys) + (below.size() > keys.size() ? ", ..." : "")
        + "); archive or move them first, or send ?cascade=true to archive them too",
        List.of(), new JsonObject().put("children", new JsonArray(keys)).put("childCount", below.size()));
  }

  /**
   * Archives live rows of one table: each gets {@code archived_at}, the next version and an
   * entry in the history. Completes with {@code {id, key, kind}} of each. The table name comes
   * from code, never from input.
   */
  private static Future<List<JsonObject>> archiveRows(SqlConnection connection, Caller caller, String table, String entity,
                                                      String columns, List<UUID> ids, Function<Row, JsonObject> mapper) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return connection.preparedQuery("UPDATE " + table + " SET archived_at = now(), version = version + 1, updated_at = now()"
            + " WHERE org_id = $1 AND id = ANY($2) AND archived_at IS NULL RETURNING " + columns)
        .execute(Tuple.tuple().addString(caller.orgId()).addArrayOfUUID(ids.toArray(UUID[]::new)))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          List<JsonObject> archived = new ArrayList<>();
          for (Row row : rows) {
            JsonObject json = mapper.apply(row);
            chain = chain.compose(v -> Edits.recordHistory(connection, caller, entity, "archived", json));
            archived.add(new JsonObject().put("id", json.getString("id")).put("key", json.getString("key"))
                .put("kind", json.getString("kind", entity)));
          }
          return chain.map(archived);
        });
  }

  private Future<JsonArray> announceArchived(Caller caller, JsonArray archived) {
    List<UUID> ids = new ArrayList<>();
    archived.forEach(node -> ids.add(UUID.fromString(((JsonObject) node).getString("id"))));
    return goals.announce(caller, ids, new JsonObject()).map(archived);
  }

  /**
   * Archives a KPI. Key results that follow it and KPIs it drives block the archive with a 409
   * naming them, since their values would silently stop.
   */
  private void archiveKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> GoalRoutes.loadKpi(connection, caller.orgId(), id, true))
            .compose(current -> {
              Edits.checkVersion("KPI " + current.getString("key"), version, current);
              return connection.preparedQuery("""
                      SELECT key FROM key_results WHERE org_id = $1 AND kpi_id = $2 AND archived_at IS NULL
                      UNION ALL
                      SELECT k.key FROM kpi_drivers d JOIN kpis k ON k.id = d.kpi_id
                      WHERE d.org_id = $1 AND d.driver_id = $2 AND k.archived_at IS NULL
                      ORDER BY 1 LIMIT 20""")
                  .execute(Tuple.of(caller.orgId(), id))
                  .compose(rows -> rows.size() > 0
                      ? Future.failedFuture(new ApiException(409, "has_dependents", "KPI " + current.getString("key")
                          + " is followed or driven by " + keys(rows) + "; change or archive them first", List.of(),
                          new JsonObject().put("dependents", keys(rows))))
                      : archiveRows(connection, caller, "kpis", "kpi", GoalRoutes.KPI_COLUMNS, List.of(id), GoalJson::kpi));
            }))
        .map(JsonArray::new)
        .compose(archived -> announceArchived(caller, archived))
        .onSuccess(archived -> {
          LOG.info("KPI {} of organisation {} archived", id, caller.orgId());
          ctx.json(new JsonObject().put("archived", archived));
        })
        .onFailure(ctx::fail);
  }

  private static String keys(io.vertx.sqlclient.RowSet<Row> rows) {
    List<String> keys = new ArrayList<>();
    rows.forEach(row -> keys.add(row.getString(0)));
    return String.join(", ", keys);
  }
}
