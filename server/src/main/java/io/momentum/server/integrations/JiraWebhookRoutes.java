package io.momentum.server.integrations;

import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Jira Cloud webhooks at {@code POST /api/v1/integrations/jira/{connectionId}} and
 * turns issue changes into {@code momentum.workitem.changed} events on the event pipeline.
 *
 * <p>Jira sends no session or token, so the route is public and a delivery is authenticated by
 * its HMAC-SHA256 signature with the connection's secret. Each delivery runs in one transaction:
 * it records the delivery identifier (a repeated one changes nothing), takes the last state seen
 * of the issue, drops a delivery older than that state, and publishes the events before the commit.
 * A failed commit therefore leads to a retry by Jira that publishes the same event ids again, which
 * the pipeline ignores as duplicates.
 */
public final class JiraWebhookRoutes {

  /** Path of a connection's webhook, followed by the connection id. */
  public static final String PATH_PREFIX = "/api/v1/integrations/jira/";
  /** Header with Jira's delivery identifier, which stays the same when Jira retries a delivery. */
  public static final String DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier";
  static final Set<String> ISSUE_EVENTS = Set.of("jira:issue_created", "jira:issue_updated", "jira:issue_deleted");
  private static final int MAX_DELIVERY_ID_LENGTH = 150;

  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhookRoutes.class);

  private static final String CONNECTION = """
      SELECT id, org_id, secret, story_points_field FROM integration_connections WHERE id = $1 AND kind = 'jira'""";
  private static final String INSERT_DELIVERY = """
      INSERT INTO integration_deliveries (org_id, connection_id, delivery_id, event_type, issue_id, outcome)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (connection_id, delivery_id) DO NOTHING RETURNING delivery_id""";
  private static final String SET_OUTCOME = """
      UPDATE integration_deliveries SET outcome = $3 WHERE connection_id = $1 AND delivery_id = $2""";
  // Rules whose initiative was archived are skipped, so work falls through to the next rule.
  private static final String RULES = """
      SELECT r.id, r.position, r.match_kind, r.match_value, r.initiative_id FROM integration_mapping_rules r
      JOIN initiatives i ON i.org_id = r.org_id AND i.id = r.initiative_id AND i.archived_at IS NULL
      WHERE r.org_id = $1 AND r.connection_id = $2 ORDER BY r.position, r.created_at, r.id""";
  private static final String ISSUE = """
      SELECT initiative_id, issue_updated, deleted FROM integration_issues WHERE connection_id = $1 AND issue_id = $2""";
  private static final String UPSERT_ISSUE = """
      INSERT INTO integration_issues (org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id,
                                      issue_updated, deleted)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (connection_id, issue_id) DO UPDATE SET issue_key = EXCLUDED.issue_key,
        parent_issue_id = EXCLUDED.parent_issue_id, initiative_id = EXCLUDED.initiative_id,
        issue_updated = EXCLUDED.issue_updated, deleted = EXCLUDED.deleted""";

  private final Pool pool;
  private final EventPublisher publisher;
  private final CloudEventParser parser;

  public JiraWebhookRoutes(Pool pool, EventPublisher publisher, Clock clock) {
    this.pool = pool;
    this.publisher = publisher;
    this.parser = new CloudEventParser(clock);
  }

  /** Mounts the webhook; call it before the authentication handler, since Jira sends no credentials. */
  public void mount(Router router) {
    router.post(PATH_PREFIX + ":connectionId").handler(this::receive);
  }

  /** A connection as the webhook needs it. */
  private record Connection(UUID id, String orgId, String secret, String storyPointsField) {
  }

  /** One delivery that passed its checks: the event type, the issue and the time that orders it. */
  private record Delivery(Connection connection, String deliveryId, String eventType, JiraIssue issue, Instant time) {

    boolean deletes() {
      return "jira:issue_deleted".equals(eventType);
    }
  }

  private void receive(RoutingContext ctx) {
    String rawId = ctx.pathParam("connectionId");
    UUID connectionId;
    try {
      connectionId = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      ctx.fail(unknownConnection(rawId));
      return;
    }
    Buffer body = ctx.body().buffer();
    pool.preparedQuery(CONNECTION).execute(Tuple.of(connectionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(unknownConnection(rawId));
          }
          Row row = rows.iterator().next();
          Connection connection = new Connection(connectionId, row.getString("org_id"), row.getString("secret"),
              row.getString("story_points_field"));
          return handle(ctx, connection, body == null ? Buffer.buffer() : body);
        })
        .onSuccess(answer -> {
          JsonObject json = answer.copy();
          Object status = json.remove("httpStatus");
          ctx.response().setStatusCode(status instanceof Integer code ? code : 200)
              .putHeader("Content-Type", "application/json")
              .end(json.encode());
        })
        .onFailure(ctx::fail);
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

    JsonObject json = parse(body);
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
    Delivery delivery = new Delivery(connection, deliveryId, eventType, issue, eventTime(json, eventType, issue));
    return pool.withTransaction(sql -> record(sql, delivery, issue.epic() ? "epic" : "published")
        .compose(fresh -> {
          if (!fresh) {
            LOG.info("Jira delivery {} to connection {} was handled before; ignored", deliveryId, connection.id());
            return Future.succeededFuture(new JsonObject().put("status", "duplicate"));
          }
          if (issue.epic()) {
            LOG.info("Jira delivery {} names epic {}; epics are containers, so no work item changes", deliveryId, issue.id());
            return Future.succeededFuture(new JsonObject().put("status", "epic"));
          }
          return apply(sql, delivery);
        }));
  }

  private static JsonObject parse(Buffer body) {
    String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw ApiException.invalid("body", "empty", "is empty; Jira sends the issue as a JSON object", null);
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "nul_character", "contains a NUL character (\\u0000), which cannot be stored", null);
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON; send Jira's webhook body unchanged");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body", "not_object", "must be a JSON object", null);
    }
    return object;
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

  /** Records the delivery; completes with false when its identifier was recorded before. */
  private static Future<Boolean> record(SqlConnection sql, Delivery delivery, String outcome) {
    Connection connection = delivery.connection();
    return sql.preparedQuery(INSERT_DELIVERY)
        .execute(Tuple.of(connection.orgId(), connection.id(), delivery.deliveryId(), delivery.eventType(),
            delivery.issue().id(), outcome))
        .map(rows -> rows.size() == 1);
  }

  /** Compares the delivery with the issue's last state, then publishes and stores the new state. */
  private Future<JsonObject> apply(SqlConnection sql, Delivery delivery) {
    Connection connection = delivery.connection();
    JiraIssue issue = delivery.issue();
    return sql.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of(connection.id() + "/" + issue.id()))
        .compose(v -> sql.preparedQuery(ISSUE).execute(Tuple.of(connection.id(), issue.id())))
        .compose(rows -> {
          Row stored = rows.size() == 0 ? null : rows.iterator().next();
          if (stored != null && stored.getOffsetDateTime("issue_updated").toInstant().isAfter(delivery.time())) {
            LOG.info("Jira delivery {} for issue {} is older than the state already applied; not sent on",
                delivery.deliveryId(), issue.id());
            return setOutcome(sql, delivery, "stale").map(new JsonObject().put("status", "stale"));
          }
          UUID previous = stored == null ? null : stored.getUUID("initiative_id");
          return target(sql, delivery, previous)
              .compose(target -> publishAndStore(sql, delivery, previous, target));
        });
  }

  /**
   * Finds the initiative the issue belongs to. A deleted issue stays where it was. Otherwise the
   * first matching rule decides, and when none matches, the issue follows the initiative that its
   * parent was last sent to.
   */
  private static Future<UUID> target(SqlConnection sql, Delivery delivery, UUID previous) {
    Connection connection = delivery.connection();
    JiraIssue issue = delivery.issue();
    return sql.preparedQuery(RULES).execute(Tuple.of(connection.orgId(), connection.id())).compose(rows -> {
      List<MappingRule> rules = new ArrayList<>();
      rows.forEach(row -> rules.add(new MappingRule(row.getUUID("id"), row.getInteger("position"),
          row.getString("match_kind"), row.getString("match_value"), row.getUUID("initiative_id"))));
      UUID matched = MappingRule.initiativeFor(rules, issue);
      if (delivery.deletes() && previous != null) {
        return Future.succeededFuture(previous);
      }
      if (matched != null || issue.parent() == null) {
        return Future.succeededFuture(matched);
      }
      return sql.preparedQuery("SELECT initiative_id FROM integration_issues WHERE connection_id = $1 AND issue_id = $2"
              + " AND NOT deleted")
          .execute(Tuple.of(connection.id(), issue.parent().id()))
          .map(parents -> parents.size() == 0 ? null : parents.iterator().next().getUUID("initiative_id"));
    });
  }

  private Future<JsonObject> publishAndStore(SqlConnection sql, Delivery delivery, UUID previous, UUID target) {
    Connection connection = delivery.connection();
    JiraIssue issue = delivery.issue();
    List<CloudEvent> events = new ArrayList<>();
    if (previous != null && !previous.equals(target)) {
      events.add(event(delivery, previous, true, ":moved-from:" + previous));
    }
    if (target != null) {
      events.add(event(delivery, target, delivery.deletes(), ""));
    }
    String outcome = target == null ? "unmapped" : "published";
    return publisher.publish(events)
        .compose(v -> sql.preparedQuery(UPSERT_ISSUE).execute(Tuple.from(new Object[] {connection.orgId(), connection.id(),
            issue.id(), issue.key(), issue.parent() == null ? null : issue.parent().id(), target,
            delivery.time().atOffset(ZoneOffset.UTC), delivery.deletes()})))
        .compose(v -> setOutcome(sql, delivery, outcome))
        .map(v -> {
          LOG.info("Jira delivery {} ({}) for issue {} of connection {} sent {} event(s) to organisation {}",
              delivery.deliveryId(), delivery.eventType(), issue.id(), connection.id(), events.size(), connection.orgId());
          JsonArray ids = new JsonArray();
          events.forEach(e -> ids.add(e.id()));
          return new JsonObject().put("status", outcome).put("events", ids)
              .put("initiativeId", target == null ? null : target.toString());
        });
  }

  private static Future<Void> setOutcome(SqlConnection sql, Delivery delivery, String outcome) {
    return sql.preparedQuery(SET_OUTCOME).execute(Tuple.of(delivery.connection().id(), delivery.deliveryId(), outcome))
        .mapEmpty();
  }

  /**
   * Builds the work item event for one initiative and validates it like any event from outside.
   * The event id is derived from the delivery identifier, so a delivery published twice is
   * recognised by the pipeline.
   */
  private CloudEvent event(Delivery delivery, UUID initiative, boolean deleted, String idSuffix) {
    JiraIssue issue = delivery.issue();
    JsonObject data = new JsonObject()
        .put("system", system(delivery.connection().id()))
        .put("externalId", issue.id())
        .put("itemType", issue.issueType())
        .put("statusCategory", issue.status().wire())
        .put("storyPoints", issue.storyPoints())
        .put("parentExternalId", issue.parent() == null ? null : issue.parent().id())
        .put("deleted", deleted);
    JsonObject json = new JsonObject()
        .put("specversion", "1.0")
        .put("id", "jira:" + delivery.deliveryId() + idSuffix)
        .put("source", "urn:momentum:integration:jira:" + delivery.connection().id())
        .put("type", EventType.WORK_ITEM_CHANGED.wire())
        .put("subject", initiative.toString())
        .put("time", delivery.time().toString())
        .put("orgid", delivery.connection().orgId())
        .put("datacontenttype", "application/json")
        .put("data", data);
    CloudEventParser.Result result = parser.parse(json, true);
    if (!result.valid()) {
      List<FieldError> fields = result.errors();
      throw ApiException.invalid(fields);
    }
    return result.event();
  }

  /**
   * Returns the work item system of a connection. It names the connection, because issue ids are
   * unique within one Jira site only and an organisation may connect several sites.
   */
  public static String system(UUID connectionId) {
    return "jira:" + connectionId;
  }

  private static ApiException unknownConnection(String id) {
    return new ApiException(404, "not_found", "No Jira connection " + id + "; copy the webhook address from the"
        + " connection in Momentum");
  }
}
