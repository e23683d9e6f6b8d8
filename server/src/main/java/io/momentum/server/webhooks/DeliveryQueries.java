package io.momentum.server.webhooks;

import io.momentum.server.goals.GoalJson;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL of webhook deliveries: queueing changes, claiming due deliveries across the cluster,
 * recording attempts, and reading the delivery log. Every statement is scoped by organisation
 * except the claim, which works for all organisations and carries each row's organisation along.
 */
public final class DeliveryQueries {

  /** Columns of a delivery as the delivery log shows it. */
  static final String COLUMNS = "seq, id, subscription_id, event_id, event_type, test, state, attempts, max_attempts,"
      + " next_attempt_at, last_status, last_error, created_at, updated_at, delivered_at";

  private static final String ENQUEUE = """
      INSERT INTO webhook_deliveries (id, org_id, subscription_id, event_id, event_type, body, state, max_attempts,
        next_attempt_at)
      SELECT gen_random_uuid(), s.org_id, s.id, $2, $3, $4, 'pending', $5, now()
      FROM webhook_subscriptions s
      WHERE s.org_id = $1 AND s.active AND $3 = ANY (s.event_types)
      ON CONFLICT (subscription_id, event_id) DO NOTHING""";

  /**
   * Serialises claims across the cluster, so the count of attempts in flight per subscription is
   * exact while a claim runs. The claim itself is one short statement, so nodes wait briefly.
   */
  private static final String CLAIM_LOCK = "SELECT pg_advisory_xact_lock(hashtext('momentum.webhooks.claim'))";

  private static final String CLAIM = """
      WITH in_flight AS (
        SELECT subscription_id, count(*) AS busy FROM webhook_deliveries
        WHERE state = 'delivering' AND lease_until > now() GROUP BY subscription_id),
      ranked AS (
        SELECT d.id, coalesce(d.next_attempt_at, d.lease_until) AS due_at,
          row_number() OVER (PARTITION BY d.subscription_id ORDER BY coalesce(d.next_attempt_at, d.lease_until), d.seq)
            + coalesce(i.busy, 0) AS slot
        FROM webhook_deliveries d
        JOIN webhook_subscriptions s ON s.org_id = d.org_id AND s.id = d.subscription_id
        LEFT JOIN in_flight i ON i.subscription_id = d.subscription_id
        WHERE s.active AND ((d.state = 'pending' AND d.next_attempt_at <= now())
          OR (d.state = 'delivering' AND d.lease_until <= now()))),
      picked AS (
        SELECT d.id FROM webhook_deliveries d JOIN ranked r ON r.id = d.id
        WHERE r.slot <= $2
        ORDER BY r.due_at LIMIT $1
        FOR UPDATE OF d SKIP LOCKED)
      UPDATE webhook_deliveries d SET state = 'delivering', attempts = d.attempts + 1, next_attempt_at = NULL,
        lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
      FROM picked, webhook_subscriptions s
      WHERE d.id = picked.id AND s.org_id = d.org_id AND s.id = d.subscription_id
      RETURNING d.id, d.org_id, d.subscription_id, d.event_type, d.body, d.attempts, d.max_attempts, d.test, s.url,
        s.secret""";

  /** Records nothing when the webhook, and with it the delivery, was deleted during the attempt. */
  private static final String RECORD_ATTEMPT = """
      INSERT INTO webhook_attempts (delivery_id, attempt, org_id, started_at, duration_ms, status_code, error,
        response_body)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8
      WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = $1)
      ON CONFLICT (delivery_id, attempt) DO NOTHING""";

  private static final String FINISH_ATTEMPT = """
      UPDATE webhook_deliveries SET state = $3,
        next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + $4 * interval '1 millisecond' END,
        lease_until = NULL, last_status = $5, last_error = $6,
        delivered_at = CASE WHEN $3 = 'delivered' THEN now() END, updated_at = now()
      WHERE id = $1 AND attempts = $2 AND state = 'delivering'""";

  private final Pool pool;

  public DeliveryQueries(Pool pool) {
    this.pool = pool;
  }

  /** A delivery claimed for one attempt, with what the attempt needs. */
  public record Claimed(UUID id, String orgId, UUID subscriptionId, String eventType, String body, int attempt,
                        int maxAttempts, boolean test, String url, String secret) {

    static Claimed of(Row row) {
      return new Claimed(row.getUUID("id"), row.getString("org_id"), row.getUUID("subscription_id"),
          row.getString("event_type"), row.getString("body"), row.getInteger("attempts"), row.getInteger("max_attempts"),
          row.getBoolean("test"), row.getString("url"), row.getString("secret"));
    }
  }

