package io.momentum.server.integrations;

import io.momentum.server.events.EventPublisher;
import io.momentum.server.http.ApiException;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies validated tracker deliveries: records the delivery id (a repeated one changes nothing),
 * compares the item with the last state sent, finds its initiative by the connection's rules and
 * publishes {@code momentum.workitem.changed} events. Each delivery runs in one transaction that
 * locks the item's state, and the events are published before the commit, so a failed commit
 * leads to a retry by the tracker whose repeated event ids the pipeline ignores.
 */
final class WorkItemSync {

  private static final Logger LOG = LoggerFactory.getLogger(WorkItemSync.class);

  /** A tracker with a webhook route. */
  enum Tracker {
    JIRA("jira", "Jira", "jira"),
    AZURE_DEVOPS("azure_devops", "Azure DevOps", "azure-devops");

    /** The connection kind, as stored. */
    final String kind;
    /** The name in logs and messages. */
    final String title;
    /** The prefix of work item systems, event ids and sources. */
    final String prefix;

    Tracker(String kind, String title, String prefix) {
      this.kind = kind;
      this.title = title;
      this.prefix = prefix;
    }
  }

  /** A connection as the webhook routes need it; the secret authenticates deliveries. */
  record Connection(Tracker tracker, UUID id, String orgId, String secret, String storyPointsField) {
  }

  /**
   * One delivery that passed its checks.
   *
   * @param time the item's change time, which orders deliveries of the same item
   * @param revision the item's revision, which orders deliveries before {@code time} does, or null
   *     for trackers without revisions
   * @param deletes true when the item leaves every rollup (deleted, or removed in Azure DevOps)
   */
  record Delivery(Connection connection, String deliveryId, String eventType, TrackedItem item, Instant time,
                  Integer revision, boolean deletes) {
  }

