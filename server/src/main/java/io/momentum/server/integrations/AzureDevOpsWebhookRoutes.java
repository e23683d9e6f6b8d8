package io.momentum.server.integrations;

import io.micrometer.core.instrument.MeterRegistry;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.server.integrations.WorkItemSync.Connection;
import io.momentum.server.integrations.WorkItemSync.Delivery;
import io.momentum.server.integrations.WorkItemSync.Tracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Azure DevOps service hooks ("Web Hooks" subscriptions) at
 * {@code POST /api/v1/integrations/azure-devops/{connectionId}} and turns work item changes into
 * {@code momentum.workitem.changed} events on the event pipeline.
 *
 * <p>Azure DevOps signs no bodies, so a delivery is authenticated by the connection's secret,
 * sent either as the password of HTTP basic authentication or in the
 * {@value #SECRET_HEADER} header. Deliveries are recognised by the event {@code id}, which stays
 * the same when Azure DevOps retries, and ordered by the work item's revision.
 * {@link WorkItemSync} records and applies them.
 */
public final class AzureDevOpsWebhookRoutes {

  /** Path of a connection's service hook, followed by the connection id. */
  public static final String PATH_PREFIX = "/api/v1/integrations/azure-devops/";
  /** Header that can carry the connection's secret instead of basic authentication. */
  public static final String SECRET_HEADER = "X-Momentum-Secret";
  static final String DELETED = "workitem.deleted";
  static final String RESTORED = "workitem.restored";
  static final String UPDATED = "workitem.updated";
  static final Set<String> WORK_ITEM_EVENTS = Set.of("workitem.created", UPDATED, DELETED, RESTORED);
  /**
   * The subscription id of notifications sent by the "Test" button of the service hook dialog,
   * which carry sample data instead of a real work item.
   */
  static final String TEST_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
  private static final int MAX_EVENT_ID_LENGTH = 150;

  private static final Logger LOG = LoggerFactory.getLogger(AzureDevOpsWebhookRoutes.class);

  private final WorkItemSync sync;

  public AzureDevOpsWebhookRoutes(Vertx vertx, Pool pool, EventPublisher publisher, Clock clock, MeterRegistry registry) {
    this.sync = new WorkItemSync(pool, publisher, clock, registry, Tracker.AZURE_DEVOPS, ConnectionCache.listening(vertx));
  }

  /** Mounts the service hook route; call it before the session handlers, since it has its own credentials. */
  public void mount(Router router) {
    router.post(PATH_PREFIX + ":connectionId").handler(this::receive);
  }

  private void receive(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    WorkItemSync.respond(ctx, sync.connection(Tracker.AZURE_DEVOPS, ctx.pathParam("connectionId"))
        .compose(connection -> handle(ctx, connection, body)));
  }

  /** Checks, records and applies one delivery; a rejection is logged once, by {@link io.momentum.server.http.ApiErrors}. */
  private Future<JsonObject> handle(RoutingContext ctx, Connection connection, Buffer body) {
    authenticate(ctx, connection);

    JsonObject json = WorkItemSync.parse(body, "Azure DevOps");
    Object event = json.getValue("eventType");
    if (!(event instanceof String eventType) || eventType.isBlank()) {
      return Future.failedFuture(ApiException.invalid("eventType", "missing", "is missing; Azure DevOps names the event"
          + " in it, such as \"workitem.updated\"", null));
    }
    String shortType = eventType.length() > 80 ? eventType.substring(0, 80) : eventType;
    if (TEST_SUBSCRIPTION_ID.equals(json.getValue("subscriptionId"))) {
      LOG.info("Azure DevOps test notification ({}) to connection {} of organisation {} accepted and ignored",
          shortType, connection.id(), connection.orgId());
      return Future.succeededFuture(new JsonObject().put("status", "test")
          .put("reason", "Test notification received; the connection's address and secret work"));
    }
    if (!WORK_ITEM_EVENTS.contains(eventType)) {
      LOG.info("Azure DevOps delivery to connection {} of organisation {} ignored: event type {} is not a work item"
          + " change", connection.id(), connection.orgId(), shortType);
      return Future.succeededFuture(new JsonObject().put("httpStatus", 202).put("status", "ignored")
          .put("reason", "Only workitem.created, workitem.updated, workitem.deleted and workitem.restored are read"));
    }

    String eventId = eventId(json);
    AzureWorkItem.Result parsed = AzureWorkItem.parse(json, UPDATED.equals(eventType), connection.stateMap());
    if (parsed.item() == null) {
      return Future.failedFuture(ApiException.invalid(parsed.errors()));
    }
    AzureWorkItem item = parsed.item();
    boolean deletes = DELETED.equals(eventType) || item.removed();
    return sync.process(new Delivery(connection, eventId, eventType, item, eventTime(json, eventType, item),
        item.revision(), deletes));
  }

  /**
   * Checks the connection's secret: the {@value #SECRET_HEADER} header when present, else the
   * password of basic authentication, whose user name is not checked. Fails with 401 otherwise.
   */
  private static void authenticate(RoutingContext ctx, Connection connection) {
    String header = ctx.request().getHeader(SECRET_HEADER);
    String authorization = ctx.request().getHeader("Authorization");
    String sent = header != null ? header : basicPassword(authorization);
    if (sent == null) {
      throw new ApiException(401, "credentials_missing", "The request has neither basic authentication nor a "
          + SECRET_HEADER + " header; enter the connection's secret as the password of the service hook");
    }
    if (!sameSecret(connection.secret(), sent)) {
      throw new ApiException(401, "credentials_invalid", "The secret sent does not match the connection's; enter the"
          + " same secret in the service hook and in the connection");
    }
  }

  /** Returns the password of a basic {@code Authorization} header, or null when there is none or it is malformed. */
  static String basicPassword(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : decoded.substring(colon + 1);
  }

  /** Compares two secrets in constant time; hashing first hides their lengths too. */
  private static boolean sameSecret(String expected, String sent) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] a = sha256.digest(expected.getBytes(StandardCharsets.UTF_8));
      byte[] b = sha256.digest(sent.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(a, b);
    } catch (NoSuchAlgorithmException e) {
      // Every Java 17 runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String eventId(JsonObject json) {
    Object value = json.getValue("id");
    if (!(value instanceof String id) || id.isBlank()) {
      throw ApiException.invalid("id", "missing", "is missing; Azure DevOps sends the event id with every delivery and"
          + " it is needed to recognise retries", null);
    }
    if (id.length() > MAX_EVENT_ID_LENGTH) {
      throw ApiException.invalid("id", "too_long", "is " + id.length() + " characters long; the limit is "
          + MAX_EVENT_ID_LENGTH, new JsonObject().put("limit", MAX_EVENT_ID_LENGTH));
    }
    return id.trim();
  }

  /**
   * Returns the time of this change: the revision's {@code System.ChangedDate}, and for a
   * deletion or restore the later of that and the event's {@code createdDate}, because those keep
   * the work item's fields as they were. Fails with 400 when the payload has neither time.
   */
  private static Instant eventTime(JsonObject json, String eventType, AzureWorkItem item) {
    Instant created = null;
    if (json.getValue("createdDate") instanceof String text) {
      try {
        created = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiException.invalid("createdDate", "not_time", "must be an ISO 8601 time such as 2026-12-01T10:15:30.12Z,"
            + " not \"" + text + "\"", null);
      }
    }
    Instant changed = item.changed();
    if (changed == null && created == null) {
      String path = UPDATED.equals(eventType) ? "resource.revision.fields" : "resource.fields";
      throw ApiException.invalid(path + ".System.ChangedDate", "missing", "is missing, and so is createdDate;"
          + " one of them is needed to order the changes", null);
    }
    boolean keepsFields = DELETED.equals(eventType) || RESTORED.equals(eventType);
    if (changed == null || (keepsFields && created != null && created.isAfter(changed))) {
      return created;
    }
    return changed;
  }

  /** Returns the work item system of a connection, {@code azure-devops:<connection id>}. */
  public static String system(UUID connectionId) {
    return WorkItemSync.system(Tracker.AZURE_DEVOPS, connectionId);
  }
}
