package io.momentum.server.signals;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises a {@code stale_source} signal for each source that has been quiet for longer than its
 * expected interval, resolves it (as the system, with the reason) when the source is fresh
 * again, and wakes snoozed signals of every kind whose snooze has ended.
 *
 * <p>Every node runs the detector, but a run holds a PostgreSQL transaction-level advisory lock,
 * so only one node works at a time across the cluster; the others skip that run.
 */
public final class StaleSourceDetector {

  private static final Logger LOG = LoggerFactory.getLogger(StaleSourceDetector.class);

  /** Kind of the signals this detector raises. */
  public static final String KIND = "stale_source";
  /** Key of the advisory lock that serialises runs across nodes. */
  static final long LOCK_KEY = 0x6d6f6d5f73746c65L;
  /** Most sources raised, resolved or woken per run; the next run takes the rest. */
  static final int BATCH = 200;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

  private static final String SOURCE_COLUMNS = """
      SELECT s.org_id, s.source, s.kind, s.last_seen, s.last_event_time, s.event_count, s.recent_node_ids,
             s.expected_interval_secs IS NOT NULL AS interval_set,
             coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) AS expected,
             """ + SourceRegistry.LABEL + " AS label";

  /**
   * Sources quiet for longer than their expected interval, without a signal for this quiet period.
   * NOTE: a signal resolved because a person lengthened the interval is not raised again in the
   * same quiet period if the interval is shortened afterwards. The next quiet period raises one.
   */
  private static final String QUIET_SOURCES = SOURCE_COLUMNS + """

      FROM value_sources s""" + SourceRegistry.LABEL_JOINS + """
      WHERE s.kind NOT IN ('person', 'system')
        AND coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) IS NOT NULL
        AND s.last_seen + coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps))
            * interval '1 second' < $1
        AND NOT EXISTS (SELECT 1 FROM signals g WHERE g.org_id = s.org_id AND g.kind = 'stale_source'
                        AND g.fingerprint = 'stale_source:' || s.source
                        AND (g.state <> 'resolved' OR g.episode = s.last_seen))
      ORDER BY s.org_id, s.source
      LIMIT $2""";

  /** The nodes a source fed lately, with their keys and titles, and the units they belong to. */
  private static final String NODES_FED = """
      SELECT n.node_id, n.key, n.kind,
             coalesce(o.title, k.title, p.title, i.title) AS title,
             coalesce(k.unit_id, ko.unit_id, o.unit_id, p.unit_id, i.unit_id) AS unit_id
      FROM node_keys n
      LEFT JOIN objectives o ON o.org_id = n.org_id AND o.id = n.node_id
      LEFT JOIN key_results k ON k.org_id = n.org_id AND k.id = n.node_id
      LEFT JOIN objectives ko ON ko.id = k.objective_id
      LEFT JOIN kpis p ON p.org_id = n.org_id AND p.id = n.node_id
      LEFT JOIN initiatives i ON i.org_id = n.org_id AND i.id = n.node_id
      WHERE n.org_id = $1 AND n.node_id = ANY($2::uuid[])
      ORDER BY n.key""";

  /**
   * Unresolved stale-source signals whose source is fresh again: it sent after the quiet period
   * began, or its expected interval grew so that it is no longer overdue.
   */
  private static final String FRESH_AGAIN = """
      SELECT g.org_id, g.id, s.last_seen, g.episode,
             coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) AS expected
      FROM signals g
      LEFT JOIN value_sources s ON s.org_id = g.org_id AND s.source = g.source
      WHERE g.kind = 'stale_source' AND g.state <> 'resolved'
        AND (s.source IS NULL OR s.last_seen > g.episode
             OR coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) IS NULL
             OR s.last_seen + coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps))
                * interval '1 second' >= $1)
      ORDER BY g.org_id, g.id
      LIMIT $2""";

  /**
   * Unresolved warnings about sources still quiet since the signal was raised and now quiet for
   * longer than {@link StaleSource#CRITICAL_FACTOR} times their expected interval.
   */
  private static final String ESCALATE = SOURCE_COLUMNS + """
      , g.id AS signal_id
      FROM signals g
      JOIN value_sources s ON s.org_id = g.org_id AND s.source = g.source""" + SourceRegistry.LABEL_JOINS + """
      WHERE g.kind = 'stale_source' AND g.state <> 'resolved' AND g.severity = 'warning' AND s.last_seen = g.episode
        AND coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) IS NOT NULL
        AND s.last_seen + $3 * coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps))
            * interval '1 second' < $1
      ORDER BY g.org_id, g.id
      LIMIT $2""";

