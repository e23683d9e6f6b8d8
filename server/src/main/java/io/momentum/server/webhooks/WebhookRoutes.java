package io.momentum.server.webhooks;

import io.momentum.server.auth.Caller;
import io.momentum.server.changes.ChangeOutbox;
import io.momentum.server.changes.ChangeTypes;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.PathIds;
import io.momentum.server.http.QueryParams;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of outbound webhooks under {@code /api/v1/webhooks}, for administrators only: the
 * organisation's subscriptions, their delivery log, redelivery of a failed delivery and "send
 * test". A subscription's secret is returned only by create and by rotate-secret.
 */
public final class WebhookRoutes {

  /** CloudEvent type of the event "send test" delivers. */
  public static final String TEST_EVENT_TYPE = "momentum.webhook.test";
  /** States a delivery can be in, as the delivery log filters them. */
  public static final List<String> STATES = List.of("pending", "delivering", "delivered", "failed");

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  private static final String PATH = "/api/v1/webhooks";
  private static final String COLUMNS = "id, name, url, event_types, active, created_at, updated_at, version";
  static final int MIN_SECRET_LENGTH = 16;
  static final int MAX_SECRET_LENGTH = 256;

  private final Vertx vertx;
  private final Pool pool;
  private final DeliveryQueries deliveries;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final WebhookMetrics metrics;
  private final Clock clock;

