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
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Jira Cloud webhooks at {@code POST /api/v1/integrations/jira/{connectionId}} and
 * turns issue changes into {@code momentum.workitem.changed} events on the event pipeline.
 *
 * <p>Jira sends no session or token, so the route is public and a delivery is authenticated by
 * its HMAC-SHA256 signature with the connection's secret. {@link WorkItemSync} records and applies
 * the deliveries that pass the checks, ordered by the issue's {@code updated} time.
 */
public final class JiraWebhookRoutes {

  /** Path of a connection's webhook, followed by the connection id. */
  public static final String PATH_PREFIX = "/api/v1/integrations/jira/";
  /** Header with Jira's delivery identifier, which stays the same when Jira retries a delivery. */
  public static final String DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier";
  static final Set<String> ISSUE_EVENTS = Set.of("jira:issue_created", "jira:issue_updated", "jira:issue_deleted");
  private static final int MAX_DELIVERY_ID_LENGTH = 150;

  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhookRoutes.class);

  private final WorkItemSync sync;

  public JiraWebhookRoutes(Vertx vertx, Pool pool, EventPublisher publisher, Clock clock, MeterRegistry registry) {
    this.sync = new WorkItemSync(pool, publisher, clock, registry, Tracker.JIRA, ConnectionCache.listening(vertx));
  }

  /** Mounts the webhook; call it before the authentication handler, since Jira sends no credentials. */
  public void mount(Router router) {
    router.post(PATH_PREFIX + ":connectionId").handler(this::receive);
  }

  private void receive(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    WorkItemSync.respond(ctx, sync.connection(Tracker.JIRA, ctx.pathParam("connectionId"))
        .compose(connection -> handle(ctx, connection, body == null ? Buffer.buffer() : body)));
  }

  /** Checks, records and applies one delivery; a rejection is logged once, by {@link io.momentum.server.http.ApiErrors}. */
  private Future<JsonObject> handle(RoutingContext ctx, Connection connection, Buffer body) {
    String signature = ctx.request().getHeader(JiraSignature.HEADER);
    if (signature == null) {
      return Future.failedFuture(new ApiException(401, "signature_missing", "The request has no " + JiraSignature.HEADER
          + " header; set the connection's secret as the webhook's secret in Jira"));
    }

    if (!JiraSignature.verify(connection.secret(), body.getBytes(), signature)) {
      return Future.failedFuture(new ApiException(401, "signature_invalid", "The " + JiraSignature.HEADER
          + " signature does not match the body; set the same secret in Jira and in the connection"));
    }

    JsonObject json = WorkItemSync.parse(body, "Jira");
    Object event = json.getValue("webhookEvent");
    if (!(event instanceof String eventType) || eventType.isBlank()) {
      return Future.failedFuture(ApiException.invalid("webhookEvent", "missing", "is missing; Jira names the event in it,"
          + " such as \"jira:issue_updated\"", null));
    }
    if (!ISSUE_EVENTS.contains(eventType)) {
      LOG.info("Jira delivery to connection {} of organisation {} ignored: event type {} is not an issue change",
          connection.id(), connection.orgId(), eventType.length() > 80 ? eventType.substring(0, 80) : eventType);
      return Future.succeededFuture(new JsonObject().put("httpStatus", 202).put("status", "ignored")
          .put("reason", "Only jira:issue_created, jira:issue_updated and jira:issue_deleted are read"));
    }

    String deliveryId = deliveryId(ctx);
    JiraIssue.Result parsed = JiraIssue.parse(json, connection.storyPointsField());
    if (parsed.issue() == null) {
      return Future.failedFuture(ApiException.invalid(parsed.errors()));
    }
    JiraIssue issue = parsed.issue();
    return sync.process(new Delivery(connection, deliveryId, eventType, issue, eventTime(json, eventType, issue), null,
        "jira:issue_deleted".equals(eventType)));
  }

  private static String deliveryId(RoutingContext ctx) {
    String id = ctx.request().getHeader(DELIVERY_HEADER);
    if (id == null || id.isBlank()) {
      throw ApiException.invalid(DELIVERY_HEADER, "missing", "is missing; Jira Cloud sends it with every delivery and it"
          + " is needed to recognise retries", null);
    }
    if (id.length() > MAX_DELIVERY_ID_LENGTH) {
      throw ApiException.invalid(DELIVERY_HEADER, "too_long", "is " + id.length() + " characters long; the limit is "
          + MAX_DELIVERY_ID_LENGTH, new JsonObject().put("limit", MAX_DELIVERY_ID_LENGTH));
    }
    return id.trim();
  }

  /**
   * Returns the time that orders this delivery: the issue's {@code fields.updated}, and for a
   * deletion the later of that and the webhook's {@code timestamp}, because deleting an issue does
   * not change its {@code updated} field.
   */
  private static Instant eventTime(JsonObject json, String eventType, JiraIssue issue) {
    if ("jira:issue_deleted".equals(eventType) && json.getValue("timestamp") instanceof Number millis) {
      Instant deleted = Instant.ofEpochMilli(millis.longValue());
      return deleted.isAfter(issue.updated()) ? deleted : issue.updated();
    }
    return issue.updated();
  }

  /**
   * Returns the work item system of a connection. It names the connection, because issue ids are
   * unique within one Jira site only and an organisation may connect several sites.
   */
  public static String system(UUID connectionId) {
    return WorkItemSync.system(Tracker.JIRA, connectionId);
  }
}
