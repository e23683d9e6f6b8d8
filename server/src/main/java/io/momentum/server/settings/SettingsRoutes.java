package io.momentum.server.settings;

import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
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
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PATCH /api/v1/settings}: the organisation's cadence settings. Anyone in the
 * organisation may read them; only an admin may change them, based on the version last read.
 *
 * <p>After a change is stored, a {@code momentum.definition.changed} event for the entity {@code
 * settings} goes through the organisation's Kafka partition to the node that owns its engine,
 * ordered with the organisation's other events. That node reads the stored {@code staleAfterDays}
 * and {@code signal*} thresholds and applies them without a restart: a new stale period
 * re-evaluates every node, and new thresholds re-evaluate the signals of every node in the batch
 * that carries the event. The response is sent once Kafka has the event, so the change is
 * usually applied within a second of the response.
 */
public final class SettingsRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SettingsRoutes.class);
  private static final String COLUMNS = "fiscal_year_start_month, check_in_day, stale_after_days,"
      + " signal_stall_check_ins, signal_confidence_drop, signal_anomaly_z, signal_check_in_grace_days, version";
  private static final String UPDATE = """
      UPDATE organisations SET fiscal_year_start_month = coalesce($2, fiscal_year_start_month),
        check_in_day = coalesce($3, check_in_day), stale_after_days = coalesce($4, stale_after_days),
        signal_stall_check_ins = coalesce($6, signal_stall_check_ins),
        signal_confidence_drop = coalesce($7, signal_confidence_drop),
        signal_anomaly_z = coalesce($8::numeric, signal_anomaly_z),
        signal_check_in_grace_days = coalesce($9, signal_check_in_grace_days),
        version = version + 1
      WHERE id = $1 AND version = $5
      RETURNING""" + " " + COLUMNS;

  private final Pool pool;
  private final EventPublisher publisher;

  public SettingsRoutes(Pool pool, EventPublisher publisher) {
    this.pool = pool;
    this.publisher = publisher;
  }

  public void mount(Router router) {
    router.get("/api/v1/settings").handler(this::getSettings);
    router.patch("/api/v1/settings").handler(this::patchSettings);
  }

  private void getSettings(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    new QueryParams(ctx).finish();
    read(pool, caller.orgId())
        .onSuccess(settings -> send(ctx, settings))
        .onFailure(ctx::fail);
  }

  private void patchSettings(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    Integer version = ExpectedVersion.read(ctx, body);
    Integer fiscalYearStartMonth = body.integer("fiscalYearStartMonth", 1, 12, false);
    Integer checkInDay = body.integer("checkInDay", 1, 7, false);
    Integer staleAfterDays = body.integer("staleAfterDays", 1, 365, false);
    Integer stallCheckIns = body.integer("signalStallCheckIns", 2, 20, false);
    Integer confidenceDrop = body.integer("signalConfidenceDrop", 1, 10, false);
    BigDecimal anomalyZ = body.number("signalAnomalyZ", false);
    Integer graceDays = body.integer("signalCheckInGraceDays", 0, 30, false);
    body.finish();
    checkAnomalyZ(anomalyZ);
    // The fiscal year and check-in day are read by the API only, so changing them alone tells the engine nothing.
    boolean readByEngine = staleAfterDays != null || stallCheckIns != null || confidenceDrop != null || anomalyZ != null
        || graceDays != null;
    Tuple params = Tuple.of(caller.orgId(), fiscalYearStartMonth, checkInDay, staleAfterDays, version)
        .addValue(stallCheckIns).addValue(confidenceDrop).addValue(anomalyZ).addValue(graceDays);
    pool.preparedQuery(UPDATE).execute(params)
        .compose(rows -> updatedOrStale(caller.orgId(), rows, version))
        .compose(settings -> readByEngine ? publisher.settingsChanged(caller.orgId()).map(settings) : Future.succeededFuture(settings))
        .onSuccess(settings -> {
          LOG.info("Settings of organisation {} changed by {} to version {}", caller.orgId(), caller.source(),
              settings.getInteger("version"));
          send(ctx, settings);
        })
        .onFailure(ctx::fail);
  }

  /** Checks that {@code signalAnomalyZ}, when sent, is from 2 to 10 with at most 2 decimals, as the column stores it. */
  private static void checkAnomalyZ(BigDecimal value) {
    if (value != null && (value.compareTo(BigDecimal.valueOf(2)) < 0 || value.compareTo(BigDecimal.TEN) > 0
        || value.stripTrailingZeros().scale() > 2)) {
      throw ApiException.invalid("signalAnomalyZ", "decimal_range", "must be a number from 2 to 10 with at most"
          + " 2 decimals, such as 3.5", new JsonObject().put("min", 2).put("max", 10).put("decimals", 2));
    }
  }

  private Future<JsonObject> updatedOrStale(String orgId, RowSet<Row> rows, int sentVersion) {
    if (rows.size() == 1) {
      return Future.succeededFuture(json(rows.iterator().next()));
    }
    return read(pool, orgId).compose(current -> Future.failedFuture(
        ApiException.staleVersion("The settings", sentVersion, current.getInteger("version"), current)));
  }

  /** Reads the cadence settings of an organisation as API JSON. */
  public static Future<JsonObject> read(Pool pool, String orgId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM organisations WHERE id = $1").execute(Tuple.of(orgId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Organisation " + orgId))
            : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("fiscalYearStartMonth", (int) row.getShort("fiscal_year_start_month"))
        .put("checkInDay", (int) row.getShort("check_in_day"))
        .put("staleAfterDays", (int) row.getShort("stale_after_days"))
        .put("signalStallCheckIns", (int) row.getShort("signal_stall_check_ins"))
        .put("signalConfidenceDrop", (int) row.getShort("signal_confidence_drop"))
        .put("signalAnomalyZ", row.getBigDecimal("signal_anomaly_z").doubleValue())
        .put("signalCheckInGraceDays", (int) row.getShort("signal_check_in_grace_days"))
        .put("version", row.getInteger("version"));
  }

  private static void send(RoutingContext ctx, JsonObject settings) {
    ctx.response().putHeader("ETag", ExpectedVersion.entityTag(settings.getInteger("version")));
    ctx.json(settings);
  }
}
