package io.momentum.server.kpis;

import io.momentum.server.app.Services;
import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.KpiModel;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.engine.formula.Formula;
import io.momentum.streams.engine.formula.FormulaException;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of KPI driver trees: a KPI's drivers and formula, its dated targets, its driver tree
 * with sensitivity, and measurements sent to it. Changes are stored in PostgreSQL under a
 * per-organisation advisory lock, so two concurrent edits cannot build a driver loop together,
 * and announced on Kafka so that the organisation's engine reloads the KPI.
 */
public final class KpiDriverRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(KpiDriverRoutes.class);

  /** Most drivers one KPI may have. */
  static final int MAX_DRIVERS = 20;
  /** Most dated targets one KPI may have. */
  static final int MAX_TARGETS = 100;
  static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");
  static final int DEFAULT_DEPTH = 3;
  static final int MAX_DEPTH = 10;

  private static final String LOCK_ORG = "SELECT pg_advisory_xact_lock(hashtext($1))";
  private static final String KPI_FOR_UPDATE = """
      SELECT id, key, version FROM kpis WHERE org_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE""";
  private static final String ORG_EDGES = "SELECT kpi_id, driver_id FROM kpi_drivers WHERE org_id = $1";
  private static final String LIVE_KPIS = """
      SELECT id, key FROM kpis WHERE org_id = $1 AND id = ANY($2) AND archived_at IS NULL""";
  private static final String BUMP_VERSION = """
      UPDATE kpis SET version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING version""";
  private final Pool pool;
  private final EventPublisher publisher;
  private final Clock clock;
  private final CloudEventParser parser;
  private final DriverTreeReader trees;

  public KpiDriverRoutes(Vertx vertx, Services services) {
    this.pool = services.pool();
    this.publisher = services.publisher();
    this.clock = services.clock();
    this.parser = new CloudEventParser(services.clock());
    this.trees = new DriverTreeReader(vertx, services.pool(), services.liveState(), services.clock());
  }

  public void mount(Router router) {
    router.put("/api/v1/kpis/:id/drivers").handler(this::putDrivers);
    router.put("/api/v1/kpis/:id/targets").handler(this::putTargets);
    router.get("/api/v1/kpis/:id/driver-tree").handler(this::getDriverTree);
    router.post("/api/v1/kpis/:id/measurements").handler(this::postMeasurement);
  }

  /** One driver as sent: the driving KPI, the formula's variable for it, and its weight. */
  private record DriverInput(UUID driverId, String variable, BigDecimal weight) {
  }

  /** A KPI row locked for a change, with the version it had. */
  private record LockedKpi(UUID id, String key, int version) {
  }

  private void putDrivers(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID kpiId = pathId(ctx);
    BodyReader body = BodyReader.of(ctx);
    List<DriverInput> drivers = readDrivers(body, kpiId);
    String formula = readFormula(body, drivers);
    body.finish();
    pool.withTransaction(connection -> lockKpi(connection, caller.orgId(), kpiId)
            .compose(kpi -> requireDrivers(connection, caller.orgId(), drivers).map(kpi))
            .compose(kpi -> rejectDriverLoop(connection, caller.orgId(), kpi, drivers).map(kpi))
            .compose(kpi -> replaceDrivers(connection, caller.orgId(), kpiId, drivers, formula).map(kpi))
            .compose(kpi -> bumpVersion(connection, caller, kpiId)))
        .compose(version -> announce(caller, kpiId).map(version))
        .compose(version -> driversJson(caller.orgId(), kpiId, version))
        .onSuccess(json -> {
          LOG.info("Set {} drivers of KPI {} of organisation {}", drivers.size(), kpiId, caller.orgId());
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private static List<DriverInput> readDrivers(BodyReader body, UUID kpiId) {
    List<DriverInput> drivers = new ArrayList<>();
    Set<String> variables = new HashSet<>();
    Set<UUID> ids = new HashSet<>();
    List<BodyReader> items = body.objects("drivers", MAX_DRIVERS, true);
    for (int i = 0; i < items.size(); i++) {
      BodyReader item = items.get(i);
      UUID driverId = item.uuid("driverId", true);
      String variable = item.text("variable", Formula.MAX_VARIABLE_LENGTH + 1, true);
      BigDecimal weight = item.number("weight", false);
      item.finishNested();
      if (variable != null && !Formula.validVariable(variable)) {
        item.reject("variable", "variable_format", "must be a lower-case name of letters, digits and '_' that starts with a letter"
            + " or '_', at most " + Formula.MAX_VARIABLE_LENGTH + " characters, and not min, max, abs or round",
            new io.vertx.core.json.JsonObject().put("limit", Formula.MAX_VARIABLE_LENGTH));
        variable = null;
      }
      if (variable != null && !variables.add(variable)) {
        item.reject("variable", "taken", "\"" + variable + "\" is already used by another driver; give each driver its own name", null);
      }
      if (driverId != null && !ids.add(driverId)) {
        item.reject("driverId", "repeated", "lists the same KPI twice; list each driver once", null);
      }
      if (weight != null && (weight.signum() < 0 || weight.compareTo(MAX_WEIGHT) > 0)) {
        item.reject("weight", "driver_weight_range", "must be from 0 to " + MAX_WEIGHT, new io.vertx.core.json.JsonObject().put("max", MAX_WEIGHT.toPlainString()));
      }
      drivers.add(new DriverInput(driverId, variable, weight == null ? BigDecimal.ONE : weight));
    }
    return drivers;
  }

  private static String readFormula(BodyReader body, List<DriverInput> drivers) {
    String formula = body.text("formula", Formula.MAX_LENGTH, false);
    if (formula == null || formula.isBlank()) {
      return null;
    }
    Formula parsed;
    try {
      parsed = Formula.parse(formula);
    } catch (FormulaException e) {
      body.reject("formula", "formula_syntax", e.getMessage(), new io.vertx.core.json.JsonObject()
          .put("position", e.position()).put("reason", e.reason()).put("problem", e.problem()).put("subject", e.subject()));
      return null;
    }
    Set<String> known = new HashSet<>();
    drivers.forEach(d -> known.add(d.variable()));
    List<String> unknown = parsed.variables().stream().filter(v -> !known.contains(v)).sorted().toList();
    // A rejected driver list or variable is reported already, and its names would show up here again as unknown.
    if (!unknown.isEmpty() && !body.rejected("drivers")) {
      body.reject("formula", "formula_unknown_variable", "uses " + String.join(", ", unknown) + ", which no driver's \"variable\" names;"
          + " add a driver for it or change the formula", new io.vertx.core.json.JsonObject().put("variables", String.join(", ", unknown)));
    }
    return formula;
  }

  private static Future<LockedKpi> lockKpi(SqlConnection connection, String orgId, UUID kpiId) {
    return connection.preparedQuery(LOCK_ORG).execute(Tuple.of(orgId))
        .compose(v -> connection.preparedQuery(KPI_FOR_UPDATE).execute(Tuple.of(orgId, kpiId)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("KPI " + kpiId));
          }
          Row row = rows.iterator().next();
          return Future.succeededFuture(new LockedKpi(kpiId, row.getString("key"), row.getInteger("version")));
        });
  }

  /** Fails with 400 naming each driver that is no live KPI of the organisation. */
  private static Future<Void> requireDrivers(SqlConnection connection, String orgId, List<DriverInput> drivers) {
    if (drivers.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = drivers.stream().map(DriverInput::driverId).toArray(UUID[]::new);
    return connection.preparedQuery(LIVE_KPIS).execute(Tuple.of(orgId, (Object) ids)).compose(rows -> {
      Set<UUID> found = new HashSet<>();
      rows.forEach(row -> found.add(row.getUUID("id")));
      List<io.momentum.streams.event.FieldError> errors = new ArrayList<>();
      for (int i = 0; i < drivers.size(); i++) {
        if (!found.contains(drivers.get(i).driverId())) {
          errors.add(io.momentum.streams.event.FieldError.of("drivers[" + i + "].driverId", "unknown_reference",
              "names no KPI of your organisation"));
        }
      }
      return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(ApiException.invalid(errors));
    });
  }

  /** Fails with 409 naming the loop by KPI keys when the new drivers would close one. */
  private static Future<Void> rejectDriverLoop(SqlConnection connection, String orgId, LockedKpi kpi,
                                               List<DriverInput> drivers) {
    return connection.preparedQuery(ORG_EDGES).execute(Tuple.of(orgId)).compose(rows -> {
      DriverEdges edges = new DriverEdges();
      rows.forEach(row -> edges.add(row.getUUID("kpi_id"), row.getUUID("driver_id")));
      edges.replace(kpi.id(), drivers.stream().map(DriverInput::driverId).toList());
      List<UUID> loop = edges.loopThrough(kpi.id());
      if (loop.isEmpty()) {
        return Future.succeededFuture();
      }
      return connection.preparedQuery("SELECT id, key FROM kpis WHERE org_id = $1 AND id = ANY($2)")
          .execute(Tuple.of(orgId, (Object) loop.toArray(UUID[]::new)))
          .compose(keyRows -> {
            Map<UUID, String> keys = new HashMap<>();
            keyRows.forEach(row -> keys.put(row.getUUID("id"), row.getString("key")));
            List<String> named = loop.stream().map(id -> keys.getOrDefault(id, id.toString())).toList();
            LOG.info("Rejected drivers of KPI {} of organisation {}: driver loop {}", kpi.id(), orgId, named);
            return Future.failedFuture(ApiException.loop("drivers", named));
          });
    });
  }

  private static Future<Void> replaceDrivers(SqlConnection connection, String orgId, UUID kpiId,
                                             List<DriverInput> drivers, String formula) {
    Future<Void> cleared = connection.preparedQuery("DELETE FROM kpi_drivers WHERE org_id = $1 AND kpi_id = $2")
        .execute(Tuple.of(orgId, kpiId)).mapEmpty();
    Future<Void> inserted = drivers.isEmpty() ? cleared : cleared.compose(v -> {
      List<Tuple> batch = new ArrayList<>();
      for (DriverInput driver : drivers) {
        batch.add(Tuple.of(orgId, kpiId, driver.driverId(), driver.variable(), driver.weight()));
      }
      return connection.preparedQuery("INSERT INTO kpi_drivers (org_id, kpi_id, driver_id, variable, weight)"
          + " VALUES ($1, $2, $3, $4, $5)").executeBatch(batch).mapEmpty();
    });
    return inserted.compose(v -> connection.preparedQuery("UPDATE kpis SET formula = $3 WHERE org_id = $1 AND id = $2")
        .execute(Tuple.of(orgId, kpiId, formula))).mapEmpty();
  }

  /** Gives the KPI its next version and appends the whole definition to the history. */
  private static Future<Integer> bumpVersion(SqlConnection connection, Caller caller, UUID kpiId) {
    return connection.preparedQuery(BUMP_VERSION).execute(Tuple.of(caller.orgId(), kpiId))
        .map(rows -> rows.iterator().next().getInteger("version"))
        .compose(version -> KpiModel.recordCurrent(connection, caller, kpiId).map(version));
  }

  private Future<Void> announce(Caller caller, UUID kpiId) {
    return publisher.definitionChanged(caller.orgId(), "node", kpiId.toString());
  }

  private Future<JsonObject> driversJson(String orgId, UUID kpiId, int version) {
    return pool.preparedQuery("""
            SELECT k.key, k.formula, d.driver_id, d.variable, d.weight, dk.key AS driver_key
            FROM kpis k LEFT JOIN kpi_drivers d ON d.org_id = k.org_id AND d.kpi_id = k.id
            LEFT JOIN kpis dk ON dk.org_id = d.org_id AND dk.id = d.driver_id
            WHERE k.org_id = $1 AND k.id = $2 ORDER BY d.variable""")
        .execute(Tuple.of(orgId, kpiId))
        .map(rows -> {
          JsonObject json = new JsonObject().put("id", kpiId.toString()).put("version", version);
          JsonArray drivers = new JsonArray();
          for (Row row : rows) {
            json.put("key", row.getString("key")).put("formula", row.getString("formula"));
            if (row.getUUID("driver_id") != null) {
              drivers.add(new JsonObject()
                  .put("driverId", row.getUUID("driver_id").toString())
                  .put("driverKey", row.getString("driver_key"))
                  .put("variable", row.getString("variable"))
                  .put("weight", row.getBigDecimal("weight")));
            }
          }
          return json.put("drivers", drivers);
        });
  }

  /** One dated target as sent. */
  private record TargetInput(LocalDate due, BigDecimal value) {
  }

  private void putTargets(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID kpiId = pathId(ctx);
    BodyReader body = BodyReader.of(ctx);
    List<TargetInput> targets = new ArrayList<>();
    Set<LocalDate> dues = new HashSet<>();
    for (BodyReader item : body.objects("targets", MAX_TARGETS, true)) {
      LocalDate due = item.date("due", true);
      BigDecimal value = item.number("value", true);
      item.finishNested();
      if (due != null && !dues.add(due)) {
        item.reject("due", "repeated", due + " is already the due date of another target; give each date one target", null);
      }
      targets.add(new TargetInput(due, value));
    }
    body.finish();
    pool.withTransaction(connection -> lockKpi(connection, caller.orgId(), kpiId)
            .compose(kpi -> replaceTargets(connection, caller.orgId(), kpiId, targets))
            .compose(v -> bumpVersion(connection, caller, kpiId)))
        .compose(version -> announce(caller, kpiId).map(version))
        .map(version -> {
          JsonArray array = new JsonArray();
          targets.stream().sorted((a, b) -> a.due().compareTo(b.due())).forEach(t -> array.add(new JsonObject()
              .put("due", t.due().toString()).put("value", t.value())));
          return new JsonObject().put("id", kpiId.toString()).put("version", version).put("targets", array);
        })
        .onSuccess(json -> {
          LOG.info("Set {} dated targets of KPI {} of organisation {}", targets.size(), kpiId, caller.orgId());
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private static Future<Void> replaceTargets(SqlConnection connection, String orgId, UUID kpiId,
                                             List<TargetInput> targets) {
    Future<Void> cleared = connection.preparedQuery("DELETE FROM kpi_targets WHERE org_id = $1 AND kpi_id = $2")
        .execute(Tuple.of(orgId, kpiId)).mapEmpty();
    if (targets.isEmpty()) {
      return cleared;
    }
    return cleared.compose(v -> {
      List<Tuple> batch = new ArrayList<>();
      for (TargetInput target : targets) {
        batch.add(Tuple.of(orgId, kpiId, target.due(), target.value()));
      }
      return connection.preparedQuery("INSERT INTO kpi_targets (org_id, kpi_id, due_date, value) VALUES ($1, $2, $3, $4)")
          .executeBatch(batch).mapEmpty();
    });
  }

  private void getDriverTree(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID kpiId = pathId(ctx);
    QueryParams query = new QueryParams(ctx);
    String depthText = query.text("depth");
    query.finish();
    int depth = depth(depthText);
    trees.read(caller.orgId(), kpiId, depth)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static int depth(String text) {
    if (text == null) {
      return DEFAULT_DEPTH;
    }
    try {
      int depth = Integer.parseInt(text);
      if (depth >= 1 && depth <= MAX_DEPTH) {
        return depth;
      }
    } catch (NumberFormatException e) {
      // Rejected below with the allowed range.
    }
    throw ApiException.invalid("depth", "must be a whole number from 1 to " + MAX_DEPTH + ", not \""
        + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\"");
  }

  /** Publishes a KPI value sent through the API as a {@code momentum.kpi.measurement} event. */
  private void postMeasurement(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID kpiId = pathId(ctx);
    BodyReader body = BodyReader.of(ctx);
    BigDecimal value = body.number("value", true);
    String time = body.text("time", 40, false);
    if (time != null) {
      try {
        java.time.Instant.parse(time);
      } catch (java.time.format.DateTimeParseException e) {
        body.reject("time", "not_instant", "must be an instant such as 2026-11-30T09:00:00Z, when the value was observed", null);
      }
    }
    body.finish();
    pool.preparedQuery("SELECT formula FROM kpis WHERE org_id = $1 AND id = $2 AND archived_at IS NULL")
        .execute(Tuple.of(caller.orgId(), kpiId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("KPI " + kpiId));
          }
          if (rows.iterator().next().getString("formula") != null) {
            return Future.failedFuture(ApiException.invalid("value", "computed_kpi", "this KPI is computed by its formula from its"
                + " drivers; send measurements to the driver KPIs instead", null));
          }
          return Future.succeededFuture(measurementEvent(caller, kpiId, value, time));
        })
        .compose(event -> publisher.publish(List.of(event)).map(event))
        .onSuccess(event -> {
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("accepted", new JsonArray().add(event.id())));
        })
        .onFailure(ctx::fail);
  }

  private CloudEvent measurementEvent(Caller caller, UUID kpiId, BigDecimal value, String time) {
    JsonObject json = new JsonObject()
        .put("specversion", "1.0")
        .put("id", UUID.randomUUID().toString())
        .put("source", caller.source())
        .put("type", EventType.KPI_MEASUREMENT.wire())
        .put("subject", kpiId.toString())
        .put("time", time == null ? Instant.now(clock).toString() : time)
        .put("orgid", caller.orgId())
        .put("datacontenttype", "application/json")
        .put("data", new JsonObject().put("value", value));
    CloudEventParser.Result result = parser.parse(json, true);
    if (!result.valid()) {
      // The caller's time is checked here, like the time of any event (format, clock skew).
      throw ApiException.invalid(result.errors());
    }
    return result.event();
  }

  private static UUID pathId(RoutingContext ctx) {
    String value = ctx.pathParam("id");
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "not_found", "\"" + value + "\" is not an id; ids look like 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
    }
  }
}
