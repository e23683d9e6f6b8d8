package io.momentum.server.feeds;

import io.momentum.server.auth.Caller;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * KPI feeds: {@code POST /api/v1/kpis/measurements} takes a JSON batch of measurements and
 * {@code POST /api/v1/kpis/measurements.csv} a CSV file of them. Both validate every entry first
 * and publish nothing when any is bad; otherwise every entry becomes a
 * {@code momentum.kpi.measurement} event in Kafka, and the response is 202 with the event ids.
 */
public final class FeedRoutes {

  /** Path of the JSON batch. */
  public static final String BATCH_PATH = "/api/v1/kpis/measurements";
  /** Path of the CSV upload. */
  public static final String CSV_PATH = "/api/v1/kpis/measurements.csv";
  /**
   * Body limit of both routes, whatever the server's general body limit: room for the maximum
   * number of entries with long sources and ids.
   */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private final MeasurementFeed feed;
  private final BatchReader batchReader;
  private final CsvReader csvReader;

  public FeedRoutes(Pool pool, EventPublisher publisher, Clock clock) {
    EntryRules rules = new EntryRules(clock);
    this.feed = new MeasurementFeed(pool, publisher, clock);
    this.batchReader = new BatchReader(rules);
    this.csvReader = new CsvReader(rules);
  }

  /**
   * Mounts the body handlers of both routes with their own limit; call it before the router's
   * general body handler, which then leaves the bodies read here alone.
   */
  public static void mountBodyHandlers(Router router) {
    for (String path : List.of(BATCH_PATH, CSV_PATH)) {
      router.post(path).handler(FeedRoutes::limitBody);
      router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).failureHandler(FeedRoutes::explainBodyLimit);
    }
  }

  /** Mounts the two feed routes. */
  public void mount(Router router) {
    router.post(BATCH_PATH).handler(this::postBatch);
    router.post(CSV_PATH).handler(this::postCsv);
  }

  private void postBatch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    new QueryParams(ctx).finish();
    BatchReader.Batch batch = batchReader.read(ctx.body().asString());
    feed.publish(caller, "batch", batch.entries(), batch.errors())
        .onSuccess(published -> accepted(ctx, published))
        .onFailure(ctx::fail);
  }

  private void postCsv(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    new QueryParams(ctx).finish();
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("text/csv")) {
      throw new ApiException(415, "unsupported_media_type", "Send the file as text/csv (Content-Type: text/csv; charset=utf-8),"
          + " not " + (contentType == null ? "without a Content-Type" : contentType));
    }
    BatchReader.Batch rows = csvReader.read(ctx.body().buffer());
    feed.publish(caller, "csv", rows.entries(), rows.errors())
        .onSuccess(published -> accepted(ctx, published))
        .onFailure(ctx::fail);
  }

  private static void accepted(RoutingContext ctx, MeasurementFeed.Published published) {
    ctx.response().setStatusCode(202);
    ctx.json(new JsonObject()
        .put("count", published.eventIds().size())
        .put("defaultSource", published.defaultSource())
        .put("accepted", new JsonArray(published.eventIds())));
  }

  /** Rejects a feed whose declared length exceeds the limit before its body is read. */
  private static void limitBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
          ctx.fail(tooLarge(length.trim() + " bytes"));
          return;
        }
      } catch (NumberFormatException e) {
        // The HTTP server rejects a malformed Content-Length itself.
      }
    }
    ctx.next();
  }

  /** Gives a body that outgrew the limit while it streamed in (no Content-Length) the feed's own 413. */
  private static void explainBodyLimit(RoutingContext ctx) {
    if (ctx.failure() == null && ctx.statusCode() == 413) {
      ctx.fail(tooLarge("more than " + MAX_BODY_BYTES + " bytes"));
    } else {
      ctx.next();
    }
  }

  private static ApiException tooLarge(String size) {
    return new ApiException(413, "body_too_large", "The feed is " + size + " long; the limit is " + MAX_BODY_BYTES
        + " bytes (8 MiB) and " + MeasurementFeed.MAX_ENTRIES + " measurements per request. Split it into several requests",
        List.of(), new JsonObject().put("limit", MAX_BODY_BYTES));
  }
}
