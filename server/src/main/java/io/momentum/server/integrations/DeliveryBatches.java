package io.momentum.server.integrations;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.momentum.server.events.EventPublisher;
import io.momentum.server.integrations.WorkItemSync.Connection;
import io.momentum.server.integrations.WorkItemSync.Delivery;
import io.momentum.server.integrations.WorkItemSync.ItemState;
import io.momentum.streams.event.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies concurrent webhook deliveries in shared transactions. A delivery that arrives while
 * {@value #MAX_IN_FLIGHT} batches are running waits in a queue, and the next batch takes up to
 * {@value #MAX_BATCH} queued deliveries. A batch records and locks its deliveries with one
 * statement, publishes all their events in one call and stores all their states with one more. A
 * busy node so pays the round trips and the Kafka request once per batch instead of once per
 * delivery. A lone delivery starts at once, without waiting for others.
 *
 * <p>The guarantees are those of a delivery applied alone: each item is locked before its state is
 * read, the events are published before the commit, and a repeated delivery id changes nothing.
 * When a batch fails as a whole (an invalid event, a deadlock, a lost connection), each of its
 * deliveries is applied again in a transaction of its own, so one bad delivery fails alone.
 * Deliveries whose initiative comes from their parent, and containers, always go alone.
 */
final class DeliveryBatches {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryBatches.class);
  /** Maximum number of deliveries in one batch. */
  static final int MAX_BATCH = 64;
  /** Maximum number of batches running at once per instance. */
  static final int MAX_IN_FLIGHT = 2;

  private static final String BEGIN = """
      SELECT ordinal, fresh, stored, initiative_id, issue_updated, revision, parent_issue_id
      FROM integration_deliveries_begin($1, $2, $3, $4, $5)""";
  // Items of the batch that have stored children following them.
  private static final String PARENTS = """
      SELECT DISTINCT c.connection_id, c.parent_issue_id
      FROM unnest($1::text[], $2::uuid[], $3::text[]) AS p(org_id, connection_id, issue_id)
      JOIN integration_issues c ON c.org_id = p.org_id AND c.connection_id = p.connection_id
        AND c.parent_issue_id = p.issue_id AND c.follows_parent AND NOT c.deleted""";
  private static final String STORE = """
      WITH outcomes AS (
        UPDATE integration_deliveries d SET outcome = o.outcome
        FROM unnest($1::uuid[], $2::text[], $3::text[]) AS o(connection_id, delivery_id, outcome)
        WHERE d.connection_id = o.connection_id AND d.delivery_id = o.delivery_id)
      INSERT INTO integration_issues (org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id,
                                      issue_updated, deleted, revision, item_type, status_category, story_points,
                                      follows_parent)
      SELECT org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id, issue_updated::timestamptz,
             deleted, revision, item_type, status_category, story_points::numeric, false
      FROM unnest($4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[],
                  $11::boolean[], $12::integer[], $13::text[], $14::text[], $15::text[])
        AS s(org_id, connection_id, issue_id, issue_key, parent_issue_id, initiative_id, issue_updated, deleted,
             revision, item_type, status_category, story_points)
      """ + WorkItemSync.ISSUE_CONFLICT;

  /** A delivery waiting for its batch, with the initiative of the first rule that matches it. */
  private record Pending(Delivery delivery, List<MappingRule> rules, UUID matched, Promise<JsonObject> result) {
    String itemKey() {
      return delivery.connection().id() + "/" + delivery.item().id();
    }
  }

  /** The decision of a batch for one fresh delivery that is not stale. */
  private record Applied(Pending pending, Delivery delivery, UUID previous, UUID target, List<CloudEvent> events) {
    boolean moved() {
      return !delivery.deletes() && !Objects.equals(previous, target);
    }
  }

  private final Pool pool;
  private final EventPublisher publisher;
  private final DescendantMoves descendants;
  private final WorkItemSync sync;
  private final DistributionSummary sizes;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  DeliveryBatches(Pool pool, EventPublisher publisher, DescendantMoves descendants, WorkItemSync sync,
                  MeterRegistry registry, String tracker) {
    this.pool = pool;
    this.publisher = publisher;
    this.descendants = descendants;
    this.sync = sync;
    this.sizes = DistributionSummary.builder("momentum.integration.batch.size")
        .description("Webhook deliveries applied per batch transaction")
        .tag("tracker", tracker)
        .register(registry);
  }

  /**
   * Returns true when a delivery can join a batch: it is no container, its payload states whether it
   * has a parent, and a rule maps it or it has no parent. So its initiative needs no read of a
   * stored row besides its own.
   */
  static boolean batchable(Delivery delivery, UUID matched) {
    TrackedItem item = delivery.item();
    return !item.container() && item.parentKnown() && (matched != null || item.parentId() == null);
  }

  /** Queues a delivery and completes with its webhook result once its batch has committed. */
  Future<JsonObject> add(Delivery delivery, List<MappingRule> rules, UUID matched) {
    Pending pending = new Pending(delivery, rules, matched, Promise.promise());
    synchronized (this) {
      queue.add(pending);
    }
    drain();
    return pending.result().future();
  }

  /** Starts batches while fewer than {@link #MAX_IN_FLIGHT} run and deliveries are queued. */
  private void drain() {
    while (true) {
      List<Pending> batch;
      synchronized (this) {
        if (inFlight >= MAX_IN_FLIGHT || queue.isEmpty()) {
          return;
        }
        batch = takeBatch();
        inFlight++;
      }
      run(batch).onComplete(done -> {
        synchronized (this) {
          inFlight--;
        }
        drain();
      });
    }
  }

  /**
   * Takes up to {@link #MAX_BATCH} queued deliveries, at most one per item, so that deliveries of
   * one item apply one after the other. The ones left keep their place in the queue.
   */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    Set<String> items = new HashSet<>();
    Iterator<Pending> queued = queue.iterator();
    while (queued.hasNext() && batch.size() < MAX_BATCH) {
      Pending pending = queued.next();
      if (items.add(pending.itemKey())) {
        batch.add(pending);
        queued.remove();
      }
    }
    return batch;
  }

  private Future<Void> run(List<Pending> batch) {
    sizes.record(batch.size());
    List<JsonObject> results = new ArrayList<>(batch.size());
    return pool.withTransaction(sql -> apply(sql, batch, results))
        .onSuccess(v -> {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
          }
        })
        .recover(failure -> {
          LOG.warn("Batch of {} webhook deliveries failed, so each is applied alone: {}", batch.size(),
              failure.toString());
          List<Future<JsonObject>> alone = new ArrayList<>(batch.size());
          for (Pending pending : batch) {
            Future<JsonObject> result = sync.processAlone(pending.delivery(), pending.rules());
            result.onComplete(pending.result());
            alone.add(result);
          }
          return Future.join(alone).<Void>mapEmpty().otherwiseEmpty();
        });
  }

  /** Records, locks and reads the batch, then publishes and stores what changed. Fills {@code results} in batch order. */
  private Future<Void> apply(SqlConnection sql, List<Pending> batch, List<JsonObject> results) {
    int size = batch.size();
    String[] orgIds = new String[size];
    UUID[] connectionIds = new UUID[size];
    String[] deliveryIds = new String[size];
    String[] eventTypes = new String[size];
    String[] issueIds = new String[size];
    for (int i = 0; i < size; i++) {
      Delivery delivery = batch.get(i).delivery();
      orgIds[i] = delivery.connection().orgId();
      connectionIds[i] = delivery.connection().id();
      deliveryIds[i] = delivery.deliveryId();
      eventTypes[i] = delivery.eventType();
      issueIds[i] = delivery.item().id();
    }
    Tuple begin = Tuple.tuple().addArrayOfString(orgIds).addArrayOfUUID(connectionIds).addArrayOfString(deliveryIds)
        .addArrayOfString(eventTypes).addArrayOfString(issueIds);
    return sql.preparedQuery(BEGIN).execute(begin).compose(rows -> {
      Row[] byOrdinal = new Row[size];
      rows.forEach(row -> byOrdinal[row.getInteger("ordinal") - 1] = row);
      List<Applied> applied = new ArrayList<>();
      List<String> outcomes = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        outcomes.add(decide(batch.get(i), byOrdinal[i], applied, results));
      }
      return parentsAmong(sql, applied)
          .compose(parents -> publishAndStore(sql, batch, applied, outcomes)
              .compose(v -> followAll(sql, applied, parents, results, batch)));
    });
  }

  /**
   * Decides one delivery of the batch: adds its result to {@code results}, adds it to
   * {@code applied} unless it is a duplicate or stale, and returns its outcome (null for a
   * duplicate, whose row was not written).
   */
  private String decide(Pending pending, Row row, List<Applied> applied, List<JsonObject> results) {
    Delivery delivery = pending.delivery();
    if (!row.getBoolean("fresh")) {
      LOG.debug("{} delivery {} to connection {} was handled before; ignored", delivery.connection().tracker().title,
          delivery.deliveryId(), delivery.connection().id());
      results.add(new JsonObject().put("status", "duplicate"));
      return null;
    }
    boolean stored = row.getBoolean("stored");
    if (stored && WorkItemSync.older(delivery, row)) {
      LOG.debug("{} delivery {} for item {} is older than the state already applied; not sent on",
          delivery.connection().tracker().title, delivery.deliveryId(), delivery.item().id());
      results.add(new JsonObject().put("status", "stale"));
      return "stale";
    }
    Delivery current = stored ? WorkItemSync.notBefore(delivery, row) : delivery;
    UUID previous = stored ? row.getUUID("initiative_id") : null;
    UUID target = current.deletes() && previous != null ? previous : pending.matched();
    Connection connection = current.connection();
    ItemState state = new ItemState(current.item().id(), current.item().itemType(), current.item().status().wire(),
        current.item().storyPoints(), current.item().parentId(), current.time());
    List<CloudEvent> events = sync.moveEvents(connection, connection.tracker().prefix + ":" + current.deliveryId(),
        state, previous, target, current.deletes());
    applied.add(new Applied(pending, current, previous, target, events));
    String outcome = target == null ? "unmapped" : "published";
    JsonArray ids = new JsonArray();
    events.forEach(event -> ids.add(event.id()));
    results.add(new JsonObject().put("status", outcome).put("events", ids)
        .put("initiativeId", target == null ? null : target.toString()).put("descendantsMoved", 0));
    return outcome;
  }

  /** Completes with the keys ({@code <connection id>/<item id>}) of moved items that have following children. */
  private static Future<Set<String>> parentsAmong(SqlConnection sql, List<Applied> applied) {
    List<Applied> moved = applied.stream().filter(Applied::moved).toList();
    if (moved.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    String[] orgIds = new String[moved.size()];
    UUID[] connectionIds = new UUID[moved.size()];
    String[] issueIds = new String[moved.size()];
    for (int i = 0; i < moved.size(); i++) {
      Delivery delivery = moved.get(i).delivery();
      orgIds[i] = delivery.connection().orgId();
      connectionIds[i] = delivery.connection().id();
      issueIds[i] = delivery.item().id();
    }
    return sql.preparedQuery(PARENTS)
        .execute(Tuple.tuple().addArrayOfString(orgIds).addArrayOfUUID(connectionIds).addArrayOfString(issueIds))
        .map(rows -> {
          Set<String> parents = new HashSet<>();
          rows.forEach(row -> parents.add(row.getUUID("connection_id") + "/" + row.getString("parent_issue_id")));
          return parents;
        });
  }

  private Future<Void> publishAndStore(SqlConnection sql, List<Pending> batch, List<Applied> applied,
                                       List<String> outcomes) {
    List<CloudEvent> events = new ArrayList<>();
    applied.forEach(one -> events.addAll(one.events()));

    List<UUID> outcomeConnections = new ArrayList<>();
    List<String> outcomeDeliveries = new ArrayList<>();
    List<String> outcomeValues = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (outcomes.get(i) != null) {
        outcomeConnections.add(batch.get(i).delivery().connection().id());
        outcomeDeliveries.add(batch.get(i).delivery().deliveryId());
        outcomeValues.add(outcomes.get(i));
      }
    }

    int size = applied.size();
    String[] orgIds = new String[size];
    UUID[] connectionIds = new UUID[size];
    String[] issueIds = new String[size];
    String[] keys = new String[size];
    String[] parentIds = new String[size];
    UUID[] initiatives = new UUID[size];
    String[] times = new String[size];
    Boolean[] deleted = new Boolean[size];
    Integer[] revisions = new Integer[size];
    String[] types = new String[size];
    String[] statuses = new String[size];
    String[] points = new String[size];
    for (int i = 0; i < size; i++) {
      Applied one = applied.get(i);
      Delivery delivery = one.delivery();
      TrackedItem item = delivery.item();
      BigDecimal storyPoints = item.storyPoints();
      orgIds[i] = delivery.connection().orgId();
      connectionIds[i] = delivery.connection().id();
      issueIds[i] = item.id();
      keys[i] = item.key();
      parentIds[i] = item.parentId();
      initiatives[i] = one.target();
      times[i] = delivery.time().atOffset(ZoneOffset.UTC).toString();
      deleted[i] = delivery.deletes();
      revisions[i] = delivery.revision();
      types[i] = item.itemType();
      statuses[i] = item.status().wire();
      points[i] = storyPoints == null ? null : storyPoints.toPlainString();
    }
    Tuple store = Tuple.tuple()
        .addArrayOfUUID(outcomeConnections.toArray(new UUID[0]))
        .addArrayOfString(outcomeDeliveries.toArray(new String[0]))
        .addArrayOfString(outcomeValues.toArray(new String[0]))
        .addArrayOfString(orgIds).addArrayOfUUID(connectionIds).addArrayOfString(issueIds).addArrayOfString(keys)
        .addArrayOfString(parentIds).addArrayOfUUID(initiatives).addArrayOfString(times).addArrayOfBoolean(deleted)
        .addArrayOfInteger(revisions).addArrayOfString(types).addArrayOfString(statuses).addArrayOfString(points);
    Future<Void> published = events.isEmpty() ? Future.succeededFuture() : publisher.publish(events);
    return published.compose(v -> sql.preparedQuery(STORE).execute(store)).mapEmpty();
  }

  /** Moves the following descendants of each moved item with children, one item after the other. */
  private Future<Void> followAll(SqlConnection sql, List<Applied> applied, Set<String> parents,
                                 List<JsonObject> results, List<Pending> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Applied one : applied) {
      if (!one.moved() || !parents.contains(one.pending().itemKey())) {
        continue;
      }
      int index = batch.indexOf(one.pending());
      chain = chain.compose(v -> descendants.follow(sql, one.delivery(), one.target())
          .map(moved -> {
            results.get(index).put("descendantsMoved", moved);
            return null;
          }));
    }
    return chain;
  }
}
