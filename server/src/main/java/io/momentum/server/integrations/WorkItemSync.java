package io.momentum.server.integrations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies validated tracker deliveries: records the delivery id (a repeated one changes nothing),
 * compares the item with the last state sent, finds its initiative by the connection's rules and
 * publishes {@code momentum.workitem.changed} events. Each delivery runs in one transaction that
 * locks the item's state, and the events are published before the commit, so a failed commit
 * leads to a retry by the tracker whose repeated event ids the pipeline ignores. When the item's
 * initiative changes, its stored descendants that follow it move too ({@link DescendantMoves}).
 */
final class WorkItemSync {

  private static final Logger LOG = LoggerFactory.getLogger(WorkItemSync.class);
  /** Maximum number of connections whose rules one instance caches. Beyond it the cache is cleared. */
  private static final int MAX_CACHED_CONNECTIONS = 10_000;
  private static final List<String> OUTCOMES = List.of("duplicate", "epic", "stale", "unmapped", "published");

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

  /**
   * A connection as the webhook routes need it. The secret authenticates deliveries.
   *
   * @param rulesVersion the counter that changes with every change of the connection's mapping
   * @param stateMap the connection's Azure DevOps states by trimmed lower-case name, empty for Jira.
   *     It is read with the connection on every delivery, so a change applies to the next one.
   */
  record Connection(Tracker tracker, UUID id, String orgId, String secret, String storyPointsField, long rulesVersion,
                    Map<String, AzureWorkItem.Category> stateMap) {
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

  /** The rules of one connection as of one {@code rules_version}. */
  private record CachedRules(long version, List<MappingRule> rules) {
  }

  /** The initiative an item goes to, and whether it comes from the item's parent because no rule matched. */
  private record Target(UUID initiative, boolean followsParent) {
  }

  private static final String CONNECTION = """
      SELECT org_id, secret, story_points_field, rules_version, state_map FROM integration_connections WHERE id = $1 AND kind = $2""";
  // Records the delivery, then locks and reads the item of a new one (the function comes from migration V12).
  private static final String BEGIN = """
      SELECT stored, initiative_id, issue_updated, revision, parent_issue_id
      FROM integration_delivery_begin($1, $2, $3, $4, $5, $6)""";
  private static final String SET_OUTCOME = """
      UPDATE integration_deliveries SET outcome = $3 WHERE connection_id = $1 AND delivery_id = $2""";
  // Rules whose initiative was archived are skipped, so work falls through to the next rule.
  private static final String RULES = """
      SELECT r.id, r.position, r.match_kind, r.match_value, r.initiative_id FROM integration_mapping_rules r
      JOIN initiatives i ON i.org_id = r.org_id AND i.id = r.initiative_id AND i.archived_at IS NULL
      WHERE r.org_id = $1 AND r.connection_id = $2 ORDER BY r.position, r.created_at, r.id""";
  // FOR SHARE waits for a delivery of the parent that changed the parent's row and has not committed,
  // so that this child either reads the parent's new initiative or is moved by that delivery.
  // NOTE: when that delivery of the parent then waits for this child's lock, PostgreSQL ends one of
  // the two with a deadlock error. The webhook responds 500 to it, and the tracker retries it.
  private static final String PARENT = """
      SELECT initiative_id FROM integration_issues WHERE org_id = $1 AND connection_id = $2 AND issue_id = $3
      AND NOT deleted FOR SHARE""";
  /** Ending of the upserts of {@code integration_issues}: a stored item takes every column of the new state. */
  static final String ISSUE_CONFLICT = """
      ON CONFLICT (connection_id, issue_id) DO UPDATE SET issue_key = EXCLUDED.issue_key,
        parent_issue_id = EXCLUDED.parent_issue_id, initiative_id = EXCLUDED.initiative_id,
        issue_updated = EXCLUDED.issue_updated, deleted = EXCLUDED.deleted, revision = EXCLUDED.revision,
        item_type = EXCLUDED.item_type, status_category = EXCLUDED.status_category,
        story_points = EXCLUDED.story_points, follows_parent = EXCLUDED.follows_parent""";
  private static final String STORE = """
      WITH outcome AS (UPDATE integration_deliveries SET outcome = $15 WHERE connection_id = $2 AND delivery_id = $14)
      INSERT INTO integration_issues (org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id,
                                      issue_updated, deleted, revision, item_type, status_category, story_points,
                                      follows_parent)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      """ + ISSUE_CONFLICT;

  private final Pool pool;
  private final EventPublisher publisher;
  private final CloudEventParser parser;
  private final DescendantMoves descendants;
  private final DeliveryBatches batches;
  private final Map<UUID, CachedRules> rulesByConnection = new ConcurrentHashMap<>();
  private final ConnectionCache connections;
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();

  WorkItemSync(Pool pool, EventPublisher publisher, Clock clock, MeterRegistry registry, Tracker tracker,
               ConnectionCache connections) {
    this.pool = pool;
    this.connections = connections;
    this.publisher = publisher;
    this.parser = new CloudEventParser(clock);
    this.descendants = new DescendantMoves(publisher, this);
    this.batches = new DeliveryBatches(pool, publisher, descendants, this, registry, tracker.prefix);
    for (String outcome : OUTCOMES) {
      deliveries.put(outcome, Counter.builder("momentum.integration.deliveries")
          .description("Tracker webhook deliveries applied, by outcome")
          .tag("tracker", tracker.prefix)
          .tag("outcome", outcome)
          .register(registry));
    }
  }

  /**
   * Loads the connection named in the path, from the node's cache when it was read in the last
   * seconds. An id that is no connection of this tracker fails with 404, whichever organisation it
   * might belong to.
   */
  Future<Connection> connection(Tracker tracker, String rawId) {
    UUID id;
    try {
      id = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(unknownConnection(tracker, rawId));
    }
    Connection cached = connections.get(id, tracker);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long token = connections.beforeRead();
    long readStartedAt = connections.now();
    return pool.preparedQuery(CONNECTION).execute(Tuple.of(id, tracker.kind)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(unknownConnection(tracker, rawId));
      }
      Row row = rows.iterator().next();
      Connection connection = new Connection(tracker, id, row.getString("org_id"), row.getString("secret"),
          row.getString("story_points_field"), row.getLong("rules_version"),
          StateMaps.lookup((JsonObject) row.getJson("state_map")));
      connections.put(connection, token, readStartedAt);
      return Future.succeededFuture(connection);
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
    return rules(delivery.connection())
        .compose(rules -> {
          UUID matched = MappingRule.initiativeFor(rules, delivery.item());
          return DeliveryBatches.batchable(delivery, matched)
              ? batches.add(delivery, rules, matched)
              : processAlone(delivery, rules);
        })
        .onSuccess(result -> deliveries.get(result.getString("status")).increment());
  }

  /** Records and applies one delivery in a transaction of its own. */
  Future<JsonObject> processAlone(Delivery delivery, List<MappingRule> rules) {
    return pool.withTransaction(sql -> begin(sql, delivery)
        .compose(stored -> stored == null ? repeated(delivery) : applyFresh(sql, delivery, rules, stored)));
  }

  /**
   * Returns the connection's rules, read again only when the connection's {@code rules_version}
   * differs from the cached one. The rules are read after the connection row, so they are at
   * least as new as the version they are cached under.
   */
  private Future<List<MappingRule>> rules(Connection connection) {
    CachedRules cached = rulesByConnection.get(connection.id());
    if (cached != null && cached.version() == connection.rulesVersion()) {
      return Future.succeededFuture(cached.rules());
    }
    return pool.preparedQuery(RULES).execute(Tuple.of(connection.orgId(), connection.id())).map(rows -> {
      List<MappingRule> rules = new ArrayList<>();
      rows.forEach(row -> rules.add(new MappingRule(row.getUUID("id"), row.getInteger("position"),
          row.getString("match_kind"), row.getString("match_value"), row.getUUID("initiative_id"))));
      if (rulesByConnection.size() >= MAX_CACHED_CONNECTIONS) {
        rulesByConnection.clear();
      }
      List<MappingRule> loaded = List.copyOf(rules);
      rulesByConnection.put(connection.id(), new CachedRules(connection.rulesVersion(), loaded));
      return loaded;
    });
  }

  /**
   * Records the delivery and, for a new one, locks the item and reads its stored state in one
   * round trip. Completes with null for a repeated delivery id, otherwise with a row whose
   * {@code stored} column is false when no state is stored (or the item is a container, which is
   * not locked).
   */
  private static Future<Row> begin(SqlConnection sql, Delivery delivery) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
    return sql.preparedQuery(BEGIN)
        .execute(Tuple.of(connection.orgId(), connection.id(), delivery.deliveryId(), delivery.eventType(), item.id(),
            item.container() ? "epic" : "published"))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  private static Future<JsonObject> repeated(Delivery delivery) {
    LOG.debug("{} delivery {} to connection {} was handled before; ignored", delivery.connection().tracker().title,
        delivery.deliveryId(), delivery.connection().id());
    return Future.succeededFuture(new JsonObject().put("status", "duplicate"));
  }

  private Future<JsonObject> applyFresh(SqlConnection sql, Delivery delivery, List<MappingRule> rules, Row row) {
    TrackedItem item = delivery.item();
    if (item.container()) {
      LOG.debug("{} delivery {} names {} {}; it is a container, so no work item changes",
          delivery.connection().tracker().title, delivery.deliveryId(), item.itemType(), item.id());
      return Future.succeededFuture(new JsonObject().put("status", "epic"));
    }
    return apply(sql, delivery, rules, row.getBoolean("stored") ? row : null);
  }

  /** Compares the delivery with the item's last state, then publishes and stores the new state. */
  private Future<JsonObject> apply(SqlConnection sql, Delivery delivery, List<MappingRule> rules, Row stored) {
    if (stored != null && older(delivery, stored)) {
      LOG.debug("{} delivery {} for item {} is older than the state already applied; not sent on",
          delivery.connection().tracker().title, delivery.deliveryId(), delivery.item().id());
      return setOutcome(sql, delivery, "stale").map(new JsonObject().put("status", "stale"));
    }
    Delivery applied = stored == null ? delivery : notBefore(delivery, stored);
    UUID previous = stored == null ? null : stored.getUUID("initiative_id");
    return target(sql, applied, rules, previous)
        .compose(target -> publishAndStore(sql, applied, previous, target));
  }

  /**
   * Returns true when the delivery is older than the stored state: by revision when both have
   * one and they differ, otherwise by time.
   */
  static boolean older(Delivery delivery, Row stored) {
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
  static Delivery notBefore(Delivery delivery, Row stored) {
    Instant storedTime = stored.getOffsetDateTime("issue_updated").toInstant();
    TrackedItem item = delivery.item().withStoredParent(stored.getString("parent_issue_id"));
    Instant time = storedTime.isAfter(delivery.time()) ? storedTime : delivery.time();
    return new Delivery(delivery.connection(), delivery.deliveryId(), delivery.eventType(), item, time,
        delivery.revision(), delivery.deletes());
  }

  /**
   * Finds the initiative the item belongs to. A deleted item stays where it was. Otherwise the
   * first matching rule decides, and when none matches, the item follows the initiative that its
   * parent was last sent to. A child that arrives before its parent is stored as following it, and
   * the parent's delivery moves it later.
   */
  private static Future<Target> target(SqlConnection sql, Delivery delivery, List<MappingRule> rules, UUID previous) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
    UUID matched = MappingRule.initiativeFor(rules, item);
    boolean followsParent = matched == null && item.parentId() != null;
    if (delivery.deletes() && previous != null) {
      return Future.succeededFuture(new Target(previous, followsParent));
    }
    if (!followsParent) {
      return Future.succeededFuture(new Target(matched, false));
    }
    return sql.preparedQuery(PARENT).execute(Tuple.of(connection.orgId(), connection.id(), item.parentId()))
        .map(parents -> new Target(parents.size() == 0 ? null : parents.iterator().next().getUUID("initiative_id"), true));
  }

  private Future<JsonObject> publishAndStore(SqlConnection sql, Delivery delivery, UUID previous, Target resolved) {
    Connection connection = delivery.connection();
    TrackedItem item = delivery.item();
    UUID target = resolved.initiative();
    ItemState state = new ItemState(item.id(), item.itemType(), item.status().wire(), item.storyPoints(),
        item.parentId(), delivery.time());
    String eventId = connection.tracker().prefix + ":" + delivery.deliveryId();
    List<CloudEvent> events = moveEvents(connection, eventId, state, previous, target, delivery.deletes());
    String outcome = target == null ? "unmapped" : "published";
    return publisher.publish(events)
        .compose(v -> sql.preparedQuery(STORE).execute(Tuple.from(new Object[] {connection.orgId(), connection.id(),
            item.id(), item.key(), item.parentId(), target, delivery.time().atOffset(ZoneOffset.UTC), delivery.deletes(),
            delivery.revision(), item.itemType(), item.status().wire(), item.storyPoints(), resolved.followsParent(),
            delivery.deliveryId(), outcome})))
        .compose(v -> delivery.deletes() || Objects.equals(previous, target)
            ? Future.succeededFuture(0)
            : descendants.follow(sql, delivery, target))
        .map(moved -> {
          LOG.debug("{} delivery {} ({}) for item {} of connection {} sent {} event(s) to organisation {}",
              connection.tracker().title, delivery.deliveryId(), delivery.eventType(), item.id(), connection.id(),
              events.size(), connection.orgId());
          JsonArray ids = new JsonArray();
          events.forEach(e -> ids.add(e.id()));
          return new JsonObject().put("status", outcome).put("events", ids)
              .put("initiativeId", target == null ? null : target.toString())
              .put("descendantsMoved", moved);
        });
  }

  private static Future<Void> setOutcome(SqlConnection sql, Delivery delivery, String outcome) {
    return sql.preparedQuery(SET_OUTCOME).execute(Tuple.of(delivery.connection().id(), delivery.deliveryId(), outcome))
        .mapEmpty();
  }

  /**
   * The state of an item that its work item events carry.
   *
   * @param time the item's change time, which becomes the event time
   */
  record ItemState(String id, String itemType, String statusCategory, BigDecimal storyPoints, String parentId,
                   Instant time) {
  }

  /**
   * Builds the events that put an item at {@code target}: a removal from {@code previous} when the
   * item moves away from it (id suffix {@code :moved-from:<initiative>}), and the item's state at
   * {@code target} unless it is null.
   *
   * @param eventId the id of the event at {@code target}, derived from a delivery id so that a
   *     delivery applied twice publishes the same ids, which the pipeline ignores the second time
   */
  List<CloudEvent> moveEvents(Connection connection, String eventId, ItemState state, UUID previous, UUID target,
                              boolean deleted) {
    List<CloudEvent> events = new ArrayList<>(2);
    if (previous != null && !previous.equals(target)) {
      events.add(event(connection, eventId + ":moved-from:" + previous, state, previous, true));
    }
    if (target != null) {
      events.add(event(connection, eventId, state, target, deleted));
    }
    return events;
  }

  /** Builds the work item event for one initiative and validates it like any event from outside. */
  private CloudEvent event(Connection connection, String id, ItemState state, UUID initiative, boolean deleted) {
    Tracker tracker = connection.tracker();
    JsonObject data = new JsonObject()
        .put("system", system(tracker, connection.id()))
        .put("externalId", state.id())
        .put("itemType", state.itemType())
        .put("statusCategory", state.statusCategory())
        .put("storyPoints", state.storyPoints())
        .put("parentExternalId", state.parentId())
        .put("deleted", deleted);
    JsonObject json = new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "urn:momentum:integration:" + tracker.prefix + ":" + connection.id())
        .put("type", EventType.WORK_ITEM_CHANGED.wire())
        .put("subject", initiative.toString())
        .put("time", state.time().toString())
        .put("orgid", connection.orgId())
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
