package io.momentum.server.signals;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of signals: list and read them, and acknowledge, snooze or resolve one. Snoozing and
 * resolving need a reason, because they hide a signal from the people it concerns; acknowledging
 * takes an optional one. Every action is recorded with who did it and why.
 */
public final class SignalRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SignalRoutes.class);

  static final int MAX_REASON_LENGTH = 1_000;
  /** Maximum snooze: after 90 days a still-quiet source deserves another look. */
  static final Duration MAX_SNOOZE = Duration.ofDays(90);

  private final SignalStore store;
  private final Clock clock;

  public SignalRoutes(SignalStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/signals").handler(this::list);
    router.get("/api/v1/signals/:id").handler(this::get);
    router.post("/api/v1/signals/:id/acknowledge").handler(this::acknowledge);
    router.post("/api/v1/signals/:id/snooze").handler(this::snooze);
    router.post("/api/v1/signals/:id/resolve").handler(this::resolve);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String state = query.text("state");
    if (state != null && !SignalStore.STATES.contains(state)) {
      query.reject("state", "must be one of " + String.join(", ", SignalStore.STATES));
    }
    String kind = query.text("kind");
    UUID nodeId = query.uuid("node");
    UUID unitId = query.uuid("unit");
    UUID after = query.uuid("after");
    int limit = query.limit();
    query.finish();
    store.page(caller.orgId(), state, kind, nodeId, unitId, after, limit).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    store.read(caller.orgId(), id).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void acknowledge(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    BodyReader body = optionalBody(ctx);
    String reason = body.text("reason", MAX_REASON_LENGTH, false);
    body.finish();
    act(ctx, caller, id, SignalStore.Action.ACKNOWLEDGE, reason, null);
  }

  private void snooze(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    BodyReader body = BodyReader.of(ctx);
    String untilText = body.text("until", 40, true);
    String reason = body.text("reason", MAX_REASON_LENGTH, true);
    Instant now = clock.instant();
    Instant until = null;
    if (untilText != null) {
      try {
        until = Instant.parse(untilText);
      } catch (DateTimeParseException e) {
        body.reject("until", "not_instant", "must be an instant such as 2026-12-08T09:00:00Z, when the signal returns", null);
      }
    }
    if (until != null && !until.isAfter(now)) {
      body.reject("until", "not_in_future", "must be later than now (" + now + ")", new JsonObject().put("now", now.toString()));
    } else if (until != null && until.isAfter(now.plus(MAX_SNOOZE))) {
      body.reject("until", "snooze_too_long", "must be at most " + MAX_SNOOZE.toDays() + " days from now",
          new JsonObject().put("days", MAX_SNOOZE.toDays()));
    }
    body.finish();
    act(ctx, caller, id, SignalStore.Action.SNOOZE, reason, until);
  }

  private void resolve(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    BodyReader body = BodyReader.of(ctx);
    String reason = body.text("reason", MAX_REASON_LENGTH, true);
    body.finish();
    act(ctx, caller, id, SignalStore.Action.RESOLVE, reason, null);
  }

  private void act(RoutingContext ctx, Caller caller, UUID id, SignalStore.Action action, String reason, Instant until) {
    SignalStore.Actor actor = new SignalStore.Actor(caller.source(), caller.name());
    store.act(caller.orgId(), id, action, actor, reason, until, clock.instant())
        .compose(changed -> store.read(caller.orgId(), id))
        .onSuccess(signal -> {
          LOG.info("Signal {} of organisation {} {} by {}", id, caller.orgId(), signal.getString("state"), caller.source());
          ctx.json(signal);
        })
        .onFailure(ctx::fail);
  }

  /** Reads a body that may be absent, as acknowledging needs none. */
  private static BodyReader optionalBody(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    return text == null || text.isBlank() ? BodyReader.of(new JsonObject(), "") : BodyReader.of(ctx);
  }
}
