package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopedNode;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.server.links.Contributions;
import io.momentum.streams.event.Articles;
import io.momentum.streams.event.FieldError;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * REST API of goal nodes: objectives (and strategic outcomes), key results and KPIs. A created
 * node is stored in PostgreSQL with its first entry in the definition history and announced on
 * Kafka, so the engine that owns the organisation loads it and live boards show it. Archived
 * nodes are left out of every list and return 404. Edits are in {@link GoalEditRoutes}.
 */
public final class GoalRoutes {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_MILESTONES = 50;
  static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");

  static final String OBJECTIVE_COLUMNS =
      "id, key, kind, title, description, parent_id, parent_key_result_id, unit_id, cycle_id, owner_id, owner_name,"
          + " weight, rollup_children, carried_from, version, created_at, updated_at, archived_at";
  static final String KEY_RESULT_COLUMNS =
      "id, key, objective_id, title, description, measurement, unit_id, owner_id, owner_name, weight, start_value,"
          + " target_value, low_value, high_value, tolerance, commit_value, stretch_value, unit, kpi_id, milestones,"
          + " work_from, carried_from, current_value, current_at, current_source, confidence, version, created_at, updated_at,"
          + " archived_at, example_numbers";
  static final String KPI_COLUMNS =
      "id, key, title, description, unit_id, owner_id, owner_name, unit, direction, indicator, expected_every_hours,"
          + " start_value, target_value, green, red, current_value, current_at, current_source, version, created_at,"
          + " updated_at, archived_at";

  private final Pool pool;
  private final EventPublisher publisher;

  private final LiveValues liveValues;

  /** Creates the routes; KPI responses fill computed values from the live state in Hazelcast. */
  public GoalRoutes(Pool pool, EventPublisher publisher, Vertx vertx, LiveStateStore liveState) {
    this.pool = pool;
    this.publisher = publisher;
    this.liveValues = new LiveValues(vertx, liveState);
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
    new GoalEditRoutes(pool, this).mount(router);
  }

