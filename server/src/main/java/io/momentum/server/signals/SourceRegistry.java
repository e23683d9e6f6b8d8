package io.momentum.server.signals;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Ids;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of the value-source registry: every source that sent values to an organisation, with
 * its freshness, and the expected interval and label a person may set. The ingest fills the
 * registry ({@code db/PgEventStore}); the {@link StaleSourceDetector} reads it.
 */
public final class SourceRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SourceRegistry.class);

  /** Source kinds, derived from the source URI by the SQL function {@code value_source_kind}. */
  public static final List<String> KINDS = List.of("person", "token", "jira", "azure_devops", "batch_feed", "sql_feed",
      "demo", "system", "service");
  /** Freshness states of a source. */
  public static final List<String> STATES = List.of("fresh", "stale", "no_expectation");
  /** Bounds of an expected interval a person sets: a minute to a year (366 days). */
  public static final int MIN_INTERVAL_SECONDS = 60;
  public static final int MAX_INTERVAL_SECONDS = 31_622_400;
  static final int MAX_LABEL_LENGTH = 120;

  /**
   * The label of a source (table alias {@code s}): the one a person set, else the name of the
   * connection, SQL feed, person or API token in its URN, else the URN without its {@code urn:} prefix.
   */
  static final String LABEL = "coalesce(s.label, lc.name, lf.name, lu.name, lt.name, regexp_replace(s.source, '^urn:(momentum:)?', ''))";

  /** Joins that {@link #LABEL} reads; the id is the last UUID of the URN. */
  static final String LABEL_JOINS = """

      LEFT JOIN integration_connections lc ON lc.org_id = s.org_id AND s.kind IN ('jira', 'azure_devops')
           AND lc.id::text = substring(s.source from '([0-9a-f-]{36})$')
      LEFT JOIN sql_feeds lf ON lf.org_id = s.org_id AND s.kind = 'sql_feed'
           AND lf.id::text = substring(s.source from '([0-9a-f-]{36})$')
      LEFT JOIN users lu ON lu.org_id = s.org_id AND s.source ~ '^urn:momentum:(feed:[a-z]+:)?user:'
           AND lu.id::text = substring(s.source from '([0-9a-f-]{36})$')
      LEFT JOIN api_tokens lt ON lt.org_id = s.org_id AND s.source ~ '^urn:momentum:(feed:[a-z]+:)?token:'
           AND lt.id::text = substring(s.source from '([0-9a-f-]{36})$')
      """;

  private static final String EXPECTED = "CASE WHEN s.kind IN ('person', 'system') THEN NULL"
      + " ELSE coalesce(s.expected_interval_secs, value_source_learned_interval(s.recent_gaps)) END";

  private static final String SELECT = "SELECT * FROM (SELECT s.id, s.source, s.kind, s.label AS custom_label, "
      + LABEL + " AS label, s.first_seen, s.last_seen, s.last_event_time, s.event_count, s.expected_interval_secs, "
      + "value_source_learned_interval(s.recent_gaps) AS learned, cardinality(s.recent_gaps) AS gap_count, "
      + EXPECTED + " AS expected, "
      + "CASE WHEN " + EXPECTED + " IS NULL THEN 'no_expectation' WHEN s.last_seen + " + EXPECTED
      + " * interval '1 second' < $2 THEN 'stale' ELSE 'fresh' END AS state, "
      + "ARRAY(SELECT jsonb_build_object('id', n.node_id, 'key', n.key, 'kind', n.kind) FROM node_keys n"
      + " WHERE n.org_id = s.org_id AND n.node_id = ANY(s.recent_node_ids) ORDER BY n.key) AS nodes, "
      + "(SELECT jsonb_build_object('id', g.id, 'state', g.state) FROM signals g WHERE g.org_id = s.org_id"
      + " AND g.fingerprint = 'stale_source:' || s.source AND g.state <> 'resolved') AS signal"
      + " FROM value_sources s" + LABEL_JOINS + " WHERE s.org_id = $1) x";

  private final Pool pool;
  private final Clock clock;

  public SourceRegistry(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/sources").handler(this::list);
    router.get("/api/v1/sources/:id").handler(this::get);
    router.patch("/api/v1/sources/:id").handler(this::patch);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String state = oneOf(query, "state", STATES);
    String kind = oneOf(query, "kind", KINDS);
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    pool.preparedQuery(SELECT + " WHERE ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR kind = $4)"
            + " AND ($5::text IS NULL OR source > $5) ORDER BY source LIMIT $6")
        .execute(Tuple.of(caller.orgId(), SignalStore.utc(clock.instant()), state, kind, after, limit + 1))
        .map(rows -> {
          JsonArray items = new JsonArray();
          String last = null;
          for (Row row : rows) {
            if (items.size() == limit) {
              break;
            }
            items.add(toJson(row));
            last = row.getString("source");
          }
          return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? last : null);
        })
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static String oneOf(QueryParams query, String name, List<String> allowed) {
    String value = query.text(name);
    if (value != null && !allowed.contains(value)) {
      query.reject(name, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return value;
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    read(caller.orgId(), id).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private Future<JsonObject> read(String orgId, UUID id) {
    return pool.preparedQuery(SELECT + " WHERE id = $3").execute(Tuple.of(orgId, SignalStore.utc(clock.instant()), id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.notFound("Source " + id))
            : Future.succeededFuture(toJson(rows.iterator().next())));
  }

  /**
   * Sets the expected interval ({@code expectedIntervalSeconds}; null learns it again) and the
   * label ({@code label}; null goes back to the derived one). People have no expected interval,
   * because the check-in cadence decides when they are due.
   */
  private void patch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    BodyReader body = BodyReader.of(ctx);
    boolean setsInterval = body.has("expectedIntervalSeconds");
    boolean setsLabel = body.has("label");
    Integer interval = body.integer("expectedIntervalSeconds", MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS, false);
    String label = body.text("label", MAX_LABEL_LENGTH, false);
    if (!setsInterval && !setsLabel) {
      body.reject("body", "missing", "must set expectedIntervalSeconds, label or both", null);
    }
    body.finish();
    pool.withTransaction(connection -> connection.preparedQuery(
                "SELECT kind FROM value_sources WHERE org_id = $1 AND id = $2 FOR UPDATE")
            .execute(Tuple.of(caller.orgId(), id))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ApiException.notFound("Source " + id));
              }
              String kind = rows.iterator().next().getString("kind");
              if (setsInterval && interval != null && ("person".equals(kind) || "system".equals(kind))) {
                return Future.failedFuture(ApiException.invalid("expectedIntervalSeconds", "no_expectation",
                    "cannot be set for a " + kind + " source: " + ("person".equals(kind)
                        ? "the check-in cadence decides when a person is due"
                        : "Momentum writes it only when something happens, such as closing a cycle"),
                    new JsonObject().put("kind", kind)));
              }
              return connection.preparedQuery("UPDATE value_sources SET"
                      + " expected_interval_secs = CASE WHEN $3 THEN $4 ELSE expected_interval_secs END,"
                      + " label = CASE WHEN $5 THEN $6 ELSE label END, updated_at = now()"
                      + " WHERE org_id = $1 AND id = $2")
                  .execute(Tuple.of(caller.orgId(), id, setsInterval, interval, setsLabel, label));
            }))
        .compose(v -> read(caller.orgId(), id))
        .onSuccess(json -> {
          LOG.info("Source {} of organisation {} changed by {}: expected interval {}, label {}", json.getString("source"),
              caller.orgId(), caller.source(), setsInterval ? interval : "unchanged", setsLabel ? "set" : "unchanged");
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Reads the labels of some sources of an organisation, for the cards of a board; sources not
   * in the registry are missing from the result.
   */
  public Future<JsonObject> labels(String orgId, Collection<String> sources) {
    if (sources.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    return pool.preparedQuery("SELECT s.source, s.kind, " + LABEL + " AS label FROM value_sources s" + LABEL_JOINS
            + " WHERE s.org_id = $1 AND s.source = ANY($2::text[])")
        .execute(Tuple.tuple().addString(orgId).addArrayOfString(sources.toArray(String[]::new)))
        .map(rows -> {
          JsonObject labels = new JsonObject();
          for (Row row : rows) {
            labels.put(row.getString("source"), new JsonObject().put("label", row.getString("label"))
                .put("kind", row.getString("kind")));
          }
          return labels;
        });
  }

  /** Returns {@code set} or {@code learned}, or null for a source without an expected interval. */
  private static String intervalOrigin(boolean expected, boolean setByPerson) {
    if (!expected) {
      return null;
    }
    return setByPerson ? "set" : "learned";
  }

  private static JsonObject toJson(Row row) {
    JsonArray nodes = new JsonArray();
    Object[] nodeValues = row.getArrayOfJsonObjects("nodes");
    for (Object node : nodeValues) {
      nodes.add(node);
    }
    Object signal = row.getValue("signal");
    Integer setInterval = row.getInteger("expected_interval_secs");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("source", row.getString("source"))
        .put("kind", row.getString("kind"))
        .put("label", row.getString("label"))
        .put("customLabel", row.getString("custom_label"))
        .put("firstSeen", SignalStore.instant(row.getOffsetDateTime("first_seen")))
        .put("lastSeen", SignalStore.instant(row.getOffsetDateTime("last_seen")))
        .put("lastEventTime", SignalStore.instant(row.getOffsetDateTime("last_event_time")))
        .put("eventCount", row.getLong("event_count"))
        .put("expectedIntervalSeconds", row.getValue("expected") == null ? null : (long) Math.ceil(row.getDouble("expected")))
        .put("intervalOrigin", intervalOrigin(row.getValue("expected") != null, setInterval != null))
        .put("learnedIntervalSeconds", row.getValue("learned") == null ? null : (long) Math.ceil(row.getDouble("learned")))
        .put("gapsSeen", row.getInteger("gap_count"))
        .put("state", row.getString("state"))
        .put("nodes", nodes)
        .put("signal", signal instanceof JsonObject json ? json : null);
  }
}
