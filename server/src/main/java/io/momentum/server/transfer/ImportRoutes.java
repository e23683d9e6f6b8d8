package io.momentum.server.transfer;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.assist.briefs.BriefTransfer;
import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.FollowedInitiatives;
import io.momentum.server.goals.KeyResultInput;
import io.momentum.server.history.Definitions;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.event.Articles;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/import}: creates the objectives and key results of an export file in the
 * cycle its {@code cycle.key} names, all in one transaction. A file with any bad row stores
 * nothing and gets a 400 that lists every bad field. A file over {@value ImportFile#MAX_BYTES}
 * bytes or {@value ImportFile#MAX_ROWS} rows gets a 413. Created nodes are announced to the engine.
 */
public final class ImportRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);
  /** Body limit of the import route: the file limit, whatever the server's general body limit. */
  public static final long MAX_BODY_BYTES = ImportFile.MAX_BYTES;

  private final Pool pool;
  private final EventPublisher publisher;

  public ImportRoutes(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  /** Mounts the route; {@link #limitBody} must run before the router's body handler. */
  public void mount(Router router) {
    router.post("/api/v1/import").handler(this::importFile);
  }

  /** Rejects an import whose declared length exceeds the file limit before its body is read. */
  public static void limitBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > ImportFile.MAX_BYTES) {
          ctx.fail(tooLarge("is " + length.trim() + " bytes long"));
          return;
        }
      } catch (NumberFormatException e) {
        // The HTTP server rejects a malformed Content-Length itself.
      }
    }
    ctx.next();
  }

  /**
   * Failure handler of the import route: a body that outgrew the body handler's limit while it
   * streamed in (a chunked upload has no Content-Length) gets the import's own 413.
   * NOTE: no test covers a chunked upload. A client that keeps writing may not read this 413
   * until the server stops reading its body.
   */
  public static void explainBodyLimit(RoutingContext ctx) {
    if (ctx.failure() == null && ctx.statusCode() == 413) {
      ctx.fail(tooLarge("exceeds the limit"));
    } else {
      ctx.next();
    }
  }

  static ApiException tooLarge(String what) {
    return new ApiException(413, "import_too_large", "The import file " + what + "; the limit is " + ImportFile.MAX_BYTES
        + " bytes (5 MiB) and " + ImportFile.MAX_ROWS + " objectives and key results; split it into several files");
  }

  private void importFile(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    new QueryParams(ctx).finish();
    if (ctx.body().length() > ImportFile.MAX_BYTES) {
      throw tooLarge("is " + ctx.body().length() + " bytes long");
    }
    JsonObject json = parse(ctx.body().asString());
    int rows = ImportFile.countRows(json);
    if (rows > ImportFile.MAX_ROWS) {
      throw tooLarge("has " + rows + " objectives and key results");
    }
    ImportFile file = ImportFile.read(json);
    // The organisation's structural lock keeps a concurrent re-alignment from building a loop with the new rows.
    pool.withTransaction(connection -> Edits.lockOrganisation(connection, caller.orgId())
            .compose(v -> resolve(connection, caller.orgId(), file))
            .compose(plan -> insert(connection, caller, file, plan)))
        .compose(created -> announce(caller.orgId(), created).map(created))
        .onSuccess(created -> {
          LOG.info("Imported {} objectives and {} key results into cycle {} of organisation {} for {}",
              created.objectives().size(), created.keyResults().size(), file.cycleKey, caller.orgId(), caller.source());
          ctx.response().setStatusCode(201);
          ctx.json(created.toJson());
        })
        .onFailure(e -> {
          if (e instanceof ApiException api && api.status() == 400) {
            LOG.info("Rejected an import into organisation {}: {} bad fields, first {}", caller.orgId(), api.fields().size(),
                api.fields().isEmpty() ? api.getMessage() : api.fields().get(0).field());
          }
          ctx.fail(e);
        });
  }

  private static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("body", "is empty; send an export file of Momentum (JSON)");
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "contains a NUL character (\\u0000), which cannot be stored");
    }
    try {
      Object parsed = Json.decodeValue(text);
      if (parsed instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The import file is not valid JSON; send the JSON export of a cycle");
    }
    throw ApiException.invalid("body", "must be a JSON object: the JSON export of a cycle");
  }

  /** Ids the rows refer to, resolved from keys in the organisation and in the file. */
  private record Plan(UUID cycleId, Map<String, UUID> units, Map<String, UUID> kpis, Map<String, UUID> existingObjectives,
                      Map<String, UUID> existingKeyResults, Map<String, UUID> newIds, List<ImportFile.ObjectiveRow> order,
                      Map<String, Owner> owners, Map<String, List<UUID>> workFrom) {

    /** Returns the owner's user id, or null for a row without {@code ownerEmail}. */
    UUID ownerId(String email) {
      return email == null ? null : owners.get(email).id();
    }

    /** Returns the name to store: the row's {@code ownerName}, else the named user's. */
    String ownerName(String name, String email) {
      return name != null || email == null ? name : owners.get(email).name();
    }
  }

  /** A user of the organisation named as an owner by e-mail. */
  private record Owner(UUID id, String name) {
  }

  private Future<Plan> resolve(SqlConnection connection, String orgId, ImportFile file) {
    Set<String> unitKeys = new HashSet<>();
    Set<String> kpiKeys = new HashSet<>();
    Set<String> nodeKeys = new HashSet<>();
    Set<String> parentKeys = new HashSet<>();
    Set<String> emails = new HashSet<>();
    Set<String> initiativeReferences = new HashSet<>();
    for (ImportFile.ObjectiveRow o : file.objectives) {
      add(unitKeys, o.unitKey());
      add(emails, o.ownerEmail());
      add(nodeKeys, o.key());
      add(parentKeys, o.parentKey());
      add(parentKeys, o.parentKeyResultKey());
      for (ImportFile.KeyResultRow k : o.keyResults()) {
        add(unitKeys, k.unitKey());
        add(kpiKeys, k.kpiKey());
        add(emails, k.ownerEmail());
        add(nodeKeys, k.input().key());
        initiativeReferences.addAll(k.input().workFrom());
      }
    }
    file.schedules.forEach(schedule -> add(unitKeys, schedule.unitKey()));
    Future<UUID> cycle = file.cycleKey == null ? Future.succeededFuture(null)
        : connection.preparedQuery("SELECT id, kind, closed FROM cycles WHERE org_id = $1 AND key = $2").execute(Tuple.of(orgId, file.cycleKey))
            .map(rows -> {
              if (rows.size() == 0) {
                file.errors.add(FieldError.of("cycle.key", "unknown_key", "names no cycle of your organisation (\"" + file.cycleKey
                    + "\"); create the cycle first or change the key to one of yours", new io.vertx.core.json.JsonObject().put("key", file.cycleKey)));
                return null;
              }
              Row row = rows.iterator().next();
              if (row.getBoolean("closed")) {
                file.errors.add(FieldError.of("cycle.key", "target_closed", "names a closed cycle; import into an open cycle",
                    new io.vertx.core.json.JsonObject().put("key", file.cycleKey)));
              }
              checkCycleKinds(file, row.getString("kind"));
              return row.getUUID("id");
            });

    Future<Map<String, UUID>> units = keys(connection, "SELECT key, id FROM units WHERE org_id = $1 AND key = ANY($2)", orgId, unitKeys);
    Future<Map<String, UUID>> kpis = keys(connection, "SELECT key, id FROM kpis WHERE org_id = $1 AND key = ANY($2)", orgId, kpiKeys);
    Future<Map<String, UUID>> taken = keys(connection, "SELECT key, node_id FROM node_keys WHERE org_id = $1 AND key = ANY($2)", orgId, nodeKeys);
    Future<Map<String, UUID>> parents = keys(connection, "SELECT key, id FROM objectives WHERE org_id = $1 AND key = ANY($2)", orgId, parentKeys);
    Future<Map<String, UUID>> parentKeyResults = keys(connection, "SELECT key, id FROM key_results WHERE org_id = $1 AND key = ANY($2)", orgId,
        parentKeys);

    Future<Map<String, Owner>> owners = owners(connection, orgId, emails);
    Future<FollowedInitiatives> initiatives = FollowedInitiatives.find(connection, orgId, initiativeReferences);

    return cycle.compose(cycleId -> units.compose(u -> kpis.compose(k -> taken.compose(t -> parents.compose(p -> parentKeyResults.compose(pk -> owners.compose(ow -> initiatives.compose(i -> {
      Plan plan = check(file, cycleId, u, k, t, p, pk, ow, i);
      if (!file.errors.isEmpty()) {
        return Future.failedFuture(ApiException.invalid(file.errors));
      }
      return Future.succeededFuture(plan);
    }))))))));
  }

  private static Future<Map<String, Owner>> owners(SqlConnection connection, String orgId, Set<String> emails) {
    if (emails.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return connection.preparedQuery("SELECT lower(email), id, name FROM users WHERE org_id = $1 AND lower(email) = ANY($2)")
        .execute(Tuple.of(orgId, (Object) emails.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Owner> found = new HashMap<>();
          rows.forEach(row -> found.put(row.getString(0), new Owner(row.getUUID(1), row.getString(2))));
          return found;
        });
  }

  private static void add(Set<String> set, String value) {
    if (value != null) {
      set.add(value);
    }
  }

  private static Future<Map<String, UUID>> keys(SqlConnection connection, String sql, String orgId, Set<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return connection.preparedQuery(sql).execute(Tuple.of(orgId, (Object) keys.toArray(String[]::new))).map(rows -> {
      Map<String, UUID> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getString(0), row.getUUID(1)));
      return found;
    });
  }

  private static void checkCycleKinds(ImportFile file, String cycleKind) {
    for (ImportFile.ObjectiveRow o : file.objectives) {
      boolean outcome = "strategic_outcome".equals(o.kind());
      if (outcome != "strategy".equals(cycleKind)) {
        file.errors.add(new FieldError(o.path() + ".kind", outcome
            ? "a strategic outcome belongs to a strategy cycle, but cycle " + file.cycleKey + " is " + Articles.withArticle(cycleKind) + " cycle"
            : "an objective belongs to an annual or quarter cycle, but cycle " + file.cycleKey + " is a strategy cycle"));
      }
    }
  }

  /** Checks every reference and key, records the errors in the file, and orders objectives parents first. */
  private static Plan check(ImportFile file, UUID cycleId, Map<String, UUID> units, Map<String, UUID> kpis, Map<String, UUID> taken,
                            Map<String, UUID> parents, Map<String, UUID> parentKeyResults, Map<String, Owner> owners,
                            FollowedInitiatives initiatives) {
    Map<String, UUID> newIds = new LinkedHashMap<>();
    Map<String, List<UUID>> workFrom = new HashMap<>();
    Map<String, ImportFile.ObjectiveRow> fileObjectives = new HashMap<>();
    Set<String> fileKeyResults = new HashSet<>();
    for (ImportFile.ObjectiveRow o : file.objectives) {
      claimKey(file, o.key(), o.path() + ".key", taken, newIds);
      if (o.key() != null) {
        fileObjectives.putIfAbsent(o.key(), o);
      }
      if (o.unitKey() != null && !units.containsKey(o.unitKey())) {
        file.errors.add(FieldError.of(o.path() + ".unitKey", "unknown_key", "names no unit of your organisation (\"" + o.unitKey()
            + "\"); create the unit or use the key of one of yours", new io.vertx.core.json.JsonObject().put("key", o.unitKey())));
      }
      checkOwner(file, o.ownerEmail(), o.path() + ".ownerEmail", owners);
      for (ImportFile.KeyResultRow k : o.keyResults()) {
        String path = o.path() + ".keyResults[" + k.index() + "]";
        claimKey(file, k.input().key(), path + ".key", taken, newIds);
        add(fileKeyResults, k.input().key());
        if (k.unitKey() != null && !units.containsKey(k.unitKey())) {
          file.errors.add(FieldError.of(path + ".unitKey", "unknown_key", "names no unit of your organisation (\"" + k.unitKey() + "\")",
              new io.vertx.core.json.JsonObject().put("key", k.unitKey())));
        }
        checkOwner(file, k.ownerEmail(), path + ".ownerEmail", owners);
        workFrom.put(k.input().key(), initiatives.resolve(k.input().workFrom(), path + ".workFrom", file.errors));
        if (k.kpiKey() != null && !kpis.containsKey(k.kpiKey())) {
          file.errors.add(FieldError.of(path + ".kpiKey", "unknown_key", "names no KPI of your organisation (\"" + k.kpiKey()
              + "\"); create the KPI first or use the key of one of yours", new io.vertx.core.json.JsonObject().put("key", k.kpiKey())));
        }
      }
    }
    for (ImportFile.ObjectiveRow o : file.objectives) {
      if (o.parentKey() != null && !fileObjectives.containsKey(o.parentKey()) && !parents.containsKey(o.parentKey())) {
        file.errors.add(FieldError.of(o.path() + ".parentKey", "unknown_key", "names no objective in the file or in your organisation (\""
            + o.parentKey() + "\")", new io.vertx.core.json.JsonObject().put("key", o.parentKey())));
      }
      if (o.parentKeyResultKey() != null && !fileKeyResults.contains(o.parentKeyResultKey())
          && !parentKeyResults.containsKey(o.parentKeyResultKey())) {
        file.errors.add(FieldError.of(o.path() + ".parentKeyResultKey", "unknown_key",
            "names no key result in the file or in your organisation (\"" + o.parentKeyResultKey() + "\")",
            new io.vertx.core.json.JsonObject().put("key", o.parentKeyResultKey())));
      }
    }
    for (BriefTransfer.ImportedSchedule schedule : file.schedules) {
      if (!units.containsKey(schedule.unitKey())) {
        file.errors.add(FieldError.of("briefSchedules[" + schedule.index() + "].unitKey", "unknown_key", "names no unit of your"
            + " organisation (\"" + schedule.unitKey() + "\"); create the unit or leave the schedule out",
            new io.vertx.core.json.JsonObject().put("key", schedule.unitKey())));
      }
    }
    List<ImportFile.ObjectiveRow> order = parentsFirst(file, fileObjectives);
    return new Plan(cycleId, units, kpis, parents, parentKeyResults, newIds, order, owners, workFrom);
  }

  private static void checkOwner(ImportFile file, String email, String path, Map<String, Owner> owners) {
    if (email != null && !owners.containsKey(email)) {
      file.errors.add(new FieldError(path, "names no person of your organisation (\"" + email
          + "\"); add them as a user first, or leave ownerEmail out and keep ownerName"));
    }
  }

  private static void claimKey(ImportFile file, String key, String path, Map<String, UUID> taken, Map<String, UUID> newIds) {
    if (key == null) {
      return;
    }
    if (taken.containsKey(key)) {
      file.errors.add(FieldError.of(path, "taken", "\"" + key + "\" is already used by a node of your organisation; choose another key",
          new io.vertx.core.json.JsonObject().put("key", key)));
    } else if (newIds.containsKey(key)) {
      file.errors.add(FieldError.of(path, "repeated", "\"" + key + "\" is used by another row of the file; keys must be unique",
          new io.vertx.core.json.JsonObject().put("key", key)));
    } else {
      newIds.put(key, UUID.randomUUID());
    }
  }

  /** Orders objectives so that a parent in the file comes before its children, and reports loops. */
  private static List<ImportFile.ObjectiveRow> parentsFirst(ImportFile file, Map<String, ImportFile.ObjectiveRow> byKey) {
    List<ImportFile.ObjectiveRow> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (ImportFile.ObjectiveRow o : file.objectives) {
      List<ImportFile.ObjectiveRow> chain = new ArrayList<>();
      Set<String> visiting = new HashSet<>();
      ImportFile.ObjectiveRow current = o;
      boolean loop = false;
      while (current != null && current.key() != null && !placed.contains(current.key())) {
        if (!visiting.add(current.key())) {
          loop = true;
          break;
        }
        chain.add(current);
        current = current.parentKey() == null ? null : byKey.get(current.parentKey());
      }
      if (loop) {
        List<String> loopKeys = new ArrayList<>(chain.stream().map(ImportFile.ObjectiveRow::key).toList());
        loopKeys.add(current.key());
        file.errors.add(FieldError.of(o.path() + ".parentKey", "loop", "closes the alignment loop "
            + String.join(" -> ", loopKeys) + "; an objective cannot align to itself through others",
            new io.vertx.core.json.JsonObject().put("loop", new io.vertx.core.json.JsonArray(loopKeys))));
        chain.forEach(c -> placed.add(c.key()));
        continue;
      }
      for (int i = chain.size() - 1; i >= 0; i--) {
        if (placed.add(chain.get(i).key())) {
          order.add(chain.get(i));
        }
      }
    }
    return order;
  }

  /** The created nodes, objectives before key results, as {@code {id, key}}. */
  private record Created(UUID cycleId, List<JsonObject> objectives, List<JsonObject> keyResults, int schedules,
                         int schedulesKept) {

    JsonObject toJson() {
      return new JsonObject()
          .put("cycleId", cycleId.toString())
          .put("imported", new JsonObject().put("objectives", objectives.size()).put("keyResults", keyResults.size())
              .put("briefSchedules", schedules).put("briefSchedulesKept", schedulesKept))
          .put("objectives", new JsonArray(new ArrayList<>(objectives)))
          .put("keyResults", new JsonArray(new ArrayList<>(keyResults)));
    }
  }

  private Future<Created> insert(SqlConnection connection, Caller caller, ImportFile file, Plan plan) {
    String orgId = caller.orgId();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Tuple> keyRows = new ArrayList<>();
    List<Tuple> objectiveRows = new ArrayList<>();
    List<Tuple> keyResultRows = new ArrayList<>();
    List<Tuple> parentLinks = new ArrayList<>();
    List<JsonObject> objectives = new ArrayList<>();
    List<JsonObject> keyResults = new ArrayList<>();

    for (ImportFile.ObjectiveRow o : plan.order()) {
      UUID id = plan.newIds().get(o.key());
      UUID parentId = o.parentKey() == null ? null
          : plan.newIds().containsKey(o.parentKey()) ? plan.newIds().get(o.parentKey()) : plan.existingObjectives().get(o.parentKey());
      UUID parentKeyResultId = o.parentKeyResultKey() == null ? null
          : plan.newIds().containsKey(o.parentKeyResultKey()) ? plan.newIds().get(o.parentKeyResultKey())
          : plan.existingKeyResults().get(o.parentKeyResultKey());
      keyRows.add(Tuple.of(orgId, o.key(), id, o.kind()));
      objectiveRows.add(Tuple.from(new Object[] {id, orgId, o.key(), o.kind(), o.title(), o.description(), parentId,
          plan.units().get(o.unitKey()), plan.cycleId(), plan.ownerId(o.ownerEmail()), plan.ownerName(o.ownerName(), o.ownerEmail()),
          o.weight(), o.rollupChildren()}));
      if (parentKeyResultId != null) {
        parentLinks.add(Tuple.of(orgId, id, parentKeyResultId));
      }
      objectives.add(new JsonObject().put("id", id.toString()).put("key", o.key()));
      for (ImportFile.KeyResultRow k : o.keyResults()) {
        KeyResultInput input = k.input();
        UUID keyResultId = plan.newIds().get(input.key());
        keyRows.add(Tuple.of(orgId, input.key(), keyResultId, "key_result"));
        keyResultRows.add(Tuple.from(new Object[] {keyResultId, orgId, input.key(), id, input.title(), k.description(), input.measurement(),
            k.unitKey() == null ? null : plan.units().get(k.unitKey()), plan.ownerId(k.ownerEmail()),
            plan.ownerName(input.ownerName(), k.ownerEmail()), input.weight(), input.start(), input.target(),
            input.low(), input.high(), input.tolerance(), input.commit(), input.stretch(), input.unit(),
            k.kpiKey() == null ? null : plan.kpis().get(k.kpiKey()), input.milestones(),
            plan.workFrom().getOrDefault(input.key(), List.of()).toArray(UUID[]::new)}));
        keyResults.add(new JsonObject().put("id", keyResultId.toString()).put("key", input.key()));
      }
    }

    // A parent key result may be one of the file's, inserted after the objectives, so the link
    // to it is set once both rows exist.
    return batch(connection, "INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, $4)", keyRows)
        .compose(v -> batch(connection, "INSERT INTO objectives (id, org_id, key, kind, title, description, parent_id, unit_id,"
            + " cycle_id, owner_id, owner_name, weight, rollup_children)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", objectiveRows))
        .compose(v -> batch(connection, "INSERT INTO key_results (id, org_id, key, objective_id, title, description, measurement, unit_id,"
            + " owner_id, owner_name, weight, start_value, target_value, low_value, high_value, tolerance, commit_value, stretch_value,"
            + " unit, kpi_id, milestones, work_from)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21::jsonb, $22)",
            keyResultRows))
        .compose(v -> batch(connection, "UPDATE objectives SET parent_key_result_id = $3 WHERE org_id = $1 AND id = $2", parentLinks))
        .compose(v -> history(connection, caller, plan, now))
        .compose(v -> BriefTransfer.importSchedules(connection, orgId, file.schedules, plan.units(), caller.source(),
            now.toInstant()))
        .map(schedules -> new Created(plan.cycleId(), objectives, keyResults, schedules, file.schedules.size() - schedules));
  }

  private static Future<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  /** Appends the created definitions to {@code definition_history}, read back as stored. */
  private static Future<Void> history(SqlConnection connection, Caller caller, Plan plan, OffsetDateTime now) {
    UUID[] ids = plan.newIds().values().toArray(UUID[]::new);
    return connection.preparedQuery("SELECT " + Definitions.OBJECTIVE_COLUMNS + " FROM objectives o WHERE o.org_id = $1 AND o.id = ANY($2)")
        .execute(Tuple.of(caller.orgId(), (Object) ids))
        .compose(objectives -> connection.preparedQuery("SELECT " + Definitions.KEY_RESULT_COLUMNS
                + " FROM key_results k JOIN objectives o ON o.id = k.objective_id WHERE k.org_id = $1 AND k.id = ANY($2)")
            .execute(Tuple.of(caller.orgId(), (Object) ids))
            .compose(keyResults -> {
              List<Tuple> rows = new ArrayList<>();
              objectives.forEach(row -> rows.add(historyRow(caller, "objective", GoalJson.objective(row), now)));
              keyResults.forEach(row -> rows.add(historyRow(caller, "key_result", GoalJson.keyResult(row), now)));
              return batch(connection, "INSERT INTO definition_history (org_id, entity, entity_id, version, change, changed_at, changed_by,"
                  + " definition) VALUES ($1, $2, $3, $4, 'created', $5, $6, $7::jsonb)", rows);
            }));
  }

  private static Tuple historyRow(Caller caller, String entity, JsonObject definition, OffsetDateTime now) {
    return Tuple.from(new Object[] {caller.orgId(), entity, UUID.fromString(definition.getString("id")), definition.getInteger("version"),
        now, caller.source(), definition});
  }

  /** Tells the engine about every created node, objectives first; one partition keeps the order. */
  private Future<Void> announce(String orgId, Created created) {
    List<Future<Void>> sends = new ArrayList<>();
    created.objectives().forEach(o -> sends.add(publisher.definitionChanged(orgId, "node", o.getString("id"))));
    created.keyResults().forEach(k -> sends.add(publisher.definitionChanged(orgId, "node", k.getString("id"))));
    return Future.all(sends).mapEmpty();
  }
}