  public WebhookRoutes(Vertx vertx, Pool pool, WebhookSender sender, WebhookSettings settings, WebhookMetrics metrics,
                       Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.deliveries = new DeliveryQueries(pool);
    this.sender = sender;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::list);
    router.post(PATH).handler(this::create);
    router.get(PATH + "/:id").handler(this::get);
    router.patch(PATH + "/:id").handler(this::patch);
    router.delete(PATH + "/:id").handler(this::delete);
    router.post(PATH + "/:id/rotate-secret").handler(this::rotateSecret);
    router.post(PATH + "/:id/test").handler(this::sendTest);
    router.get(PATH + "/:id/deliveries").handler(this::listDeliveries);
    router.get(PATH + "/:id/deliveries/:deliveryId").handler(this::getDelivery);
    router.post(PATH + "/:id/deliveries/:deliveryId/redeliver").handler(this::redeliver);
  }

  /** The editable fields of a subscription, as created or after a partial update. */
  record Input(String name, String url, List<String> eventTypes, boolean active) {

    static final List<String> FIELDS = List.of("name", "url", "eventTypes", "active");

    static Input read(BodyReader body) {
      String name = body.text("name", 100, true);
      String url = body.text("url", Destinations.MAX_URL_LENGTH, true);
      if (url != null) {
        Destinations.Problem[] problem = new Destinations.Problem[1];
        if (Destinations.parse(url, problem) == null) {
          body.reject("url", problem[0].code(), problem[0].message(), null);
          url = null;
        }
      }
      List<String> eventTypes = body.subsetOf("eventTypes", ChangeTypes.ALL, true);
      Boolean active = body.bool("active", false);
      return new Input(name, url, eventTypes, active == null || active);
    }
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    QueryParams query = new QueryParams(ctx);
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE org_id = $1"
                + " AND ($2::text IS NULL OR name > $2) ORDER BY name LIMIT $3",
            Tuple.of(caller.orgId(), after), limit, WebhookRoutes::subscription, row -> row.getString("name"))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    new QueryParams(ctx).finish();
    load(pool, caller.orgId(), id, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    BodyReader body = BodyReader.of(ctx);
    Input input = Input.read(body);
    String given = readSecret(body);
    body.finish();
    String secret = given != null ? given : WebhookSignature.generateSecret();
    UUID id = UUID.randomUUID();
    checkDestination(input.url())
        .compose(v -> pool.preparedQuery("INSERT INTO webhook_subscriptions (id, org_id, name, url, event_types, active,"
                + " secret) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {id, caller.orgId(), input.name(), input.url(),
                input.eventTypes().toArray(String[]::new), input.active(), secret})))
        .map(rows -> subscription(rows.iterator().next()).put("secret", secret))
        .recover(WebhookRoutes::nameTaken)
        .onSuccess(json -> {
          LOG.info("Webhook {} ({}) created in organisation {} by {} for {}", id, input.name(), caller.orgId(),
              caller.source(), input.eventTypes());
          ctx.response().setStatusCode(201).putHeader("Location", PATH + "/" + id).putHeader("Cache-Control", "no-store");
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    if (patch.containsKey("secret")) {
      throw ApiException.invalid("secret", "secret_not_editable", "cannot be changed here; use POST " + PATH + "/" + id
          + "/rotate-secret", null);
    }
    pool.withTransaction(connection -> load(connection, caller.orgId(), id, true)
            .compose(current -> {
              Edits.checkVersion("Webhook " + current.getString("name"), version, current);
              BodyReader reader = BodyReader.of(Edits.merge(current, Input.FIELDS, patch), "");
              Input input = Input.read(reader);
              reader.finish();
              Future<Void> check = input.url().equals(current.getString("url")) ? Future.succeededFuture()
                  : checkDestination(input.url());
              return check.compose(v -> connection.preparedQuery("UPDATE webhook_subscriptions SET name = $3, url = $4,"
                      + " event_types = $5, active = $6, version = version + 1, updated_at = now()"
                      + " WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS)
                  .execute(Tuple.from(new Object[] {caller.orgId(), id, input.name(), input.url(),
                      input.eventTypes().toArray(String[]::new), input.active()})));
            })
            .map(rows -> subscription(rows.iterator().next())))
        .recover(WebhookRoutes::nameTaken)
        .onSuccess(json -> {
          LOG.info("Webhook {} of organisation {} updated to version {} by {}", id, caller.orgId(),
              json.getInteger("version"), caller.source());
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    Edits.deleteChecked(pool, "webhook_subscriptions", "Webhook", WebhookRoutes::load, caller.orgId(), id, version)
        .onSuccess(deleted -> {
          LOG.info("Webhook {} of organisation {} deleted with its deliveries by {}", id, caller.orgId(), caller.source());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  /**
   * Replaces the secret with a given one ({@code {"secret": "..."}}) or a generated one (an empty
   * or missing body) and returns it once. Receivers should accept both secrets while they switch.
   */
  private void rotateSecret(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    new QueryParams(ctx).finish();
    String text = ctx.body() == null ? null : ctx.body().asString();
    String given = null;
    if (text != null && !text.isBlank()) {
      BodyReader body = BodyReader.of(ctx);
      given = readSecret(body);
      body.finish();
    }
    String secret = given != null ? given : WebhookSignature.generateSecret();
    pool.preparedQuery("UPDATE webhook_subscriptions SET secret = $3, version = version + 1, updated_at = now()"
            + " WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(caller.orgId(), id, secret))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Webhook " + id))
            : Future.succeededFuture(subscription(rows.iterator().next()).put("secret", secret)))
        .onSuccess(json -> {
          LOG.info("Secret of webhook {} in organisation {} rotated by {}", id, caller.orgId(), caller.source());
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Sends a {@value #TEST_EVENT_TYPE} CloudEvent at once, records the attempt in the delivery log,
   * and returns its outcome. It works for inactive webhooks too and is not retried.
   */
  private void sendTest(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    new QueryParams(ctx).finish();
    UUID eventId = UUID.randomUUID();
    load(pool, caller.orgId(), id, false)
        .compose(subscription -> {
          JsonObject data = new JsonObject()
              .put("webhookId", id.toString())
              .put("name", subscription.getString("name"))
              .put("requestedBy", caller.source())
              .put("message", "Test delivery from Momentum; it changes nothing.");
          String body = ChangeOutbox.event(caller.orgId(), eventId, TEST_EVENT_TYPE, null, clock.instant(), data).encode();
          return deliveries.insertTest(caller.orgId(), id, eventId.toString(), TEST_EVENT_TYPE, body,
              WebhookDispatchVerticle.leaseMillis(settings));
        })
        .compose(claimed -> claimed == null ? Future.failedFuture(ApiException.notFound("Webhook " + id))
            : sender.send(new WebhookSender.Request(claimed.url(), claimed.secret(), claimed.id().toString(),
                claimed.eventType(), claimed.body().getBytes(StandardCharsets.UTF_8)))
            .compose(outcome -> {
              metrics.attempt(outcome);
              return deliveries.finish(claimed, outcome, null)
                  .compose(v -> deliveries.load(caller.orgId(), id, claimed.id()))
                  .map(delivery -> new JsonObject()
                      .put("delivered", outcome.delivered())
                      .put("statusCode", outcome.statusCode())
                      .put("durationMs", outcome.durationMs())
                      .put("error", outcome.error())
                      .put("delivery", delivery));
            }))
        .onSuccess(json -> {
          LOG.info("Test delivery {} of webhook {} in organisation {} sent by {}: {}", eventId, id, caller.orgId(),
              caller.source(), json.getBoolean("delivered") ? "HTTP " + json.getInteger("statusCode") : json.getValue(
                  json.getInteger("statusCode") != null ? "statusCode" : "error"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void listDeliveries(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    QueryParams query = new QueryParams(ctx);
    String state = query.text("state");
    if (state != null && !STATES.contains(state)) {
      query.reject("state", "must be one of " + String.join(", ", STATES) + ", not \"" + state + "\"");
    }
    String after = query.text("after");
    Long afterSeq = null;
    if (after != null) {
      try {
        afterSeq = Long.parseLong(after);
      } catch (NumberFormatException e) {
        query.reject("after", "must be the nextCursor of the previous page, such as \"42\"");
      }
    }
    int limit = query.limit();
    query.finish();
    Long cursor = afterSeq;
    load(pool, caller.orgId(), id, false)
        .compose(subscription -> Pages.page(pool, "SELECT " + DeliveryQueries.COLUMNS + " FROM webhook_deliveries"
                + " WHERE org_id = $1 AND subscription_id = $2 AND ($3::text IS NULL OR state = $3)"
                + " AND ($4::bigint IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5",
            Tuple.of(caller.orgId(), id, state, cursor), limit, DeliveryQueries::delivery,
            row -> String.valueOf(row.getLong("seq"))))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getDelivery(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    UUID deliveryId = PathIds.read(ctx, "deliveryId", "Delivery");
    new QueryParams(ctx).finish();
    deliveries.load(caller.orgId(), id, deliveryId)
        .compose(json -> json == null ? Future.failedFuture(ApiException.notFound("Delivery " + deliveryId + " of webhook " + id))
            : Future.succeededFuture(json))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Queues a failed delivery again with a fresh set of attempts. */
  private void redeliver(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin();
    UUID id = PathIds.read(ctx, "id", "Webhook");
    UUID deliveryId = PathIds.read(ctx, "deliveryId", "Delivery");
    new QueryParams(ctx).finish();
    deliveries.redeliver(caller.orgId(), id, deliveryId, settings.maxAttempts())
        .recover(e -> e instanceof IllegalStateException state
            ? Future.failedFuture(ApiException.conflict("delivery_not_failed", "Delivery " + deliveryId + " is "
                + state.getMessage() + "; only a failed delivery can be redelivered",
                new JsonObject().put("state", state.getMessage())))
            : Future.failedFuture(e))
        .compose(json -> json == null ? Future.failedFuture(ApiException.notFound("Delivery " + deliveryId + " of webhook " + id))
            : Future.succeededFuture(json))
        .onSuccess(json -> {
          LOG.info("Delivery {} of webhook {} in organisation {} queued again by {}", deliveryId, id, caller.orgId(),
              caller.source());
          vertx.eventBus().publish(WebhookDispatchVerticle.WAKE_ADDRESS, null);
          ctx.response().setStatusCode(202);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /** Reads an optional given secret of {@value #MIN_SECRET_LENGTH} to {@value #MAX_SECRET_LENGTH} characters. */
  private static String readSecret(BodyReader body) {
    String secret = body.text("secret", MAX_SECRET_LENGTH, false);
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      body.reject("secret", "too_short", "is " + secret.length() + " characters long; use at least " + MIN_SECRET_LENGTH
          + ", or leave it out to get a generated one", new JsonObject().put("length", secret.length())
          .put("minimum", MIN_SECRET_LENGTH));
      return null;
    }
    return secret;
  }

  /**
   * Fails with a 400 on {@code url} when private destinations are not allowed and the URL's host
   * resolves to a loopback, private, link-local or multicast address. A host that does not resolve
   * now is accepted; each attempt resolves it again and checks the address.
   */
  private Future<Void> checkDestination(String url) {
    if (settings.allowPrivate()) {
      return Future.succeededFuture();
    }
    URI uri = Destinations.parse(url, new Destinations.Problem[1]);
    String host = Destinations.host(uri);
    return vertx.executeBlocking(() -> {
      try {
        return Arrays.asList(InetAddress.getAllByName(host));
      } catch (UnknownHostException e) {
        return List.<InetAddress>of();
      }
    }, false).compose(addresses -> {
      for (InetAddress address : addresses) {
        if (Destinations.isPrivate(address)) {
          return Future.failedFuture(ApiException.invalid("url", "url_private", "points at " + address.getHostAddress()
              + ", a loopback, private, link-local or multicast address; use a public address (an administrator of the"
              + " server can allow private ones with MOMENTUM_WEBHOOKS_ALLOW_PRIVATE)",
              new JsonObject().put("address", address.getHostAddress())));
        }
      }
      return Future.succeededFuture();
    });
  }

  private static Future<JsonObject> load(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE org_id = $1 AND id = $2"
        + (forUpdate ? " FOR UPDATE" : ""), Tuple.of(orgId, id), "Webhook " + id, WebhookRoutes::subscription);
  }

  /** Turns a unique violation on the name into a 409 naming the field, and passes other failures on. */
  private static Future<JsonObject> nameTaken(Throwable failure) {
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ApiException(409, "conflict", "Another webhook of your organisation has this name;"
          + " choose another", List.of(FieldError.of("name", "taken", "is already taken"))));
    }
    return Future.failedFuture(failure);
  }

  /** Returns a subscription as the API shows it, never with its secret. */
  static JsonObject subscription(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("url", row.getString("url"))
        .put("eventTypes", new JsonArray(Arrays.asList(row.getArrayOfStrings("event_types"))))
        .put("active", row.getBoolean("active"))
        .put("createdAt", GoalJson.time(row, "created_at"))
        .put("updatedAt", GoalJson.time(row, "updated_at"))
        .put("version", row.getInteger("version"));
  }
}