  private static final String CONNECTION = """
      SELECT org_id, secret, story_points_field FROM integration_connections WHERE id = $1 AND kind = $2""";
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
      SELECT initiative_id, issue_updated, revision, parent_issue_id FROM integration_issues
      WHERE connection_id = $1 AND issue_id = $2""";
  private static final String UPSERT_ISSUE = """
      INSERT INTO integration_issues (org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id,
                                      issue_updated, deleted, revision)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (connection_id, issue_id) DO UPDATE SET issue_key = EXCLUDED.issue_key,
        parent_issue_id = EXCLUDED.parent_issue_id, initiative_id = EXCLUDED.initiative_id,
        issue_updated = EXCLUDED.issue_updated, deleted = EXCLUDED.deleted, revision = EXCLUDED.revision""";

  private final Pool pool;
  private final EventPublisher publisher;
  private final CloudEventParser parser;

  WorkItemSync(Pool pool, EventPublisher publisher, Clock clock) {
    this.pool = pool;
    this.publisher = publisher;
    this.parser = new CloudEventParser(clock);
  }

  /**
   * Loads the connection named in the path. An id that is no connection of this tracker fails
   * with 404, whichever organisation it might belong to.
   */
  Future<Connection> connection(Tracker tracker, String rawId) {
    UUID id;
    try {
      id = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(unknownConnection(tracker, rawId));
    }
    return pool.preparedQuery(CONNECTION).execute(Tuple.of(id, tracker.kind)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(unknownConnection(tracker, rawId));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new Connection(tracker, id, row.getString("org_id"), row.getString("secret"),
          row.getString("story_points_field")));
    });
  }

  /** Sends the response of a webhook route. An {@code httpStatus} entry sets the status code, 200 by default. */
  static void respond(RoutingContext ctx, Future<JsonObject> answer) {
    answer.onSuccess(result -> {
      JsonObject json = result.copy();
      Object status = json.remove("httpStatus");
      ctx.response().setStatusCode(status instanceof Integer code ? code : 200)
          .putHeader("Content-Type", "application/json")
          .end(json.encode());
    }).onFailure(ctx::fail);
  }

  /** Decodes a webhook body, which must be a JSON object; {@code sender} names the tracker in messages. */
  static JsonObject parse(Buffer body, String sender) {
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw ApiException.invalid("body", "empty", "is empty; " + sender + " sends the event as a JSON object", null);
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "nul_character", "contains a NUL character (\\u0000), which cannot be stored", null);
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON; send " + sender
          + "'s webhook body unchanged");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body", "not_object", "must be a JSON object", null);
    }
    return object;
  }

  /**
   * Records and applies one delivery in a transaction. Completes with {@code status}
   * {@code duplicate}, {@code epic}, {@code stale}, {@code unmapped} or {@code published}.
   */
  Future<JsonObject> process(Delivery delivery) {
    TrackedItem item = delivery.item();
    String tracker = delivery.connection().tracker().title;
    return pool.withTransaction(sql -> record(sql, delivery, item.container() ? "epic" : "published")
        .compose(fresh -> {
          if (!fresh) {
            LOG.info("{} delivery {} to connection {} was handled before; ignored", tracker, delivery.deliveryId(),
                delivery.connection().id());
            return Future.succeededFuture(new JsonObject().put("status", "duplicate"));
          }
          if (item.container()) {
            LOG.info("{} delivery {} names {} {}; it is a container, so no work item changes", tracker,
                delivery.deliveryId(), item.itemType(), item.id());
            return Future.succeededFuture(new JsonObject().put("status", "epic"));
          }
          return apply(sql, delivery);
        }));
  }

  /** Records the delivery; completes with false when its id was recorded before. */
  private static Future<Boolean> record(SqlConnection sql, Delivery delivery, String outcome) {
    Connection connection = delivery.connection();
    return sql.preparedQuery(INSERT_DELIVERY)
        .execute(Tuple.of(connection.orgId(), connection.id(), delivery.deliveryId(), delivery.eventType(),
            delivery.item().id(), outcome))
        .map(rows -> rows.size() == 1);
  }

  /** Compares the delivery with the item's last state, then publishes and stores the new state. */
  private Future<JsonObject> apply(SqlConnection sql, Delivery delivery) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
    return sql.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of(connection.id() + "/" + item.id()))
        .compose(v -> sql.preparedQuery(ISSUE).execute(Tuple.of(connection.id(), item.id())))
        .compose(rows -> {
          Row stored = rows.size() == 0 ? null : rows.iterator().next();
          if (stored != null && older(delivery, stored)) {
            LOG.info("{} delivery {} for item {} is older than the state already applied; not sent on",
                connection.tracker().title, delivery.deliveryId(), item.id());
            return setOutcome(sql, delivery, "stale").map(new JsonObject().put("status", "stale"));
          }
          Delivery applied = stored == null ? delivery : notBefore(delivery, stored);
          UUID previous = stored == null ? null : stored.getUUID("initiative_id");
          return target(sql, applied, previous)
              .compose(target -> publishAndStore(sql, applied, previous, target));
        });
  }

  /**
   * Returns true when the delivery is older than the stored state: by revision when both have
   * one and they differ, otherwise by time.
   */
  private static boolean older(Delivery delivery, Row stored) {
    Integer storedRevision = stored.getInteger("revision");
    if (storedRevision != null && delivery.revision() != null && !storedRevision.equals(delivery.revision())) {
      return storedRevision > delivery.revision();
    }
    return stored.getOffsetDateTime("issue_updated").toInstant().isAfter(delivery.time());
  }

  /**
   * Completes a delivery that is not older than the stored state. A newer revision that carries an
   * earlier time gets the stored time, so the pipeline, which orders work item events by time,
   * does not drop it. An item whose payload does not say whether it has a parent keeps the stored one.
   */
  private static Delivery notBefore(Delivery delivery, Row stored) {
    Instant storedTime = stored.getOffsetDateTime("issue_updated").toInstant();
    TrackedItem item = delivery.item().withStoredParent(stored.getString("parent_issue_id"));
    Instant time = storedTime.isAfter(delivery.time()) ? storedTime : delivery.time();
    return new Delivery(delivery.connection(), delivery.deliveryId(), delivery.eventType(), item, time,
        delivery.revision(), delivery.deletes());
  }

  /**
   * Finds the initiative the item belongs to. A deleted item stays where it was. Otherwise the
   * first matching rule decides, and when none matches, the item follows the initiative that its
   * parent was last sent to.
   *
   * <p>NOTE: a child found only through its parent (a Jira sub-task whose payload does not name the
   * epic, an Azure DevOps task under a story) is not moved when the parent arrives or moves later.
   * Its initiative then depends on the order of delivery, so the replay tests leave such children out.
   */
  private static Future<UUID> target(SqlConnection sql, Delivery delivery, UUID previous) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
    return sql.preparedQuery(RULES).execute(Tuple.of(connection.orgId(), connection.id())).compose(rows -> {
      List<MappingRule> rules = new ArrayList<>();
      rows.forEach(row -> rules.add(new MappingRule(row.getUUID("id"), row.getInteger("position"),
          row.getString("match_kind"), row.getString("match_value"), row.getUUID("initiative_id"))));
      UUID matched = MappingRule.initiativeFor(rules, item);
      if (delivery.deletes() && previous != null) {
        return Future.succeededFuture(previous);
      }
      if (matched != null || item.parentId() == null) {
        return Future.succeededFuture(matched);
      }
      return sql.preparedQuery("SELECT initiative_id FROM integration_issues WHERE connection_id = $1 AND issue_id = $2"
              + " AND NOT deleted")
          .execute(Tuple.of(connection.id(), item.parentId()))
          .map(parents -> parents.size() == 0 ? null : parents.iterator().next().getUUID("initiative_id"));
    });
  }

  private Future<JsonObject> publishAndStore(SqlConnection sql, Delivery delivery, UUID previous, UUID target) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
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
            item.id(), item.key(), item.parentId(), target, delivery.time().atOffset(ZoneOffset.UTC), delivery.deletes(),
            delivery.revision()})))
        .compose(v -> setOutcome(sql, delivery, outcome))
        .map(v -> {
          LOG.info("{} delivery {} ({}) for item {} of connection {} sent {} event(s) to organisation {}",
              connection.tracker().title, delivery.deliveryId(), delivery.eventType(), item.id(), connection.id(),
              events.size(), connection.orgId());
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
   * The event id is derived from the delivery id, so a delivery published twice is recognised by
   * the pipeline.
   */
  private CloudEvent event(Delivery delivery, UUID initiative, boolean deleted, String idSuffix) {
    TrackedItem item = delivery.item();
    Tracker tracker = delivery.connection().tracker();
    JsonObject data = new JsonObject()
        .put("system", system(tracker, delivery.connection().id()))
        .put("externalId", item.id())
        .put("itemType", item.itemType())
        .put("statusCategory", item.status().wire())
        .put("storyPoints", item.storyPoints())
        .put("parentExternalId", item.parentId())
        .put("deleted", deleted);
    JsonObject json = new JsonObject()
        .put("specversion", "1.0")
        .put("id", tracker.prefix + ":" + delivery.deliveryId() + idSuffix)
        .put("source", "urn:momentum:integration:" + tracker.prefix + ":" + delivery.connection().id())
        .put("type", EventType.WORK_ITEM_CHANGED.wire())
        .put("subject", initiative.toString())
        .put("time", delivery.time().toString())
        .put("orgid", delivery.connection().orgId())
        .put("datacontenttype", "application/json")
        .put("data", data);
    CloudEventParser.Result result = parser.parse(json, true);
    if (!result.valid()) {
      throw ApiException.invalid(result.errors());
    }
    return result.event();
  }

  /**
   * Returns the work item system of a connection, such as {@code jira:<connection id>}. It names
   * the connection, because item ids are unique within one tracker site only and an organisation
   * may connect several sites.
   */
  static String system(Tracker tracker, UUID connectionId) {
    return tracker.prefix + ":" + connectionId;
  }

  private static ApiException unknownConnection(Tracker tracker, String id) {
    return new ApiException(404, "not_found", "No " + tracker.title + " connection " + id + "; copy the webhook address"
        + " from the connection in Momentum");
  }
}
