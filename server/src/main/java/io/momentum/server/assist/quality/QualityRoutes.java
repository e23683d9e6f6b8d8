package io.momentum.server.assist.quality;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.ExpectedVersion;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/assist/quality-check} scores a drafted objective with the organisation's
 * settings; {@code GET/PATCH /api/v1/settings/quality} read and change those settings. Anyone in
 * the organisation may check and read; only an admin may change the settings, based on the version
 * last read. A check stores nothing.
 */
public final class QualityRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(QualityRoutes.class);
  private static final String SELECT = "SELECT settings, version FROM quality_settings WHERE org_id = $1";
  private static final String INSERT_DEFAULTS = """
      INSERT INTO quality_settings (org_id) SELECT $1 WHERE EXISTS (SELECT 1 FROM organisations WHERE id = $1)
      ON CONFLICT (org_id) DO NOTHING""";
  private static final String UPDATE = """
      UPDATE quality_settings SET settings = $2, version = version + 1, updated_at = now(), updated_by = $4
      WHERE org_id = $1 AND version = $3
      RETURNING settings, version""";

  private final Pool pool;

  public QualityRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.post("/api/v1/assist/quality-check").handler(this::check);
    router.get("/api/v1/settings/quality").handler(this::getSettings);
    router.patch("/api/v1/settings/quality").handler(this::patchSettings);
  }

  private void check(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    new QueryParams(ctx).finish();
    Object body = BodyReader.decode(ctx.body().asString(), "a JSON object with \"objective\" and \"keyResults\"");
    if (!(body instanceof JsonObject json)) {
      throw ApiException.invalid("body", "must be a JSON object with \"objective\" and \"keyResults\"");
    }
    QualityRequest request = QualityRequest.fromJson(json);
    read(pool, caller.orgId())
        .map(stored -> new QualityChecker(stored.settings()).check(request))
        .onSuccess(report -> ctx.json(report.toJson()))
        .onFailure(ctx::fail);
  }

  private void getSettings(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    new QueryParams(ctx).finish();
    read(pool, caller.orgId())
        .onSuccess(stored -> send(ctx, stored))
        .onFailure(ctx::fail);
  }

  private void patchSettings(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    Integer version = ExpectedVersion.read(ctx, body);
    JsonObject changes = body.json();
    changes.remove("version");
    // Validate against the defaults first, so an invalid body fails before any database work.
    QualitySettings.defaults().apply(body);
    body.finish();
    pool.withTransaction(connection -> connection.preparedQuery(INSERT_DEFAULTS).execute(Tuple.of(caller.orgId()))
            .compose(inserted -> read(connection, caller.orgId()))
            .compose(current -> update(connection, caller, current, changes, version)))
        .onSuccess(stored -> {
          LOG.info("Quality settings of organisation {} changed by {} to version {}", caller.orgId(), caller.source(),
              stored.version());
          send(ctx, stored);
        })
        .onFailure(ctx::fail);
  }

  private Future<Stored> update(SqlClient connection, Caller caller, Stored current, JsonObject changes, int sentVersion) {
    if (current.version() != sentVersion) {
      return Future.failedFuture(ApiException.staleVersion("The quality settings", sentVersion, current.version(),
          current.toJson()));
    }
    JsonObject overrides = current.overrides().copy().mergeIn(changes, true);
    BodyReader reader = BodyReader.of(overrides, "");
    QualitySettings.defaults().apply(reader);
    reader.finish();
    Tuple params = Tuple.of(caller.orgId(), overrides, sentVersion, caller.source());
    return connection.preparedQuery(UPDATE).execute(params).compose(rows -> updatedOrStale(caller.orgId(), rows, sentVersion));
  }

  private Future<Stored> updatedOrStale(String orgId, RowSet<Row> rows, int sentVersion) {
    if (rows.size() == 1) {
      return Future.succeededFuture(Stored.of(rows.iterator().next()));
    }
    return read(pool, orgId).compose(current -> Future.failedFuture(
        ApiException.staleVersion("The quality settings", sentVersion, current.version(), current.toJson())));
  }

  /**
   * Reads an organisation's quality settings; an organisation that never changed them gets the
   * defaults at version 1.
   */
  public static Future<Stored> read(SqlClient client, String orgId) {
    return client.preparedQuery(SELECT).execute(Tuple.of(orgId)).map(rows -> rows.size() == 0
        ? new Stored(new JsonObject(), QualitySettings.defaults(), 1)
        : Stored.of(rows.iterator().next()));
  }

  /**
   * Settings as stored: the members the organisation changed, the settings they make with the
   * defaults, and the version.
   */
  public record Stored(JsonObject overrides, QualitySettings settings, int version) {

    static Stored of(Row row) {
      JsonObject overrides = row.getJsonObject("settings");
      // A rule id stored by an older version that no longer exists is ignored rather than failing every check.
      JsonObject severities = overrides.getJsonObject("severities");
      if (severities != null) {
        severities.fieldNames().removeIf(id -> QualityRule.byId(id) == null);
      }
      return new Stored(overrides, QualitySettings.fromJson(overrides), row.getInteger("version"));
    }

    /** Returns the settings as API JSON with their version. */
    public JsonObject toJson() {
      return settings.toJson().put("version", version);
    }
  }

  private static void send(RoutingContext ctx, Stored stored) {
    ctx.response().putHeader("ETag", ExpectedVersion.entityTag(stored.version()));
    ctx.json(stored.toJson());
  }
}