  /**
   * Snoozed signals of every kind whose snooze has ended. The ingest's detector resolves its
   * signals when their condition clears, so one still snoozed is still a condition to look at.
   */
  private static final String SNOOZE_OVER = """
      SELECT org_id, id, kind FROM signals
      WHERE state = 'snoozed' AND snoozed_until <= $1
      ORDER BY org_id, id LIMIT $2""";

  /** Changes made by one run. */
  public record RunResult(boolean ran, List<JsonObject> raised, List<JsonObject> resolved, List<JsonObject> woken,
                          List<JsonObject> escalated) {

    /** Returns every signal the run changed, in the order of the changes. */
    public List<JsonObject> changed() {
      List<JsonObject> all = new ArrayList<>(resolved);
      all.addAll(raised);
      all.addAll(escalated);
      all.addAll(woken);
      return all;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final SignalStore store;
  private final Clock clock;
  private final Duration every;
  private long timer = -1;

  /**
   * @param clock the clock whose time decides what is overdue; tests move it forward
   * @param every time between two runs
   */
  public StaleSourceDetector(Vertx vertx, Pool pool, SignalStore store, Clock clock, Duration every) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.clock = clock;
    this.every = every;
  }

  /** Starts the periodic runs. */
  public void start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> run(clock.instant())
        .onFailure(e -> LOG.warn("Stale-source detection failed; retrying in {} s", every.toSeconds(), e)));
    LOG.info("Stale-source detection runs every {} s", every.toSeconds());
  }

  /** Stops the periodic runs; a run in progress completes. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Runs the detection once as of {@code now}, unless another node is running it, and publishes
   * the changed signals live after the commit. Completes with what changed ({@code ran} false
   * when another node held the lock).
   */
  public Future<RunResult> run(Instant now) {
    return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
            .compose(rows -> rows.iterator().next().getBoolean("locked")
                ? detect(connection, now)
                : Future.succeededFuture(new RunResult(false, List.of(), List.of(), List.of(), List.of()))))
        .onSuccess(result -> {
          result.changed().forEach(store::publish);
          if (!result.changed().isEmpty()) {
            LOG.info("Stale-source detection raised {}, resolved {}, escalated {} and woke {} signals",
                result.raised().size(), result.resolved().size(), result.escalated().size(), result.woken().size());
          }
        });
  }

  private Future<RunResult> detect(SqlConnection connection, Instant now) {
    List<JsonObject> raised = new ArrayList<>();
    List<JsonObject> resolved = new ArrayList<>();
    List<JsonObject> woken = new ArrayList<>();
    List<JsonObject> escalated = new ArrayList<>();
    return resolveFreshSources(connection, now, resolved)
        .compose(v -> raiseQuietSources(connection, now, raised))
        .compose(v -> escalateLongQuiet(connection, now, escalated))
        .compose(v -> wakeSnoozed(connection, now, woken))
        .map(v -> new RunResult(true, raised, resolved, woken, escalated));
  }

  private Future<Void> raiseQuietSources(SqlConnection connection, Instant now, List<JsonObject> raised) {
    return connection.preparedQuery(QUIET_SOURCES).execute(Tuple.of(SignalStore.utc(now), BATCH)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        chain = chain.compose(v -> raiseOne(connection, row, now)).map(signal -> {
          if (signal != null) {
            raised.add(signal);
          }
          return null;
        });
      }
      return chain;
    });
  }

  private Future<JsonObject> raiseOne(SqlConnection connection, Row source, Instant now) {
    return describe(connection, source, now).compose(signal -> SignalStore.raise(connection, signal, now));
  }

  private Future<Void> escalateLongQuiet(SqlConnection connection, Instant now, List<JsonObject> escalated) {
    return connection.preparedQuery(ESCALATE).execute(Tuple.of(SignalStore.utc(now), BATCH, StaleSource.CRITICAL_FACTOR))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row row : rows) {
            String reason = "The source has been quiet for more than " + StaleSource.CRITICAL_FACTOR
                + " times its expected interval.";
            chain = chain.compose(v -> describe(connection, row, now))
                .compose(signal -> SignalStore.update(connection, row.getUUID("signal_id"), signal, reason, now))
                .map(signal -> {
                  if (signal != null) {
                    escalated.add(signal);
                  }
                  return null;
                });
          }
          return chain;
        });
  }

  /** Reads the nodes a quiet source fed and builds its signal as of {@code now}. */
  private Future<SignalStore.NewSignal> describe(SqlConnection connection, Row source, Instant now) {
    String orgId = source.getString("org_id");
    UUID[] nodeIds = source.getArrayOfUUIDs("recent_node_ids");
    return connection.preparedQuery(NODES_FED).execute(Tuple.tuple().addString(orgId).addArrayOfUUID(nodeIds)).compose(nodes -> {
      List<UUID> nodeList = new ArrayList<>();
      List<UUID> unitList = new ArrayList<>();
      JsonArray fed = new JsonArray();
      for (Row node : nodes) {
        nodeList.add(node.getUUID("node_id"));
        UUID unitId = node.getUUID("unit_id");
        if (unitId != null && !unitList.contains(unitId)) {
          unitList.add(unitId);
        }
        fed.add(new JsonObject().put("id", node.getUUID("node_id").toString()).put("key", node.getString("key"))
            .put("kind", node.getString("kind")).put("title", node.getString("title"))
            .put("unitId", unitId == null ? null : unitId.toString()));
      }
      StaleSource stale = new StaleSource(source.getString("source"), source.getString("label"),
          source.getString("kind"), source.getOffsetDateTime("last_seen").toInstant(),
          source.getOffsetDateTime("last_event_time").toInstant(), source.getLong("event_count"),
          source.getDouble("expected").longValue(), source.getBoolean("interval_set"), fed, now);
      return Future.succeededFuture(stale.toSignal(orgId, nodeList, unitList));
    });
  }

  private Future<Void> resolveFreshSources(SqlConnection connection, Instant now, List<JsonObject> resolved) {
    return connection.preparedQuery(FRESH_AGAIN).execute(Tuple.of(SignalStore.utc(now), BATCH)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        String reason = freshReason(row);
        chain = chain.compose(v -> skipChangedMeanwhile(SignalStore.act(connection, row.getString("org_id"),
                row.getUUID("id"), SignalStore.Action.RESOLVE, SignalStore.SYSTEM, reason, null, now)))
            .map(signal -> {
              if (signal != null) {
                resolved.add(signal);
              }
              return null;
            });
      }
      return chain;
    });
  }

  private static String freshReason(Row row) {
    if (row.getOffsetDateTime("last_seen") == null) {
      return "The source was removed from the registry.";
    }
    Instant lastSeen = row.getOffsetDateTime("last_seen").toInstant();
    if (lastSeen.isAfter(row.getOffsetDateTime("episode").toInstant())) {
      return "The source sent again at " + lastSeen + ".";
    }
    return row.getValue("expected") == null
        ? "The source no longer has an expected interval."
        : "The source's expected interval is now " + StaleSource.duration(row.getDouble("expected").longValue())
            + ", so it is no longer overdue.";
  }

  private Future<Void> wakeSnoozed(SqlConnection connection, Instant now, List<JsonObject> woken) {
    return connection.preparedQuery(SNOOZE_OVER).execute(Tuple.of(SignalStore.utc(now), BATCH)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        chain = chain.compose(v -> skipChangedMeanwhile(SignalStore.act(connection, row.getString("org_id"),
                row.getUUID("id"), SignalStore.Action.WAKE, SignalStore.SYSTEM,
                KIND.equals(row.getString("kind")) ? "The snooze ended and the source is still quiet."
                    : "The snooze ended and the condition still holds.", null, now)))
            .map(signal -> {
              if (signal != null) {
                woken.add(signal);
              }
              return null;
            });
      }
      return chain;
    });
  }

  /**
   * Completes with null instead of failing when a person changed the signal between this run's
   * query and its lock (409 {@code signal_state}), so the rest of the run still commits. No SQL
   * statement failed at that point, so the transaction stays usable.
   */
  private static Future<JsonObject> skipChangedMeanwhile(Future<JsonObject> action) {
    return action.recover(e -> e instanceof ApiException api && api.status() == 409
        ? Future.succeededFuture(null)
        : Future.failedFuture(e));
  }
}
