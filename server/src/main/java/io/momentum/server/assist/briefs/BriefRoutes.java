package io.momentum.server.assist.briefs;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.PathIds;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of review briefs: generate one, list them, read one as JSON, Markdown or PDF, and
 * manage the schedules that generate them. Briefs read across a unit's nodes, so a token limited
 * to units or node kinds may not use these routes (their policy is the organisation's).
 */
public final class BriefRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(BriefRoutes.class);

  /** How far in the future an {@code asOf} may lie, for clocks that differ a little. */
  static final Duration SKEW = Duration.ofSeconds(5);
  private static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  private static final List<String> FORMATS = List.of("json", "markdown", "pdf");

  private final Vertx vertx;
  private final BriefService briefs;
  private final BriefSchedules schedules;
  private final Clock clock;

  public BriefRoutes(Vertx vertx, BriefService briefs, io.vertx.sqlclient.Pool pool, Clock clock) {
    this.vertx = vertx;
    this.briefs = briefs;
    this.schedules = new BriefSchedules(pool);
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/v1/assist/briefs").handler(this::generate);
    router.get("/api/v1/assist/briefs").handler(this::list);
    router.get("/api/v1/assist/briefs/:id").handler(this::get);
    router.get("/api/v1/assist/brief-schedules").handler(this::listSchedules);
    router.post("/api/v1/assist/brief-schedules").handler(this::createSchedule);
    router.patch("/api/v1/assist/brief-schedules/:id").handler(this::updateSchedule);
    router.delete("/api/v1/assist/brief-schedules/:id").handler(this::deleteSchedule);
  }

  private void generate(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    String kind = body.oneOf("kind", BriefKind.WIRE_NAMES, true);
    UUID unitId = body.uuid("unitId", true);
    UUID cycleId = body.uuid("cycleId", true);
    String language = body.oneOf("language", BriefWording.LANGUAGES, false);
    String asOfText = body.text("asOf", 40, false);
    Instant asOf = null;
    if (asOfText != null) {
      try {
        asOf = Instant.parse(asOfText);
        if (asOf.isAfter(clock.instant().plus(SKEW))) {
          body.reject("asOf", "lies in the future; leave it out for a brief as of now, or give an earlier instant");
        }
      } catch (DateTimeParseException e) {
        body.reject("asOf", "must be an ISO instant such as 2026-12-01T07:00:00Z");
      }
    }
    body.finish();

    BriefService.Request request = new BriefService.Request(caller.orgId(), BriefKind.fromWire(kind), unitId, cycleId,
        language == null ? "en" : language, asOf, "request", null, caller.source(), caller.name());
    briefs.generate(request)
        .onSuccess(brief -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/api/v1/assist/briefs/" + brief.getString("id"))
            .putHeader("Content-Type", "application/json")
            .end(brief.encode()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unitId = query.uuid("unitId");
    String kind = query.text("kind");
    if (kind != null && BriefKind.fromWire(kind) == null) {
      query.reject("kind", "must be one of " + String.join(", ", BriefKind.WIRE_NAMES));
    }
    UUID before = query.uuid("before");
    int limit = query.limit();
    query.finish();
    briefs.page(caller.orgId(), unitId, kind, before, limit).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = PathIds.read(ctx, "id", "Brief");
    QueryParams query = new QueryParams(ctx);
    String format = query.text("format");
    if (format != null && !FORMATS.contains(format)) {
      query.reject("format", "must be one of " + String.join(", ", FORMATS));
    }
    query.finish();
    String baseUrl = baseUrl(ctx);
    briefs.read(caller.orgId(), id).onSuccess(brief -> {
      if ("markdown".equals(format)) {
        ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"brief-" + id + ".md\"")
            .end(BriefMarkdown.render(brief, baseUrl));
      } else if ("pdf".equals(format)) {
        vertx.executeBlocking(() -> BriefPdf.render(brief, baseUrl), false)
            .onSuccess(pdf -> ctx.response().putHeader("Content-Type", "application/pdf")
                .putHeader("Content-Disposition", "attachment; filename=\"brief-" + id + ".pdf\"")
                .end(Buffer.buffer(pdf)))
            .onFailure(e -> {
              LOG.error("Rendering brief {} of organisation {} as PDF failed", id, caller.orgId(), e);
              ctx.fail(e);
            });
      } else {
        ctx.json(brief);
      }
    }).onFailure(ctx::fail);
  }

  private void listSchedules(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    UUID unitId = query.uuid("unitId");
    query.finish();
    schedules.list(caller.orgId(), unitId).onSuccess(items -> ctx.json(new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  private void createSchedule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    UUID unitId = body.uuid("unitId", true);
    BriefKind kind = BriefKind.fromWire(body.oneOf("kind", BriefKind.WIRE_NAMES, true));
    BriefSchedules.Settings settings = readSettings(body, kind, null);
    body.finish();
    schedules.create(caller.orgId(), unitId, kind, settings, caller.source(), clock.instant())
        .onSuccess(schedule -> {
          LOG.info("Created {} brief schedule {} of unit {} in organisation {}", kind.wire(), schedule.getString("id"),
              unitId, caller.orgId());
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(schedule.encode());
        })
        .onFailure(ctx::fail);
  }

  private void updateSchedule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = PathIds.read(ctx, "id", "Brief schedule");
    BodyReader body = BodyReader.of(ctx);
    schedules.read(caller.orgId(), id).compose(current -> {
      BriefKind kind = BriefKind.fromWire(current.getString("kind"));
      BriefSchedules.Settings settings = readSettings(body, kind, current);
      body.finish();
      return schedules.update(caller.orgId(), id, kind, settings, clock.instant());
    }).onSuccess(schedule -> {
      LOG.info("Changed brief schedule {} in organisation {}", id, caller.orgId());
      ctx.json(schedule);
    }).onFailure(ctx::fail);
  }

  private void deleteSchedule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = PathIds.read(ctx, "id", "Brief schedule");
    new QueryParams(ctx).finish();
    schedules.delete(caller.orgId(), id).onSuccess(v -> {
      LOG.info("Deleted brief schedule {} in organisation {}", id, caller.orgId());
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  /**
   * Reads a schedule's settings; fields left out keep their {@code current} values, or take the
   * defaults on creation: English, Monday (weekly), the 1st (monthly) or the 15th (quarterly), 07:00, UTC.
   */
  static BriefSchedules.Settings readSettings(BodyReader body, BriefKind kind, JsonObject current) {
    String language = body.oneOf("language", BriefWording.LANGUAGES, false);
    Integer dayOfWeek = body.integer("dayOfWeek", 1, 7, false);
    Integer dayOfMonth = body.integer("dayOfMonth", 1, 28, false);
    String timeText = body.text("time", 5, false);
    String zoneText = body.text("timeZone", 60, false);
    Boolean enabled = body.bool("enabled", false);
    if (kind == BriefKind.WEEKLY && body.has("dayOfMonth")) {
      body.reject("dayOfMonth", "applies to monthly and quarterly schedules; a weekly schedule takes dayOfWeek");
    }
    if (kind != null && kind != BriefKind.WEEKLY && body.has("dayOfWeek")) {
      body.reject("dayOfWeek", "applies to weekly schedules; a " + kind.wire() + " schedule takes dayOfMonth");
    }
    LocalTime time = null;
    if (timeText != null && !TIME.matcher(timeText).matches()) {
      body.reject("time", "must be a local time as HH:MM, such as 07:00");
    } else if (timeText != null) {
      time = LocalTime.parse(timeText);
    }
    ZoneId zone = null;
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        body.reject("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
      }
    }
    if (kind == null) {
      return null;
    }
    boolean weekly = kind == BriefKind.WEEKLY;
    if (current == null) {
      int defaultDay = weekly || kind == BriefKind.MONTHLY ? 1 : 15;
      Integer day = weekly ? dayOfWeek : dayOfMonth;
      day = day == null ? defaultDay : day;
      return new BriefSchedules.Settings(language == null ? "en" : language, weekly ? day : null, weekly ? null : day,
          time == null ? LocalTime.of(7, 0) : time, zone == null ? ZoneOffset.UTC : zone, enabled == null || enabled);
    }

    Integer day = weekly ? dayOfWeek : dayOfMonth;
    if (day == null) {
      day = current.getInteger(weekly ? "dayOfWeek" : "dayOfMonth");
    }
    return new BriefSchedules.Settings(language == null ? current.getString("language") : language,
        weekly ? day : null, weekly ? null : day,
        time == null ? LocalTime.parse(current.getString("time")) : time,
        zone == null ? ZoneId.of(current.getString("timeZone")) : zone,
        enabled == null ? current.getBoolean("enabled") : enabled);
  }

  /** Returns the scheme, host and port the request was sent to, for links in exported briefs. */
  private static String baseUrl(RoutingContext ctx) {
    try {
      URI uri = URI.create(ctx.request().absoluteURI());
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiException(400, "invalid_host", "The request's Host header is not a valid host; send host[:port]");
    }
  }
}
