package io.momentum.server.feeds;

import io.momentum.server.events.EventPublisher;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.http.ApiException;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL feeds and records their runs. A run is claimed first: one UPDATE on the feed's row
 * sets a lease, so that only one run of a feed goes on at a time across every node sharing the
 * database. The run then reads the rows, checks them all, publishes every value or none, records
 * the outcome in {@code sql_feed_runs} and releases the lease. Every failure is recorded and
 * logged once; none escapes to the caller.
 */
public final class SqlFeedRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SqlFeedRunner.class);

  /** Time a lease outlasts the query's timeout, for connecting, checking and publishing. */
  static final int LEASE_MARGIN_SECONDS = 300;
  /** Most row errors stored with a rejected run; the run records the total count too. */
  static final int MAX_STORED_ROW_ERRORS = 100;

  static final String FEED_COLUMNS = "id, org_id, name, host, port, database_name, username, password, ssl_mode, query,"
      + " kpi_column, value_column, time_column, interval_minutes, timeout_seconds, max_rows, enabled, next_run_at,"
      + " lease_until, running_run_id, created_at, updated_at, version";
  static final String RUN_COLUMNS = "id, feed_id, trigger, status, started_at, finished_at, rows_read, values_published,"
      + " error_code, error_message, error_count, row_errors";

  private static final String LEASE = "lease_until = now() + make_interval(secs => timeout_seconds + "
      + LEASE_MARGIN_SECONDS + ")";
  private static final String FREE = "(lease_until IS NULL OR lease_until < now())";

  /** A claimed run: the feed's id, organisation and settings, and the run's id. */
  record Claim(UUID feedId, String orgId, UUID runId, SqlFeedSettings feed) {
  }

  private final Pool pool;
  private final SqlFeedSource source;
  private final MeasurementFeed measurements;
  private final SqlFeedRows rowReader;
  private final Clock clock;

  public SqlFeedRunner(Vertx vertx, Pool pool, EventPublisher publisher, Clock clock) {
    this.pool = pool;
    this.source = new SqlFeedSource(vertx);
    this.measurements = new MeasurementFeed(pool, publisher, clock);
    this.rowReader = new SqlFeedRows(new EntryRules(clock));
    this.clock = clock;
  }

  /**
   * Claims a run of one feed of the organisation, whether enabled or not, and records it as
   * running.
   *
   * @return the claim, or null when the feed is running already; a failed future with 404 when the
   *     organisation has no such feed
   */
  Future<Claim> claim(String orgId, UUID feedId) {
    UUID runId = UUID.randomUUID();
    return pool.withTransaction(connection -> connection.preparedQuery("UPDATE sql_feeds SET " + LEASE
                + ", running_run_id = $3 WHERE org_id = $1 AND id = $2 AND " + FREE + " RETURNING " + FEED_COLUMNS)
            .execute(Tuple.of(orgId, feedId, runId))
            .compose(rows -> {
              if (rows.size() > 0) {
                Row row = rows.iterator().next();
                return insertRuns(connection, List.of(runId), "manual").map(new Claim(feedId, orgId, runId, SqlFeedSettings.of(row)));
              }
              return connection.preparedQuery("SELECT 1 FROM sql_feeds WHERE org_id = $1 AND id = $2")
                  .execute(Tuple.of(orgId, feedId))
                  .compose(found -> found.size() == 0
                      ? Future.failedFuture(ApiException.notFound("SQL feed " + feedId))
                      : Future.<Claim>succeededFuture(null));
            }));
  }

  /**
   * Claims up to {@code limit} enabled feeds whose next run is due, in every organisation, moves
   * their next run one interval ahead and records their runs as running. Feeds that another node
   * is claiming at the same moment are skipped.
   */
  public Future<List<Claim>> claimDue(int limit) {
    return pool.withTransaction(connection -> connection.preparedQuery("UPDATE sql_feeds SET " + LEASE
                + ", running_run_id = gen_random_uuid(), next_run_at = now() + make_interval(mins => interval_minutes)"
                + " WHERE id IN (SELECT id FROM sql_feeds WHERE enabled AND next_run_at <= now() AND " + FREE
                + " ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING " + FEED_COLUMNS)
            .execute(Tuple.of(limit))
            .compose(rows -> {
              List<Claim> claims = new ArrayList<>();
              for (Row row : rows) {
                claims.add(new Claim(row.getUUID("id"), row.getString("org_id"), row.getUUID("running_run_id"),
                    SqlFeedSettings.of(row)));
              }
              return claims.isEmpty() ? Future.succeededFuture(claims)
                  : insertRuns(connection, claims.stream().map(Claim::runId).toList(), "schedule").map(claims);
            }));
  }

  private static Future<Void> insertRuns(SqlClient connection, List<UUID> runIds, String trigger) {
    return connection.preparedQuery("INSERT INTO sql_feed_runs (id, org_id, feed_id, trigger, status)"
            + " SELECT running_run_id, org_id, id, $2, 'running' FROM sql_feeds WHERE running_run_id = ANY($1)")
        .execute(Tuple.of(runIds.toArray(UUID[]::new), trigger))
        .mapEmpty();
  }

  /**
   * Records as failed the runs whose node stopped before finishing them (their lease expired),
   * and frees their feeds.
   *
   * @return the number of runs recorded as interrupted
   */
  public Future<Integer> releaseAbandoned() {
    return pool.withTransaction(connection -> connection.query("UPDATE sql_feed_runs r SET status = 'failed',"
                + " finished_at = now(), error_code = 'interrupted', error_message = 'The node running this feed stopped"
                + " before the run finished' FROM sql_feeds f WHERE f.running_run_id = r.id AND f.lease_until < now()"
                + " AND r.status = 'running'")
            .execute()
            .compose(runs -> connection.query("UPDATE sql_feeds SET lease_until = NULL, running_run_id = NULL"
                    + " WHERE lease_until < now()").execute()
                .map(runs.rowCount())));
  }

  /**
   * Runs a claimed feed to the end and records the outcome. The future succeeds with the recorded
   * run even when the run failed, and with a run still shown as running when recording it failed.
   */
  public Future<JsonObject> run(Claim claim) {
    Instant pullTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    long started = System.nanoTime();
    return source.read(claim.feed(), claim.feed().maxRows())
        .compose(result -> publishRows(claim, result, pullTime))
        .recover(failure -> Future.succeededFuture(Outcome.of(failure, claim)))
        .compose(outcome -> finish(claim, outcome, (System.nanoTime() - started) / 1_000_000))
        .recover(failure -> {
          LOG.error("Recording run {} of SQL feed {} in organisation {} failed", claim.runId(), claim.feedId(),
              claim.orgId(), failure);
          return Future.succeededFuture(new JsonObject().put("id", claim.runId().toString()).put("status", "running"));
        });
  }

  /**
   * Reads a sample of the feed's rows and shows what each would become, publishing nothing.
   *
   * @return {@code columns}, {@code rows} (each with its {@code row} number, the {@code values} of
   *     its cells, the {@code mapped} KPI, value and time, and its {@code errors}) and
   *     {@code more}; or a failed future with a {@link SqlFeedSource.ReadFailure}
   */
  Future<JsonObject> preview(String orgId, SqlFeedSettings feed, int limit) {
    Instant pullTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return source.read(feed, limit).compose(result -> {
      SqlFeedRows.requireColumns(feed, result.columns());
      SqlFeedRows.Read read = rowReader.read(feed, result.rows(), pullTime);
      return measurements.validate(orgId, null, "a preview of SQL feed settings", naming(UUID.randomUUID()), read.entries(),
              read.errors())
          .map(events -> List.<FieldError>of())
          .recover(failure -> failure instanceof ApiException api && api.status() == 400
              ? Future.succeededFuture(api.fields()) : Future.failedFuture(failure))
          .map(errors -> SqlFeedPreview.toJson(result, read, errors));
    });
  }

  private Future<Outcome> publishRows(Claim claim, SqlFeedSource.Result result, Instant pullTime) {
    int rowsRead = result.rows().size();
    if (result.more()) {
      return Future.succeededFuture(Outcome.failed("too_many_rows", rowsRead, "The query returned more than the feed's limit"
          + " of " + claim.feed().maxRows() + " rows, so nothing was published; filter or aggregate the rows in the query,"
          + " or raise maxRows (at most " + SqlFeedSettings.MAX_ROWS + ")"));
    }
    SqlFeedRows.requireColumns(claim.feed(), result.columns());
    SqlFeedRows.Read read = rowReader.read(claim.feed(), result.rows(), pullTime);
    String origin = "SQL feed " + claim.feedId() + " (run " + claim.runId() + ")";
    return measurements.validate(claim.orgId(), null, origin, naming(claim.feedId()), read.entries(), read.errors())
        .compose(events -> measurements.publishEvents(claim.orgId(), origin, events))
        .map(events -> Outcome.succeeded(rowsRead, events.size()))
        .recover(failure -> failure instanceof ApiException api && api.status() == 400
            ? Future.succeededFuture(Outcome.rejected(rowsRead, api.fields()))
            : Future.failedFuture(failure));
  }

  private Future<JsonObject> finish(Claim claim, Outcome outcome, long millis) {
    List<FieldError> stored = outcome.rowErrors().subList(0, Math.min(MAX_STORED_ROW_ERRORS, outcome.rowErrors().size()));
    JsonArray rowErrors = new JsonArray();
    stored.forEach(error -> rowErrors.add(error.toJson()));
    log(claim, outcome, millis);
    return pool.withTransaction(connection -> connection.preparedQuery("UPDATE sql_feed_runs SET status = $2,"
                + " finished_at = now(), rows_read = $3, values_published = $4, error_code = $5, error_message = $6,"
                + " error_count = $7, row_errors = $8 WHERE id = $1 RETURNING " + RUN_COLUMNS)
            .execute(Tuple.from(new Object[] {claim.runId(), outcome.status(), outcome.rowsRead(), outcome.published(),
                outcome.code(), outcome.message(), outcome.rowErrors().isEmpty() ? null : outcome.rowErrors().size(),
                rowErrors.isEmpty() ? null : rowErrors}))
            .compose(runs -> connection.preparedQuery("UPDATE sql_feeds SET lease_until = NULL, running_run_id = NULL"
                    + " WHERE id = $1 AND running_run_id = $2").execute(Tuple.of(claim.feedId(), claim.runId()))
                .map(v -> runs.size() == 0 ? new JsonObject().put("id", claim.runId().toString()).put("status", outcome.status())
                    : run(runs.iterator().next()))));
  }

  private static void log(Claim claim, Outcome outcome, long millis) {
    switch (outcome.status()) {
      case "succeeded" -> LOG.info("SQL feed {} of organisation {} (run {}) read {} rows and published {} values in {} ms",
          claim.feedId(), claim.orgId(), claim.runId(), outcome.rowsRead(), outcome.published(), millis);
      case "rejected" -> LOG.warn("SQL feed {} of organisation {} (run {}) published nothing: {} of {} rows are invalid,"
              + " first {}: {}", claim.feedId(), claim.orgId(), claim.runId(), outcome.rowErrors().size(), outcome.rowsRead(),
          outcome.rowErrors().get(0).field(), outcome.rowErrors().get(0).message());
      default -> LOG.warn("SQL feed {} of organisation {} (run {}) failed after {} ms: {}: {}", claim.feedId(), claim.orgId(),
          claim.runId(), millis, outcome.code(), outcome.message());
    }
  }

  /**
   * Names the events of a SQL feed. The feed is the source of every value. The id is derived
   * from the feed, the KPI and the observation time, so pulling the same rows again publishes the
   * same ids and the pipeline stores each value once. Two rows with the same KPI and time are an
   * error, because one of them would be dropped.
   */
  static MeasurementFeed.EventNaming naming(UUID feedId) {
    String source = source(feedId);
    return new MeasurementFeed.EventNaming() {
      @Override
      public String source(FeedEntry entry) {
        return source;
      }

      @Override
      public String id(UUID kpiId, FeedEntry entry) {
        return eventId(feedId, kpiId, entry.time());
      }

      @Override
      public FieldError repeated(FeedEntry entry, FeedEntry earlier) {
        int earlierRow = ((SqlFeedRows.RowPlace) earlier.place()).row();
        return entry.place().error("time", "repeated_row", "repeats the KPI and time of row " + earlierRow
            + "; a KPI takes one value per time, so aggregate such rows in the query");
      }
    };
  }

  /** Returns the source recorded on every value of a SQL feed. */
  public static String source(UUID feedId) {
    return "urn:momentum:sql-feed:" + feedId;
  }

  /** Derives the event id of a SQL feed's value from the feed, the KPI and the observation time. */
  static String eventId(UUID feedId, UUID kpiId, Instant time) {
    String identity = feedId + "\n" + kpiId + "\n" + time;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "sql-feed-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Returns a run of {@code sql_feed_runs} as the API shows it. */
  static JsonObject run(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("feedId", row.getUUID("feed_id").toString())
        .put("trigger", row.getString("trigger"))
        .put("status", row.getString("status"))
        .put("startedAt", GoalJson.time(row, "started_at"))
        .put("finishedAt", GoalJson.time(row, "finished_at"))
        .put("rowsRead", row.getInteger("rows_read"))
        .put("valuesPublished", row.getInteger("values_published"))
        .put("errorCode", row.getString("error_code"))
        .put("errorMessage", row.getString("error_message"))
        .put("errorCount", row.getInteger("error_count"))
        .put("rowErrors", row.getJsonArray("row_errors") == null ? new JsonArray() : row.getJsonArray("row_errors"));
  }

  /** End state of a run: {@code succeeded}, {@code rejected} (invalid rows, nothing published) or {@code failed}. */
  private record Outcome(String status, Integer rowsRead, Integer published, String code, String message,
                         List<FieldError> rowErrors) {

    static Outcome succeeded(int rowsRead, int published) {
      return new Outcome("succeeded", rowsRead, published, null, null, List.of());
    }

    static Outcome rejected(int rowsRead, List<FieldError> errors) {
      return new Outcome("rejected", rowsRead, 0, "invalid_rows", errors.size() + " of " + rowsRead
          + " rows are invalid, so nothing was published; fix the rows or the query and run the feed again", errors);
    }

    static Outcome failed(String code, Integer rowsRead, String message) {
      return new Outcome("failed", rowsRead, 0, code, message, List.of());
    }

    static Outcome of(Throwable failure, Claim claim) {
      if (failure instanceof SqlFeedSource.ReadFailure read) {
        return failed(read.code(), null, read.getMessage());
      }
      LOG.error("Run {} of SQL feed {} in organisation {} failed unexpectedly", claim.runId(), claim.feedId(), claim.orgId(),
          failure);
      return failed("publish_failed", null, "Publishing the values failed inside Momentum, so none was published;"
          + " the feed runs again at its next time, or run it now");
    }
  }
}
