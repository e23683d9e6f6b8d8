package io.momentum.server.feeds;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.Ids;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of SQL feeds under {@code /api/v1/kpis/sql-feeds}. Every caller of the organisation
 * may read feeds and their runs. Creating, changing, deleting and previewing need an
 * administrator, because a feed stores database credentials and its query reads whatever the
 * source's user may read. Starting a run needs the write scope. The password is accepted on
 * create and update but never sent back.
 */
public final class SqlFeedRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SqlFeedRoutes.class);

  /** Path of the collection; mount these routes before {@code /api/v1/kpis/:id}. */
  public static final String PATH = "/api/v1/kpis/sql-feeds";
  private static final int MAX_RUNS_PAGE = 100;

  private final Pool pool;
  private final SqlFeedRunner runner;

  public SqlFeedRoutes(Pool pool, SqlFeedRunner runner) {
    this.pool = pool;
    this.runner = runner;
  }

  /** Mounts the routes; call it before the KPI routes, whose {@code /api/v1/kpis/:id} would take {@code sql-feeds}. */
  public void mount(Router router) {
    router.get(PATH).handler(this::list);
    router.post(PATH).handler(this::create);
    router.post(PATH + "/preview").handler(this::preview);
    router.get(PATH + "/:id").handler(this::get);
    router.patch(PATH + "/:id").handler(this::patch);
    router.delete(PATH + "/:id").handler(this::delete);
    router.post(PATH + "/:id/run").handler(this::runNow);
    router.get(PATH + "/:id/runs").handler(this::listRuns);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + SqlFeedRunner.FEED_COLUMNS + " FROM sql_feeds WHERE org_id = $1"
                + " AND ($2::text IS NULL OR name > $2) ORDER BY name LIMIT $3",
            Tuple.of(caller.orgId(), after), limit, SqlFeedRoutes::feed, row -> row.getString("name"))
        .compose(page -> withLastRuns(pool, caller.orgId(), page.getJsonArray("items")).map(page))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    load(pool, caller.orgId(), id, false)
        .compose(json -> withLastRuns(pool, caller.orgId(), new JsonArray().add(json)).map(json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    SqlFeedSettings input = SqlFeedSettings.read(body, true);
    body.finish();
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO sql_feeds (id, org_id, name, host, port, database_name, username, password, ssl_mode,"
            + " query, kpi_column, value_column, time_column, interval_minutes, timeout_seconds, max_rows, enabled)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
            + " RETURNING " + SqlFeedRunner.FEED_COLUMNS)
        .execute(Tuple.from(new Object[] {id, caller.orgId(), input.name(), input.host(), input.port(), input.database(),
            input.user(), input.password(), input.sslMode(), input.query(), input.kpiColumn(), input.valueColumn(),
            input.timeColumn(), input.intervalMinutes(), input.timeoutSeconds(), input.maxRows(), input.enabled()}))
        .map(rows -> feed(rows.iterator().next()).putNull("lastRun"))
        .recover(SqlFeedRoutes::nameTaken)
        .onSuccess(json -> {
          LOG.info("SQL feed {} ({}) created in organisation {} by {}", id, input, caller.orgId(), caller.source());
          ctx.response().setStatusCode(201).putHeader("Location", PATH + "/" + id);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> load(connection, caller.orgId(), id, true)
            .compose(current -> {
              Edits.checkVersion("SQL feed " + current.getString("name"), version, current);
              BodyReader reader = BodyReader.of(Edits.merge(current, SqlFeedSettings.FIELDS, patch), "");
              SqlFeedSettings input = SqlFeedSettings.read(reader, false);
              reader.finish();
              return connection.preparedQuery("UPDATE sql_feeds SET name = $3, host = $4, port = $5, database_name = $6,"
                      + " username = $7, password = coalesce($8, password), ssl_mode = $9, query = $10, kpi_column = $11,"
                      + " value_column = $12, time_column = $13, interval_minutes = $14, timeout_seconds = $15,"
                      + " max_rows = $16, enabled = $17,"
                      + " next_run_at = least(next_run_at, now() + make_interval(mins => $14)),"
                      + " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2"
                      + " RETURNING " + SqlFeedRunner.FEED_COLUMNS)
                  .execute(Tuple.from(new Object[] {caller.orgId(), id, input.name(), input.host(), input.port(),
                      input.database(), input.user(), input.password(), input.sslMode(), input.query(), input.kpiColumn(),
                      input.valueColumn(), input.timeColumn(), input.intervalMinutes(), input.timeoutSeconds(),
                      input.maxRows(), input.enabled()}));
            })
            .map(rows -> feed(rows.iterator().next())))
        .recover(SqlFeedRoutes::nameTaken)
        .compose(json -> withLastRuns(pool, caller.orgId(), new JsonArray().add(json)).map(json))
        .onSuccess(json -> {
          LOG.info("SQL feed {} of organisation {} updated to version {} by {}", id, caller.orgId(),
              json.getInteger("version"), caller.source());
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    Edits.deleteChecked(pool, "sql_feeds", "SQL feed", SqlFeedRoutes::load, caller.orgId(), id, version)
        .onSuccess(deleted -> {
          LOG.info("SQL feed {} of organisation {} deleted by {}", id, caller.orgId(), caller.source());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  /**
   * Reads the first rows of the settings in the body and shows what each would become, without
   * saving or publishing anything. With {@code feedId} and no {@code password}, the stored
   * password of that feed is used, so an edited feed can be tried before it is saved.
   */
  private void preview(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    UUID feedId = body.uuid("feedId", false);
    SqlFeedSettings input = SqlFeedSettings.read(body, feedId == null);
    body.finish();
    Future<SqlFeedSettings> settings = input.password() != null ? Future.succeededFuture(input)
        : pool.preparedQuery("SELECT password FROM sql_feeds WHERE org_id = $1 AND id = $2")
            .execute(Tuple.of(caller.orgId(), feedId))
            .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("SQL feed " + feedId))
                : Future.succeededFuture(input.withPassword(rows.iterator().next().getString("password"))));
    settings.compose(feed -> runner.preview(caller.orgId(), feed, SqlFeedPreview.ROWS))
        .recover(failure -> failure instanceof SqlFeedSource.ReadFailure read
            ? Future.failedFuture(new ApiException(502, read.code(), read.getMessage()))
            : Future.failedFuture(failure))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void runNow(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    runner.claim(caller.orgId(), id)
        .onSuccess(claim -> {
          if (claim == null) {
            ctx.fail(ApiException.conflict("run_in_progress", "SQL feed " + id + " is running now; wait for the run to"
                + " finish and look at its runs", new JsonObject().put("feedId", id.toString())));
            return;
          }
          LOG.info("Run {} of SQL feed {} in organisation {} started by {}", claim.runId(), id, caller.orgId(),
              caller.source());
          runner.run(claim);
          ctx.response().setStatusCode(202).putHeader("Location", PATH + "/" + id + "/runs");
          ctx.json(new JsonObject().put("id", claim.runId().toString()).put("feedId", id.toString())
              .put("trigger", "manual").put("status", "running"));
        })
        .onFailure(ctx::fail);
  }

  private void listRuns(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    QueryParams query = new QueryParams(ctx);
    int limit = Math.min(query.limit(), MAX_RUNS_PAGE);
    query.finish();
    load(pool, caller.orgId(), id, false)
        .compose(feed -> pool.preparedQuery("SELECT " + SqlFeedRunner.RUN_COLUMNS + " FROM sql_feed_runs WHERE org_id = $1"
                + " AND feed_id = $2 ORDER BY started_at DESC, id LIMIT $3")
            .execute(Tuple.of(caller.orgId(), id, limit)))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(SqlFeedRunner.run(row)));
          return new JsonObject().put("items", items);
        })
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Adds {@code lastRun} (the newest run, or null) to each feed of the array. */
  private static Future<Void> withLastRuns(SqlClient client, String orgId, JsonArray feeds) {
    if (feeds.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = feeds.stream().map(f -> UUID.fromString(((JsonObject) f).getString("id"))).toArray(UUID[]::new);
    return client.preparedQuery("SELECT DISTINCT ON (feed_id) " + SqlFeedRunner.RUN_COLUMNS + " FROM sql_feed_runs"
            + " WHERE org_id = $1 AND feed_id = ANY($2) ORDER BY feed_id, started_at DESC, id")
        .execute(Tuple.of(orgId, (Object) ids))
        .map(rows -> {
          Map<String, JsonObject> last = new HashMap<>();
          rows.forEach(row -> last.put(row.getUUID("feed_id").toString(), SqlFeedRunner.run(row)));
          feeds.forEach(f -> ((JsonObject) f).put("lastRun", last.get(((JsonObject) f).getString("id"))));
          return null;
        });
  }

  private static Future<JsonObject> load(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + SqlFeedRunner.FEED_COLUMNS + " FROM sql_feeds WHERE org_id = $1 AND id = $2"
        + (forUpdate ? " FOR UPDATE" : ""), Tuple.of(orgId, id), "SQL feed " + id, SqlFeedRoutes::feed);
  }

  /** Turns a unique violation on the name into a 409 naming the field, and passes other failures on. */
  private static Future<JsonObject> nameTaken(Throwable failure) {
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ApiException(409, "conflict", "Another SQL feed of your organisation has this name;"
          + " choose another", List.of(FieldError.of("name", "taken", "is already taken"))));
    }
    return Future.failedFuture(failure);
  }

  /** Returns a feed as the API shows it, without its password. */
  static JsonObject feed(Row row) {
    UUID id = row.getUUID("id");
    return new JsonObject()
        .put("id", id.toString())
        .mergeIn(SqlFeedSettings.of(row).toJson())
        .put("source", SqlFeedRunner.source(id))
        .put("nextRunAt", row.getBoolean("enabled") ? GoalJson.time(row, "next_run_at") : null)
        .put("running", row.getValue("lease_until") != null
            && row.getOffsetDateTime("lease_until").toInstant().isAfter(java.time.Instant.now()))
        .put("createdAt", GoalJson.time(row, "created_at"))
        .put("updatedAt", GoalJson.time(row, "updated_at"))
        .put("version", row.getInteger("version"));
  }
}