  /** A change read from the topic, to be queued for every matching subscription of its organisation. */
  public record Change(String orgId, String eventId, String type, String body) {
  }

  /**
   * Queues a delivery of each change for every active subscription of its organisation that
   * subscribes to its type, in one transaction. A change queued before for a subscription is
   * skipped. Completes with the number of deliveries queued.
   */
  public Future<Integer> enqueue(List<Change> changes, int maxAttempts) {
    if (changes.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Tuple> batch = new ArrayList<>(changes.size());
    for (Change change : changes) {
      batch.add(Tuple.of(change.orgId(), change.eventId(), change.type(), change.body(), maxAttempts));
    }
    return pool.withTransaction(connection -> connection.preparedQuery(ENQUEUE).executeBatch(batch)
        .map(rows -> {
          int queued = 0;
          for (var result = rows; result != null; result = result.next()) {
            queued += result.rowCount();
          }
          return queued;
        }));
  }

  /**
   * Claims up to {@code limit} due deliveries (and deliveries whose lease ran out) for one
   * attempt each, leaving each subscription at most {@code perSubscription} attempts in flight.
   * Rows another node is claiming are skipped, so no delivery is claimed twice while its lease runs.
   */
  public Future<List<Claimed>> claim(int limit, int perSubscription, long leaseMillis) {
    return pool.withTransaction(connection -> connection.query(CLAIM_LOCK).execute()
        .compose(v -> connection.preparedQuery(CLAIM).execute(Tuple.of(limit, perSubscription, leaseMillis)))
        .map(rows -> {
          List<Claimed> claimed = new ArrayList<>(rows.size());
          rows.forEach(row -> claimed.add(Claimed.of(row)));
          return claimed;
        }));
  }

  /**
   * Records an attempt and moves its delivery on: delivered on a 2xx, pending again after
   * {@code retryDelayMillis} when that is not null, else failed. Nothing changes when the
   * delivery's lease ran out and another attempt took it over.
   */
  public Future<Void> finish(Claimed claimed, WebhookSender.Outcome outcome, Long retryDelayMillis) {
    String state = "failed";
    if (outcome.delivered()) {
      state = "delivered";
    } else if (retryDelayMillis != null) {
      state = "pending";
    }
    String newState = state;
    return pool.withTransaction(connection -> recordAttempt(connection, claimed.id(), claimed.attempt(), claimed.orgId(),
            outcome)
        .compose(v -> connection.preparedQuery(FINISH_ATTEMPT).execute(Tuple.from(new Object[] {claimed.id(),
            claimed.attempt(), newState, retryDelayMillis == null ? 0L : retryDelayMillis, outcome.statusCode(),
            outcome.error()})))
        .mapEmpty());
  }

  private static Future<Void> recordAttempt(SqlClient connection, UUID deliveryId, int attempt, String orgId,
                                            WebhookSender.Outcome outcome) {
    return connection.preparedQuery(RECORD_ATTEMPT).execute(Tuple.from(new Object[] {deliveryId, attempt, orgId,
            outcome.startedAt().atOffset(java.time.ZoneOffset.UTC), (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()),
            outcome.statusCode(), outcome.error(), outcome.responseBody()}))
        .mapEmpty();
  }

  /**
   * Inserts a test delivery already claimed for its one attempt, so the caller sends it at once.
   * It is never retried by the dispatcher unless its lease runs out.
   */
  public Future<Claimed> insertTest(String orgId, UUID subscriptionId, String eventId, String type, String body,
                                    long leaseMillis) {
    return pool.preparedQuery("""
            INSERT INTO webhook_deliveries (id, org_id, subscription_id, event_id, event_type, body, test, state,
              attempts, max_attempts, lease_until)
            SELECT $3, s.org_id, s.id, $4, $5, $6, true, 'delivering', 1, 1, now() + $7 * interval '1 millisecond'
            FROM webhook_subscriptions s WHERE s.org_id = $1 AND s.id = $2
            RETURNING id, org_id, subscription_id, event_type, body, attempts, max_attempts, test,
              (SELECT url FROM webhook_subscriptions WHERE id = $2) AS url,
              (SELECT secret FROM webhook_subscriptions WHERE id = $2) AS secret""")
        .execute(Tuple.from(new Object[] {orgId, subscriptionId, UUID.fromString(eventId), eventId, type, body, leaseMillis}))
        .map(rows -> rows.size() == 0 ? null : Claimed.of(rows.iterator().next()));
  }

  /**
   * Puts a failed delivery back in the queue with {@code extraAttempts} more attempts. Completes
   * with the delivery, or null when it does not exist; fails with {@link IllegalStateException}
   * naming the state when the delivery is not failed.
   */
  public Future<JsonObject> redeliver(String orgId, UUID subscriptionId, UUID deliveryId, int extraAttempts) {
    return pool.withTransaction(connection -> connection.preparedQuery("SELECT state FROM webhook_deliveries"
            + " WHERE org_id = $1 AND subscription_id = $2 AND id = $3 FOR UPDATE")
        .execute(Tuple.of(orgId, subscriptionId, deliveryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          String state = rows.iterator().next().getString("state");
          if (!"failed".equals(state)) {
            return Future.failedFuture(new IllegalStateException(state));
          }
          return connection.preparedQuery("UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = now(),"
                  + " max_attempts = attempts + $4, last_error = NULL, updated_at = now()"
                  + " WHERE org_id = $1 AND subscription_id = $2 AND id = $3 RETURNING " + COLUMNS)
              .execute(Tuple.of(orgId, subscriptionId, deliveryId, extraAttempts))
              .map(updated -> delivery(updated.iterator().next()));
        }));
  }

  /**
   * Deletes up to {@code limit} delivered or failed deliveries, with their attempts, whose last
   * change is older than {@code keep}. Completes with the number deleted; pending deliveries stay.
   */
  public Future<Integer> pruneFinished(Duration keep, int limit) {
    return pool.preparedQuery("""
            DELETE FROM webhook_deliveries WHERE id IN (
              SELECT id FROM webhook_deliveries
              WHERE state IN ('delivered', 'failed') AND updated_at < now() - $1 * interval '1 second'
              LIMIT $2)""")
        .execute(Tuple.of(keep.toSeconds(), limit))
        .map(rows -> rows.rowCount());
  }

  /** Loads one delivery with its attempts, oldest first, and its CloudEvent; null when not found. */
  public Future<JsonObject> load(String orgId, UUID subscriptionId, UUID deliveryId) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", body FROM webhook_deliveries"
            + " WHERE org_id = $1 AND subscription_id = $2 AND id = $3")
        .execute(Tuple.of(orgId, subscriptionId, deliveryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row row = rows.iterator().next();
          JsonObject json = delivery(row).put("event", event(row.getString("body")));
          return attempts(orgId, deliveryId).map(attempts -> json.put("attempts", attempts));
        });
  }

  private Future<JsonArray> attempts(String orgId, UUID deliveryId) {
    return pool.preparedQuery("SELECT attempt, started_at, duration_ms, status_code, error, response_body"
            + " FROM webhook_attempts WHERE org_id = $1 AND delivery_id = $2 ORDER BY attempt")
        .execute(Tuple.of(orgId, deliveryId))
        .map(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(row -> array.add(attempt(row)));
          return array;
        });
  }

  /** Returns an attempt as the delivery log shows it. */
  static JsonObject attempt(Row row) {
    return new JsonObject()
        .put("attempt", row.getInteger("attempt"))
        .put("startedAt", GoalJson.time(row, "started_at"))
        .put("durationMs", row.getInteger("duration_ms"))
        .put("statusCode", row.getInteger("status_code"))
        .put("error", row.getString("error"))
        .put("responseBody", row.getString("response_body"));
  }

  /** Returns a delivery as the delivery log lists it. */
  static JsonObject delivery(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("subscriptionId", row.getUUID("subscription_id").toString())
        .put("eventId", row.getString("event_id"))
        .put("eventType", row.getString("event_type"))
        .put("test", row.getBoolean("test"))
        .put("state", row.getString("state"))
        .put("attemptCount", row.getInteger("attempts"))
        .put("maxAttempts", row.getInteger("max_attempts"))
        .put("nextAttemptAt", GoalJson.time(row, "next_attempt_at"))
        .put("lastStatus", row.getInteger("last_status"))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", GoalJson.time(row, "created_at"))
        .put("updatedAt", GoalJson.time(row, "updated_at"))
        .put("deliveredAt", GoalJson.time(row, "delivered_at"));
  }

  private static Object event(String body) {
    try {
      return new JsonObject(body);
    } catch (DecodeException e) {
      return body;
    }
  }
}
