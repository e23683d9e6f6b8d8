package io.momentum.server.transfer;

import io.momentum.server.assist.briefs.BriefTransfer;
import io.momentum.server.auth.Caller;
import io.momentum.server.cycles.LiveNodes;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.goals.GoalJson;
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
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code GET /api/v1/cycles/{id}/export?format=json|csv}: the cycle's live objectives and key
 * results with their progress and status from the engine. The JSON is the shape
 * {@code POST /api/v1/import} takes; references between nodes, units and KPIs are keys, so a file
 * can be imported into another organisation. The JSON also carries the decision trail about the
 * cycle, its nodes and their signals ({@code decisions}), which an import leaves out, because those
 * decisions were made in the exporting organisation, and the briefs of the cycle and the brief
 * schedules of the organisation ({@link BriefTransfer}). The CSV has one row per objective and key result.
 */
public final class ExportRoutes {

  /** Value of {@code format} in an export file. */
  static final String FORMAT = "momentum-okrs";
  static final int FORMAT_VERSION = 1;
  /** Most decision trail entries one cycle export carries; the whole trail has its own export. */
  static final int MAX_DECISIONS = 50_000;
  static final List<String> CSV_HEADER = List.of("type", "key", "objective_key", "title", "measurement", "unit_key", "owner_name",
      "owner_email", "weight", "start", "target", "current", "unit", "progress", "status", "confidence");

  private static final String CYCLE = "SELECT id, key, name, kind, start_date, end_date, closed FROM cycles WHERE org_id = $1 AND id = $2";
  private static final String OBJECTIVES = """
      SELECT o.id, o.key, o.kind, o.title, o.description, u.key AS unit_key, o.owner_name, ow.email AS owner_email, o.weight,
             o.rollup_children, p.key AS parent_key, pk.key AS parent_key_result_key
      FROM objectives o JOIN units u ON u.id = o.unit_id LEFT JOIN users ow ON ow.id = o.owner_id
      LEFT JOIN objectives p ON p.id = o.parent_id LEFT JOIN key_results pk ON pk.id = o.parent_key_result_id
      WHERE o.org_id = $1 AND o.cycle_id = $2 AND o.archived_at IS NULL ORDER BY o.key""";
  private static final String KEY_RESULTS = """
      SELECT k.id, k.key, k.objective_id, k.title, k.description, k.measurement, u.key AS unit_key, k.owner_name,
             ow.email AS owner_email, k.weight,
             k.start_value, k.target_value, k.low_value, k.high_value, k.tolerance, k.commit_value, k.stretch_value, k.unit,
             kp.key AS kpi_key, k.milestones,
             ARRAY(SELECT i.key FROM unnest(k.work_from) WITH ORDINALITY AS f(id, position)
                   JOIN initiatives i ON i.id = f.id AND i.org_id = k.org_id AND i.archived_at IS NULL
                   ORDER BY f.position) AS work_from_keys
      FROM key_results k JOIN objectives o ON o.id = k.objective_id
      LEFT JOIN units u ON u.id = k.unit_id LEFT JOIN kpis kp ON kp.id = k.kpi_id LEFT JOIN users ow ON ow.id = k.owner_id
      WHERE k.org_id = $1 AND o.cycle_id = $2 AND o.archived_at IS NULL AND k.archived_at IS NULL ORDER BY k.key""";

  private final Pool pool;
  private final LiveNodes liveNodes;
  private final Clock clock;
  private final DecisionTrail trail;

  public ExportRoutes(Pool pool, LiveNodes liveNodes, Clock clock) {
    this.pool = pool;
    this.liveNodes = liveNodes;
    this.clock = clock;
    this.trail = new DecisionTrail(clock);
  }

  public void mount(Router router) {
    router.get("/api/v1/cycles/:id/export").handler(this::export);
  }

