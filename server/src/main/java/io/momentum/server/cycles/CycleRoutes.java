package io.momentum.server.cycles;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.auth.Caller;
import io.momentum.server.changes.ChangeEvents;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.history.Definitions;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.ExpectedVersion;
import io.momentum.server.http.PathIds;
import io.momentum.server.http.QueryParams;
import io.momentum.server.settings.SettingsRoutes;
import io.momentum.streams.event.Articles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cycle routes beyond list, create and get: {@code PATCH /cycles/{id}}, {@code POST
 * /cycles/fiscal-year}, {@code GET /cycles/{id}/close-preview}, {@code POST /cycles/{id}/close}
 * (through {@link CycleCloser}) and {@code POST /cycles/{id}/reopen}. Every change appends the
 * cycle's definition to {@code definition_history} and announces the cycle to the engine, which
 * reloads it.
 */
public final class CycleRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(CycleRoutes.class);
  /** Maximum length of a cycle in years, as for creation. */
  static final int MAX_YEARS = 10;

  private final Pool pool;
  private final EventPublisher publisher;
  private final CycleCloser closer;

  public CycleRoutes(Pool pool, EventPublisher publisher, LiveNodes liveNodes, java.time.Clock clock) {
    this.pool = pool;
    this.publisher = publisher;
    this.closer = new CycleCloser(pool, publisher, liveNodes, clock);
  }

  public void mount(Router router) {
    router.post("/api/v1/cycles/fiscal-year").handler(this::createFiscalYear);
    router.patch("/api/v1/cycles/:id").handler(this::patchCycle);
    router.get("/api/v1/cycles/:id/close-preview").handler(closer::preview);
    router.post("/api/v1/cycles/:id/close").handler(closer::close);
    router.post("/api/v1/cycles/:id/reopen").handler(this::reopenCycle);
  }

  static UUID pathId(RoutingContext ctx) {
    return PathIds.read(ctx, "id", "Cycle");
  }

  /** Locks a cycle row for the rest of the transaction; fails with 404 when the organisation has no such cycle. */
  static Future<Row> lockCycle(SqlConnection connection, String orgId, UUID id) {
    return connection.preparedQuery("SELECT " + Definitions.CYCLE_COLUMNS + " FROM cycles WHERE org_id = $1 AND id = $2 FOR UPDATE")
        .execute(Tuple.of(orgId, id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Cycle " + id))
            : Future.succeededFuture(rows.iterator().next()));
  }

  private void patchCycle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = pathId(ctx);
    BodyReader body = BodyReader.of(ctx);
    Integer version = ExpectedVersion.read(ctx, body);
    String name = body.text("name", 120, false);
    LocalDate start = body.date("start", false);
    LocalDate end = body.date("end", false);
    body.finish();
    pool.withTransaction(connection -> lockCycle(connection, caller.orgId(), id)
            .compose(row -> checkPatch(connection, caller.orgId(), row, version, start, end))
            .compose(row -> connection.preparedQuery("UPDATE cycles SET name = coalesce($3, name), start_date = coalesce($4, start_date),"
                    + " end_date = coalesce($5, end_date), version = version + 1, updated_at = now()"
                    + " WHERE org_id = $1 AND id = $2 RETURNING " + Definitions.CYCLE_COLUMNS)
                .execute(Tuple.of(caller.orgId(), id, name, start, end)))
            .compose(rows -> record(connection, caller, rows.iterator().next(), "updated"))
            .compose(json -> ChangeEvents.appendCycle(connection, caller.orgId(), ChangeTypes.CYCLE_UPDATED, json, null)))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "cycle", id.toString()).map(json))
        .onSuccess(json -> {
          LOG.info("Cycle {} of organisation {} updated to version {}", id, caller.orgId(), json.getInteger("version"));
          send(ctx, 200, json);
        })
        .onFailure(ctx::fail);
  }

  /** Checks the version, that a closed cycle keeps its dates, and that the new dates keep parent and children nested. */
  private Future<Row> checkPatch(SqlConnection connection, String orgId, Row row, int version,
                                 LocalDate newStart, LocalDate newEnd) {
    int current = row.getInteger("version");
    if (current != version) {
      return Future.failedFuture(ApiException.staleVersion("Cycle " + row.getString("key"), version, current, GoalJson.cycle(row)));
    }
    if (row.getBoolean("closed") && (newStart != null || newEnd != null)) {
      return Future.failedFuture(ApiException.conflict("cycle_closed", "Cycle " + row.getString("key")
          + " is closed, so its dates are frozen; an admin can reopen it first", new io.vertx.core.json.JsonObject().put("cycle", row.getString("key"))));
    }
    LocalDate start = newStart != null ? newStart : row.getLocalDate("start_date");
    LocalDate end = newEnd != null ? newEnd : row.getLocalDate("end_date");
    if (end.isBefore(start)) {
      return Future.failedFuture(ApiException.invalid(newEnd != null ? "end" : "start", "end_before_start",
          "end (" + end + ") must not be before start (" + start + ")", new io.vertx.core.json.JsonObject().put("start", start.toString())));
    }
    if (end.isAfter(start.plusYears(MAX_YEARS))) {
      return Future.failedFuture(ApiException.invalid("end", "cycle_too_long",
          "lies more than " + MAX_YEARS + " years after start; the limit of a cycle is " + MAX_YEARS + " years", new io.vertx.core.json.JsonObject().put("years", MAX_YEARS)));
    }
    UUID parentId = row.getUUID("parent_id");
    Future<Void> parent = parentId == null ? Future.succeededFuture()
        : connection.preparedQuery("SELECT key, start_date, end_date FROM cycles WHERE org_id = $1 AND id = $2")
            .execute(Tuple.of(orgId, parentId))
            .compose(rows -> {
              Row p = rows.iterator().next();
              if (start.isBefore(p.getLocalDate("start_date")) || end.isAfter(p.getLocalDate("end_date"))) {
                return Future.failedFuture(ApiException.invalid("start", "outside_parent_cycle", "a cycle lies within its parent: " + p.getString("key")
                    + " runs from " + p.getLocalDate("start_date") + " to " + p.getLocalDate("end_date"),
                    new io.vertx.core.json.JsonObject().put("parent", p.getString("key")).put("start", p.getLocalDate("start_date").toString())
                        .put("end", p.getLocalDate("end_date").toString())));
              }
              return Future.succeededFuture();
            });
    return parent
        .compose(v -> connection.preparedQuery("SELECT key, start_date, end_date FROM cycles WHERE org_id = $1 AND parent_id = $2"
                + " AND (start_date < $3 OR end_date > $4) ORDER BY start_date LIMIT 1")
            .execute(Tuple.of(orgId, row.getUUID("id"), start, end)))
        .compose(rows -> {
          if (rows.size() > 0) {
            Row child = rows.iterator().next();
            return Future.failedFuture(ApiException.invalid(newStart != null ? "start" : "end", "excludes_child_cycle", "would leave the child cycle "
                + child.getString("key") + " (" + child.getLocalDate("start_date") + " to " + child.getLocalDate("end_date")
                + ") outside; a cycle must contain its children, so change the child first",
                new io.vertx.core.json.JsonObject().put("child", child.getString("key")).put("start", child.getLocalDate("start_date").toString())
                    .put("end", child.getLocalDate("end_date").toString())));
          }
          return Future.succeededFuture(row);
        });
  }

  private void createFiscalYear(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    UUID strategyId = body.uuid("strategyCycleId", true);
    Integer year = body.integer("year", 1900, 2999, true);
    String keyPrefix = body.key("keyPrefix", false);
    if (keyPrefix != null && keyPrefix.length() > 77) {
      body.reject("keyPrefix", "too_long", "is " + keyPrefix.length() + " characters long; the limit is 77, so that the quarter keys fit in 80",
          new io.vertx.core.json.JsonObject().put("length", keyPrefix.length()).put("limit", 77));
    }
    body.finish();
    String prefix = keyPrefix != null ? keyPrefix : "fy" + year;
    SettingsRoutes.read(pool, caller.orgId())
        .map(settings -> FiscalYear.of(year, settings.getInteger("fiscalYearStartMonth"), prefix))
        .compose(fiscal -> pool.withTransaction(connection -> insertFiscalYear(connection, caller, strategyId, fiscal)))
        .compose(created -> announce(caller.orgId(), created).map(created))
        .onSuccess(created -> {
          LOG.info("Fiscal year {} created in organisation {} with {} quarters", created.get(0).getString("key"),
              caller.orgId(), created.size() - 1);
          JsonArray quarters = new JsonArray();
          created.subList(1, created.size()).forEach(quarters::add);
          ctx.response().putHeader("Location", "/api/v1/cycles/" + created.get(0).getString("id"));
          send(ctx, 201, new JsonObject().put("annual", created.get(0)).put("quarters", quarters));
        })
        .onFailure(ctx::fail);
  }

  private Future<List<JsonObject>> insertFiscalYear(SqlConnection connection, Caller caller, UUID strategyId, FiscalYear fiscal) {
    List<FiscalYear.Period> periods = fiscal.periods();
    String[] keys = periods.stream().map(FiscalYear.Period::key).toArray(String[]::new);
    return connection.preparedQuery("SELECT kind, key, start_date, end_date, closed FROM cycles WHERE org_id = $1 AND id = $2 FOR SHARE")
        .execute(Tuple.of(caller.orgId(), strategyId))
        .compose(rows -> checkStrategy(rows.size() == 0 ? null : rows.iterator().next(), fiscal))
        .compose(v -> connection.preparedQuery("SELECT key FROM cycles WHERE org_id = $1 AND key = ANY($2) ORDER BY key")
            .execute(Tuple.of(caller.orgId(), (Object) keys)))
        .compose(taken -> {
          if (taken.size() > 0) {
            List<String> names = new ArrayList<>();
            taken.forEach(r -> names.add(r.getString("key")));
            return Future.failedFuture(new ApiException(409, "conflict", "The fiscal year exists already: your organisation uses the cycle keys "
                + String.join(", ", names) + "; choose another keyPrefix",
                List.of(io.momentum.streams.event.FieldError.of("keyPrefix", "cycle_keys_taken",
                    "names cycles that exist already (" + String.join(", ", names) + "); choose another prefix",
                    new io.vertx.core.json.JsonObject().put("keys", new io.vertx.core.json.JsonArray(names))))));
          }
          return Future.succeededFuture();
        })
        .compose(v -> {
          UUID annualId = UUID.randomUUID();
          List<JsonObject> created = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (FiscalYear.Period period : periods) {
            boolean annual = period.quarter() == 0;
            UUID id = annual ? annualId : UUID.randomUUID();
            UUID parent = annual ? strategyId : annualId;
            chain = chain
                .compose(x -> connection.preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + Definitions.CYCLE_COLUMNS)
                    .execute(Tuple.from(new Object[] {id, caller.orgId(), period.key(), period.name(), annual ? "annual" : "quarter",
                        parent, period.start(), period.end()})))
                .compose(rows -> record(connection, caller, rows.iterator().next(), "created"))
                .compose(json -> ChangeEvents.appendCycle(connection, caller.orgId(), ChangeTypes.CYCLE_CREATED, json, null))
                .map(json -> {
                  created.add(json);
                  return null;
                });
          }
          return chain.map(created);
        });
  }

  private static Future<Void> checkStrategy(Row strategy, FiscalYear fiscal) {
    if (strategy == null) {
      return Future.failedFuture(ApiException.invalid("strategyCycleId", "unknown_reference", "names no cycle of your organisation", null));
    }
    if (!"strategy".equals(strategy.getString("kind"))) {
      return Future.failedFuture(ApiException.invalid("strategyCycleId", "not_strategy_cycle", "names "
          + Articles.withArticle(strategy.getString("kind")) + " cycle; an annual cycle belongs to a strategy cycle", null));
    }
    if (strategy.getBoolean("closed")) {
      return Future.failedFuture(ApiException.conflict("cycle_closed",
          "The strategy cycle " + strategy.getString("key") + " is closed; reopen it first", new io.vertx.core.json.JsonObject().put("cycle", strategy.getString("key"))));
    }
    LocalDate start = strategy.getLocalDate("start_date");
    LocalDate end = strategy.getLocalDate("end_date");
    if (fiscal.start().isBefore(start) || fiscal.end().isAfter(end)) {
      return Future.failedFuture(ApiException.invalid("year", "year_outside_strategy", "the fiscal year runs from " + fiscal.start() + " to "
          + fiscal.end() + ", outside the strategy cycle " + strategy.getString("key") + " (" + start + " to " + end
          + "); an annual cycle lies within its strategy cycle", new io.vertx.core.json.JsonObject().put("yearStart", fiscal.start().toString())
          .put("yearEnd", fiscal.end().toString()).put("strategy", strategy.getString("key")).put("start", start.toString())
          .put("end", end.toString())));
    }
    return Future.succeededFuture();
  }

  private Future<Void> announce(String orgId, List<JsonObject> cycles) {
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject cycle : cycles) {
      chain = chain.compose(v -> publisher.definitionChanged(orgId, "cycle", cycle.getString("id")));
    }
    return chain;
  }

  private void reopenCycle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = pathId(ctx);
    new QueryParams(ctx).finish();
    pool.withTransaction(connection -> lockCycle(connection, caller.orgId(), id)
            .compose(row -> row.getBoolean("closed") ? Future.succeededFuture(row)
                : Future.failedFuture(ApiException.conflict("cycle_open",
                    "Cycle " + row.getString("key") + " is open; only a closed cycle can be reopened", new io.vertx.core.json.JsonObject().put("cycle", row.getString("key")))))
            .compose(row -> connection.preparedQuery("DELETE FROM cycle_results WHERE org_id = $1 AND cycle_id = $2")
                .execute(Tuple.of(caller.orgId(), id)))
            .compose(v -> connection.preparedQuery("UPDATE cycles SET closed = false, closed_at = NULL, closed_by = NULL,"
                    + " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " + Definitions.CYCLE_COLUMNS)
                .execute(Tuple.of(caller.orgId(), id)))
            .compose(rows -> record(connection, caller, rows.iterator().next(), "reopened"))
            .compose(json -> ChangeEvents.appendCycle(connection, caller.orgId(), ChangeTypes.CYCLE_UPDATED, json, null)))
        .compose(json -> publisher.definitionChanged(caller.orgId(), "cycle", id.toString()).map(json))
        .onSuccess(json -> {
          LOG.info("Cycle {} of organisation {} reopened by {}", id, caller.orgId(), caller.source());
          send(ctx, 200, json);
        })
        .onFailure(ctx::fail);
  }

  /** Appends the cycle's new definition to its history and completes with its JSON. */
  static Future<JsonObject> record(SqlConnection connection, Caller caller, Row row, String change) {
    JsonObject json = GoalJson.cycle(row);
    return Definitions.append(connection, caller.orgId(), "cycle", row.getUUID("id"), row.getInteger("version"), change,
            OffsetDateTime.now(ZoneOffset.UTC), caller.source(), json)
        .map(json);
  }

  static void send(RoutingContext ctx, int status, JsonObject json) {
    Integer version = json.getInteger("version");
    if (version != null) {
      ctx.response().putHeader("ETag", ExpectedVersion.entityTag(version));
    }
    ctx.response().setStatusCode(status);
    ctx.json(json);
  }
}