  private void listObjectives(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    UUID cycle = query.uuid("cycle");
    UUID parent = query.uuid("parent");
    UUID owner = query.uuid("owner");
    String kind = query.text("kind");
    if (kind != null && !List.of("objective", "strategic_outcome").contains(kind)) {
      throw ApiException.invalid("kind", "must be objective or strategic_outcome, not \"" + kind + "\"");
    }
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + OBJECTIVE_COLUMNS + " FROM objectives WHERE org_id = $1 AND archived_at IS NULL"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::uuid IS NULL OR cycle_id = $3)"
                + " AND ($4::uuid IS NULL OR parent_id = $4 OR parent_key_result_id = $4)"
                + " AND ($5::uuid IS NULL OR owner_id = $5) AND ($6::text IS NULL OR kind = $6)"
                + " AND ($7::text IS NULL OR key > $7)"
                + " AND ($8::uuid[] IS NULL OR unit_id = ANY($8)) AND ($9::text[] IS NULL OR kind = ANY($9))"
                + " ORDER BY key LIMIT $10",
            Tuple.from(new Object[] {caller.orgId(), unit, cycle, parent, owner, kind, after, caller.scope().unitFilter(),
                caller.scope().kindFilter()}), limit, GoalJson::objective)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getObjective(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    loadObjective(pool, caller.orgId(), id, false)
        .compose(json -> Contributions.attach(pool, caller.orgId(), json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Loads a live objective, or fails with 404; {@code forUpdate} locks its row until the transaction ends. */
  static Future<JsonObject> loadObjective(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + OBJECTIVE_COLUMNS + " FROM objectives WHERE org_id = $1 AND id = $2"
            + " AND archived_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""),
        Tuple.of(orgId, id), "Objective " + id, GoalJson::objective);
  }

  private void createObjective(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    ObjectiveInput input = ObjectiveInput.read(body);
    body.finish();
    caller.requireNodeAccess(new ScopedNode(null, input.key(), input.kind(), input.unitId()));
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> checkObjective(connection, caller.orgId(), input, null))
            .compose(ownerName -> insertKey(connection, caller.orgId(), input.key(), id, input.kind())
                .compose(x -> connection.preparedQuery("INSERT INTO objectives (id, org_id, key, kind, title, description,"
                        + " parent_id, parent_key_result_id, unit_id, cycle_id, owner_id, owner_name, weight, rollup_children)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING " + OBJECTIVE_COLUMNS)
                    .execute(Tuple.from(new Object[] {id, caller.orgId(), input.key(), input.kind(), input.title(),
                        input.description(), input.parentId(), input.parentKeyResultId(), input.unitId(), input.cycleId(),
                        input.ownerId(), ownerName, input.weight(), input.rollupChildren()}))))
            .compose(rows -> recorded(connection, caller, "objective", GoalJson.objective(rows.iterator().next()))))
        .compose(json -> announce(caller, List.of(id), json))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/objectives/" + id, json))
        .onFailure(ctx::fail);
  }

  /**
   * Checks an objective's references in the organisation and completes with the owner name to
   * store: a live unit, a cycle of the kind's cycle kinds, a live parent whose cycle contains the
   * objective's, and an owner. With {@code current} (an update) it also rejects a new parent that
   * closes a loop, and a cycle that no longer contains the cycles of the objectives below.
   */
  Future<String> checkObjective(SqlConnection connection, String orgId, ObjectiveInput input, JsonObject current) {
    UUID id = current == null ? null : UUID.fromString(current.getString("id"));
    Future<Void> references = Ids.requireLive(connection, "units", orgId, input.unitId(), "unitId", "unit")
        .compose(v -> input.parentId() == null ? Future.succeededFuture()
            : requireParentObjective(connection, orgId, input.parentId()))
        .compose(v -> input.parentKeyResultId() == null ? Future.succeededFuture()
            : Ids.requireLive(connection, "key_results", orgId, input.parentKeyResultId(), "parentKeyResultId", "key result"));
    return references
        .compose(v -> checkObjectiveCycle(connection, orgId, input.cycleId(), input.kind()))
        .compose(window -> Alignment.checkParentCycle(connection, orgId, window, input.parentId(), input.parentKeyResultId())
            .compose(v -> current == null || input.cycleId().toString().equals(current.getString("cycleId"))
                ? Future.succeededFuture() : Alignment.checkChildCycles(connection, orgId, id, window)))
        .compose(v -> current == null ? Future.succeededFuture() : rejectObjectiveLoop(connection, orgId, id, input, current))
        .compose(v -> Owners.resolveName(connection, orgId, input.ownerId(), input.ownerName()));
  }

  private static Future<Void> rejectObjectiveLoop(SqlClient client, String orgId, UUID id, ObjectiveInput input,
                                                  JsonObject current) {
    UUID parentId = input.parentId();
    UUID parentKeyResultId = input.parentKeyResultId();
    if (parentId != null && !parentId.toString().equals(current.getString("parentId"))) {
      return Alignment.rejectLoop(client, orgId, id, parentId, "parentId");
    }
    if (parentKeyResultId != null && !parentKeyResultId.toString().equals(current.getString("parentKeyResultId"))) {
      return Alignment.rejectLoop(client, orgId, id, parentKeyResultId, "parentKeyResultId");
    }
    return Future.succeededFuture();
  }

  private static Future<Void> requireParentObjective(SqlClient client, String orgId, UUID parentId) {
    return Ids.requireLive(client, "objectives", orgId, parentId, "parentId", "objective or strategic outcome");
  }

  /** Strategic outcomes live in strategy cycles; objectives in annual cycles and quarters. */
  private static Future<Alignment.Window> checkObjectiveCycle(SqlClient client, String orgId, UUID cycleId, String kind) {
    return client.preparedQuery("SELECT key, kind, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, cycleId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("cycleId", "unknown_reference", "names no cycle of your organisation", null));
          }
          var row = rows.iterator().next();
          String cycleKind = row.getString("kind");
          boolean outcome = "strategic_outcome".equals(kind);
          if (outcome != "strategy".equals(cycleKind)) {
            return Future.failedFuture(ApiException.invalid("cycleId", outcome ? "outcome_needs_strategy_cycle" : "objective_needs_year_or_quarter",
                outcome ? "a strategic outcome belongs to a strategy cycle, not " + Articles.withArticle(cycleKind) + " cycle"
                    : "an objective belongs to an annual or quarter cycle, not a strategy cycle", null));
          }
          return Future.succeededFuture(new Alignment.Window(row.getString("key"), row.getLocalDate("start_date"),
              row.getLocalDate("end_date")));
        });
  }

  private void listKeyResults(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID objective = query.uuid("objective");
    UUID unit = query.uuid("unit");
    UUID cycle = query.uuid("cycle");
    UUID owner = query.uuid("owner");
    UUID kpi = query.uuid("kpi");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + prefixed("k.", KEY_RESULT_COLUMNS) + " FROM key_results k JOIN objectives o ON o.id = k.objective_id"
                + " WHERE k.org_id = $1 AND k.archived_at IS NULL AND ($2::uuid IS NULL OR k.objective_id = $2)"
                + " AND ($3::uuid IS NULL OR coalesce(k.unit_id, o.unit_id) = $3) AND ($4::uuid IS NULL OR o.cycle_id = $4)"
                + " AND ($5::uuid IS NULL OR k.owner_id = $5) AND ($6::uuid IS NULL OR k.kpi_id = $6)"
                + " AND ($7::text IS NULL OR k.key > $7) AND ($8::uuid[] IS NULL OR coalesce(k.unit_id, o.unit_id) = ANY($8))"
                + " AND $9 ORDER BY k.key LIMIT $10",
            Tuple.from(new Object[] {caller.orgId(), objective, unit, cycle, owner, kpi, after, caller.scope().unitFilter(),
                caller.scope().allowsKind("key_result")}), limit, GoalJson::keyResult)
        .compose(page -> liveValues.fillPage(caller.orgId(), page))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getKeyResult(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    loadKeyResult(pool, caller.orgId(), id, false)
        .compose(json -> liveValues.fill(caller.orgId(), json))
        .compose(json -> Contributions.attach(pool, caller.orgId(), json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Loads a live key result, or fails with 404; {@code forUpdate} locks its row until the transaction ends. */
  static Future<JsonObject> loadKeyResult(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + KEY_RESULT_COLUMNS + " FROM key_results WHERE org_id = $1 AND id = $2"
            + " AND archived_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""),
        Tuple.of(orgId, id), "Key result " + id, GoalJson::keyResult);
  }

  private void createKeyResult(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    KeyResultInput read = KeyResultInput.read(body);
    body.finish();
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> resolveWorkFrom(connection, caller.orgId(), read))
            .compose(input -> checkKeyResult(connection, caller.orgId(), input)
                .map(ownerName -> input.withOwnerName(ownerName)))
            .compose(input -> requireKeyResultInScope(connection, caller, input).map(input))
            .compose(input -> insertKey(connection, caller.orgId(), input.key(), id, "key_result")
                .compose(x -> insertKeyResult(connection, caller.orgId(), id, input)))
            .compose(rows -> recorded(connection, caller, "key_result", GoalJson.keyResult(rows.iterator().next()))))
        .compose(json -> announce(caller, List.of(id), json))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/key-results/" + id, json))
        .onFailure(ctx::fail);
  }

  private static Future<RowSet<Row>> insertKeyResult(
      SqlConnection connection, String orgId, UUID id, KeyResultInput input) {
    return connection.preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement,"
            + " unit_id, owner_name, weight, start_value, target_value, low_value, high_value, tolerance, commit_value,"
            + " stretch_value, unit, kpi_id, milestones, description, owner_id, work_from, example_numbers) VALUES ($1, $2,"
            + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, $20, $21, $22, $23)"
            + " RETURNING " + KEY_RESULT_COLUMNS)
        .execute(input.toTuple(id, orgId));
  }

  /**
   * Resolves the initiatives a key result names in {@code workFrom}, by id or key, to the ids of live
   * initiatives of the organisation, and completes with the copy holding those ids. Fails with 400
   * naming each entry {@code workFrom[i]} that names no initiative of the organisation (code {@code
   * unknown_reference}; an initiative of another organisation reads the same) or an archived one
   * (code {@code archived_initiative}).
   */
  static Future<KeyResultInput> resolveWorkFrom(SqlClient client, String orgId, KeyResultInput input) {
    return resolveWorkFrom(client, orgId, input, true);
  }

  /**
   * Resolves like {@link #resolveWorkFrom(SqlClient, String, KeyResultInput)}; with {@code
   * rejectArchived} false an archived initiative is dropped from the list instead of rejected.
   */
  static Future<KeyResultInput> resolveWorkFrom(SqlClient client, String orgId, KeyResultInput input,
                                                boolean rejectArchived) {
    if (input.workFrom().isEmpty()) {
      return Future.succeededFuture(input);
    }
    return FollowedInitiatives.find(client, orgId, input.workFrom()).map(initiatives -> {
      List<FieldError> errors = new ArrayList<>();
      List<UUID> ids = initiatives.resolve(input.workFrom(), "workFrom", errors, rejectArchived);
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
      return input.withWorkFrom(ids);
    });
  }

  /**
   * Fails with 403 when a restricted token may not create the key result: its unit is the one it
   * names, or else its objective's unit.
   */
  static Future<Void> requireKeyResultInScope(SqlClient client, Caller caller, KeyResultInput input) {
    if (!caller.restricted()) {
      return Future.succeededFuture();
    }
    Future<UUID> unit = input.unitId() != null ? Future.succeededFuture(input.unitId())
        : client.preparedQuery("SELECT unit_id FROM objectives WHERE org_id = $1 AND id = $2")
            .execute(Tuple.of(caller.orgId(), input.objectiveId()))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("unit_id"));
    return unit.map(unitId -> {
      caller.requireNodeAccess(new ScopedNode(null, input.key(), "key_result", unitId));
      return null;
    });
  }

  /** Checks a key result's references in the organisation and completes with the owner name to store. */
  static Future<String> checkKeyResult(SqlClient client, String orgId, KeyResultInput input) {
    return requireObjectiveOfKeyResult(client, orgId, input.objectiveId())
        .compose(v -> input.unitId() == null ? Future.succeededFuture()
            : Ids.requireLive(client, "units", orgId, input.unitId(), "unitId", "unit"))
        .compose(v -> input.kpiId() == null ? Future.succeededFuture()
            : Ids.requireLive(client, "kpis", orgId, input.kpiId(), "kpiId", "KPI"))
        .compose(v -> Owners.resolveName(client, orgId, input.ownerId(), input.ownerName()));
  }

  private static Future<Void> requireObjectiveOfKeyResult(SqlClient client, String orgId, UUID objectiveId) {
    return client.preparedQuery("SELECT kind FROM objectives WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(orgId, objectiveId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.invalid("objectiveId", "unknown_reference", "names no objective of your organisation", null));
          }
          if (!"objective".equals(rows.iterator().next().getString("kind"))) {
            return Future.failedFuture(ApiException.invalid("objectiveId", "key_result_under_outcome",
                "names a strategic outcome; key results belong to objectives, which align to the outcome", null));
          }
          return Future.succeededFuture();
        });
  }

  private void listKpis(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unit = query.uuid("unit");
    UUID owner = query.uuid("owner");
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + KPI_COLUMNS + " FROM kpis WHERE org_id = $1 AND archived_at IS NULL"
                + " AND ($2::uuid IS NULL OR unit_id = $2) AND ($3::uuid IS NULL OR owner_id = $3)"
                + " AND ($4::text IS NULL OR key > $4) AND ($5::uuid[] IS NULL OR unit_id = ANY($5)) AND $6"
                + " ORDER BY key LIMIT $7",
            Tuple.from(new Object[] {caller.orgId(), unit, owner, after, caller.scope().unitFilter(),
                caller.scope().allowsKind("kpi")}), limit, GoalJson::kpi)
        .compose(page -> liveValues.fillPage(caller.orgId(), page))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    loadKpi(pool, caller.orgId(), id, false)
        .compose(json -> KpiModel.attach(pool, caller.orgId(), json))
        .compose(json -> KpiModel.attachDriven(pool, caller.orgId(), json))
        .compose(json -> liveValues.fill(caller.orgId(), json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Loads a live KPI, or fails with 404; {@code forUpdate} locks its row until the transaction ends. */
  public static Future<JsonObject> loadKpi(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + KPI_COLUMNS + " FROM kpis WHERE org_id = $1 AND id = $2"
            + " AND archived_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""),
        Tuple.of(orgId, id), "KPI " + id, GoalJson::kpi);
  }

  private void createKpi(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    KpiInput input = KpiInput.read(body);
    body.finish();
    caller.requireNodeAccess(new ScopedNode(null, input.key(), "kpi", input.unitId()));
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> checkKpi(connection, caller.orgId(), input))
            .compose(ownerName -> insertKey(connection, caller.orgId(), input.key(), id, "kpi")
                .compose(x -> connection.preparedQuery("INSERT INTO kpis (id, org_id, key, title, description, unit_id, owner_id,"
                        + " owner_name, unit, direction, indicator, expected_every_hours, start_value, target_value, green, red)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::numeric, $14::numeric,"
                        + " $15::numeric, $16::numeric) RETURNING " + KPI_COLUMNS)
                    .execute(Tuple.from(new Object[] {id, caller.orgId(), input.key(), input.title(), input.description(),
                        input.unitId(), input.ownerId(), ownerName, input.unit(), input.direction(), input.indicator(),
                        input.expectedEveryHours(), input.start(), input.target(), input.green(), input.red()}))))
            .compose(rows -> KpiModel.record(connection, caller, "created", GoalJson.kpi(rows.iterator().next()))))
        .compose(json -> announce(caller, List.of(id), json))
        .onSuccess(json -> StructureRoutes.created(ctx, "/api/v1/kpis/" + id, json))
        .onFailure(ctx::fail);
  }

  /** Checks a KPI's references in the organisation and completes with the owner name to store. */
  static Future<String> checkKpi(SqlClient client, String orgId, KpiInput input) {
    return (input.unitId() == null ? Future.<Void>succeededFuture()
        : Ids.requireLive(client, "units", orgId, input.unitId(), "unitId", "unit"))
        .compose(v -> Owners.resolveName(client, orgId, input.ownerId(), input.ownerName()));
  }

  static BigDecimal weight(BodyReader body) {
    BigDecimal weight = body.number("weight", false);
    if (weight != null && (weight.signum() < 0 || weight.compareTo(MAX_WEIGHT) > 0)) {
      body.reject("weight", "weight_range", "must be from 0 (tracked, not scored) to " + MAX_WEIGHT, new io.vertx.core.json.JsonObject().put("max", MAX_WEIGHT.toPlainString()));
      return null;
    }
    return weight == null ? BigDecimal.ONE : weight;
  }

  /**
   * Registers the key in the organisation's shared key namespace; a taken key fails with 409. Keys
   * of archived nodes stay taken, because stored events may still name them.
   */
  public static Future<Void> insertKey(SqlConnection connection, String orgId, String key, UUID id, String kind) {
    return connection.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(orgId, key, id, kind))
        .compose(result -> result.rowCount() == 1 ? Future.succeededFuture() : keyTaken(connection, orgId, key));
  }

  /** Fails with 409 naming the node that uses the key, so the person knows which one to look at. */
  private static Future<Void> keyTaken(SqlConnection connection, String orgId, String key) {
    return connection.preparedQuery("SELECT kind, title, archived_at FROM goal_nodes WHERE org_id = $1 AND key = $2")
        .execute(Tuple.of(orgId, key))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new ApiException(409, "conflict", "The key \"" + key
                + "\" is already used by another node of your organisation; choose another",
                List.of(io.momentum.streams.event.FieldError.of("key", "taken", "is already taken"))));
          }
          io.vertx.sqlclient.Row holder = rows.iterator().next();
          boolean archived = holder.getValue("archived_at") != null;
          String name = (archived ? "the archived " : "the ") + holder.getString("kind").replace('_', ' ') + " \""
              + holder.getString("title") + "\"";
          String reason = archived ? "; keys of archived nodes stay taken because stored events may name them" : "";
          JsonObject params = new JsonObject().put("kind", holder.getString("kind")).put("title", holder.getString("title"));
          return Future.failedFuture(new ApiException(409, "conflict", "The key \"" + key + "\" is already used by " + name
              + reason + "; choose another",
              List.of(io.momentum.streams.event.FieldError.of("key", archived ? "taken_by_archived" : "taken_by",
                  "is already used by " + name + reason + "; choose another key", params))));
        });
  }

  /** Appends a created definition to the history and completes with it. */
  static Future<JsonObject> recorded(SqlClient client, Caller caller, String entity, JsonObject json) {
    return Edits.recordHistory(client, caller, entity, "created", json).map(json);
  }

  /**
   * Tells the engine that the nodes changed, so it reloads them (an archived node is removed),
   * and completes with {@code json}.
   */
  Future<JsonObject> announce(Caller caller, List<UUID> ids, JsonObject json) {
    List<Future<Void>> sends = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      sends.add(publisher.definitionChanged(caller.orgId(), "node", id.toString()));
    }
    return Future.all(sends).map(json);
  }


  static String prefixed(String prefix, String columns) {
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