  private void export(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = PathIds.read(ctx, "id", "Cycle");
    QueryParams query = new QueryParams(ctx);
    String format = query.text("format");
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      query.reject("format", "must be json or csv, not \"" + format + "\"");
    }
    query.finish();
    build(caller.orgId(), id)
        .onSuccess(file -> {
          String cycleKey = file.getJsonObject("cycle").getString("key");
          if ("csv".equals(format)) {
            ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + cycleKey + "-okrs.csv\"")
                .end(csv(file));
          } else {
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + cycleKey + "-okrs.json\"");
            ctx.json(file);
          }
        })
        .onFailure(ctx::fail);
  }

  /** Builds the JSON export of a cycle. */
  Future<JsonObject> build(String orgId, UUID cycleId) {
    Tuple params = Tuple.of(orgId, cycleId);
    return pool.preparedQuery(CYCLE).execute(params)
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Cycle " + cycleId))
            : Future.succeededFuture(rows.iterator().next()))
        .compose(cycle -> pool.preparedQuery(OBJECTIVES).execute(params)
            .compose(objectives -> pool.preparedQuery(KEY_RESULTS).execute(params)
                .compose(keyResults -> {
                  List<String> ids = new ArrayList<>();
                  objectives.forEach(r -> ids.add(r.getUUID("id").toString()));
                  keyResults.forEach(r -> ids.add(r.getUUID("id").toString()));
                  return liveNodes.read(orgId, ids)
                      .compose(states -> trail.aboutCycle(pool, orgId, cycleId.toString(), ids, MAX_DECISIONS)
                          .map(decisions -> file(cycle, objectives, keyResults, states)
                              .put("decisions", new JsonArray(new ArrayList<>(decisions)))))
                      .compose(file -> BriefTransfer.exportBriefs(pool, orgId, cycleId).map(briefs -> file.put("briefs", briefs)))
                      .compose(file -> BriefTransfer.exportSchedules(pool, orgId)
                          .map(schedules -> file.put("briefSchedules", schedules)));
                })));
  }

  private JsonObject file(Row cycle, Iterable<Row> objectiveRows, Iterable<Row> keyResultRows, Map<String, JsonObject> states) {
    Map<UUID, JsonArray> keyResults = new LinkedHashMap<>();
    for (Row row : keyResultRows) {
      keyResults.computeIfAbsent(row.getUUID("objective_id"), k -> new JsonArray()).add(keyResult(row, states));
    }
    JsonArray objectives = new JsonArray();
    for (Row row : objectiveRows) {
      JsonObject state = states.get(row.getUUID("id").toString());
      objectives.add(new JsonObject()
          .put("key", row.getString("key"))
          .put("kind", row.getString("kind"))
          .put("title", row.getString("title"))
          .put("description", row.getString("description"))
          .put("unitKey", row.getString("unit_key"))
          .put("ownerName", row.getString("owner_name"))
          .put("ownerEmail", row.getString("owner_email"))
          .put("weight", row.getBigDecimal("weight"))
          .put("rollupChildren", row.getBoolean("rollup_children"))
          .put("parentKey", row.getString("parent_key"))
          .put("parentKeyResultKey", row.getString("parent_key_result_key"))
          .put("progress", state == null ? null : state.getValue("progress"))
          .put("status", state == null ? null : state.getString("status"))
          .put("keyResults", keyResults.getOrDefault(row.getUUID("id"), new JsonArray())));
    }
    return new JsonObject()
        .put("format", FORMAT)
        .put("formatVersion", FORMAT_VERSION)
        .put("exportedAt", Instant.now(clock).toString())
        .put("cycle", new JsonObject()
            .put("key", cycle.getString("key"))
            .put("name", cycle.getString("name"))
            .put("kind", cycle.getString("kind"))
            .put("start", cycle.getLocalDate("start_date").toString())
            .put("end", cycle.getLocalDate("end_date").toString())
            .put("closed", cycle.getBoolean("closed")))
        .put("objectives", objectives);
  }

  private static JsonObject keyResult(Row row, Map<String, JsonObject> states) {
    JsonObject state = states.get(row.getUUID("id").toString());
    String measurement = row.getString("measurement");
    JsonObject json = new JsonObject()
        .put("key", row.getString("key"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("measurement", measurement)
        .put("unitKey", row.getString("unit_key"))
        .put("ownerName", row.getString("owner_name"))
        .put("ownerEmail", row.getString("owner_email"))
        .put("weight", row.getBigDecimal("weight"))
        .put("unit", row.getString("unit"));

    putIfSet(json, "start", row.getBigDecimal("start_value"));
    putIfSet(json, "target", row.getBigDecimal("target_value"));
    putIfSet(json, "low", row.getBigDecimal("low_value"));
    putIfSet(json, "high", row.getBigDecimal("high_value"));
    putIfSet(json, "tolerance", row.getBigDecimal("tolerance"));
    putIfSet(json, "commit", row.getBigDecimal("commit_value"));
    putIfSet(json, "stretch", row.getBigDecimal("stretch_value"));
    if (row.getString("kpi_key") != null) {
      json.put("kpiKey", row.getString("kpi_key"));
    }
    // Initiatives travel by key, which the import resolves in the target organisation; archived
    // ones are left out because they no longer count.
    String[] workFromKeys = row.getArrayOfStrings("work_from_keys");
    if (workFromKeys != null && workFromKeys.length > 0) {
      json.put("workFrom", new JsonArray(List.of((Object[]) workFromKeys)));
    }

    if ("milestone".equals(measurement)) {
      JsonArray milestones = new JsonArray();
      Object stored = row.getValue("milestones");
      JsonArray array = GoalJson.milestones(stored);
      if (!array.isEmpty()) {
        for (int i = 0; i < array.size(); i++) {
          JsonObject m = array.getJsonObject(i);
          milestones.add(new JsonObject().put("title", m.getString("title")).put("weight", m.getValue("weight"))
              .put("done", m.getBoolean("done", false)));
        }
      }
      json.put("milestones", milestones);
    }
    return json
        .put("current", state == null ? null : state.getValue("current"))
        .put("progress", state == null ? null : state.getValue("progress"))
        .put("raw", state == null ? null : state.getValue("raw"))
        .put("status", state == null ? null : state.getString("status"))
        .put("confidence", state == null ? null : state.getValue("confidence"));
  }

  private static void putIfSet(JsonObject json, String field, BigDecimal value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  /**
   * Formats a cell: numbers in plain notation, and text that a spreadsheet would run as a formula
   * (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe.
   */
  private static Object cell(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).toPlainString();
    }
    if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }

  private static void print(CSVPrinter printer, Object... values) throws IOException {
    Object[] cells = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      cells[i] = cell(values[i]);
    }
    printer.printRecord(cells);
  }

  /** Writes the export as CSV (RFC 4180) with a header row. */
  static String csv(JsonObject file) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get())) {
      for (Object o : file.getJsonArray("objectives")) {
        JsonObject objective = (JsonObject) o;
        print(printer, "objective", objective.getString("key"), null, objective.getString("title"), null,
            objective.getString("unitKey"), objective.getString("ownerName"), objective.getString("ownerEmail"),
            objective.getValue("weight"), null, null, null, null,
            objective.getValue("progress"), objective.getString("status"), null);
        for (Object k : objective.getJsonArray("keyResults")) {
          JsonObject keyResult = (JsonObject) k;
          print(printer, "key_result", keyResult.getString("key"), objective.getString("key"), keyResult.getString("title"),
              keyResult.getString("measurement"), keyResult.getString("unitKey"), keyResult.getString("ownerName"),
              keyResult.getString("ownerEmail"), keyResult.getValue("weight"), keyResult.getValue("start"), keyResult.getValue("target"), keyResult.getValue("current"),
              keyResult.getString("unit"), keyResult.getValue("progress"), keyResult.getString("status"),
              keyResult.getValue("confidence"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing CSV to memory failed", e);
    }
    return out.toString();
  }
}
