package io.momentum.server.assist.briefs;

import io.momentum.server.decisions.Decision;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the briefs of due schedules. Every node runs the scheduler. A pass claims due
 * schedules under a PostgreSQL transaction-level advisory lock and moves their next run on in the
 * same transaction, so each scheduled run happens on one node only. The briefs are generated
 * after the commit, one after the other. A failed run is recorded on the schedule and not retried
 * before its next run.
 */
public final class BriefScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(BriefScheduler.class);

  /** Key of the advisory lock that serialises claims across nodes. */
  static final long LOCK_KEY = 0x6d6f6d5f62726673L;
  /** Most schedules claimed per pass; the next pass takes the rest. */
  static final int BATCH = 20;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

  private final Vertx vertx;
  private final Pool pool;
  private final BriefService briefs;
  private final BriefSchedules schedules;
  private final Clock clock;
  private final Duration every;
  private long timer = -1;

  public BriefScheduler(Vertx vertx, Pool pool, BriefService briefs, Clock clock, Duration every) {
    this.vertx = vertx;
    this.pool = pool;
    this.briefs = briefs;
    this.schedules = new BriefSchedules(pool);
    this.clock = clock;
    this.every = every;
  }

  /** Starts the periodic passes. */
  public void start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> run(clock.instant())
        .onFailure(e -> LOG.warn("Brief schedule pass failed; retrying in {} s", every.toSeconds(), e)));
    LOG.info("Brief schedules are checked every {} s", every.toSeconds());
  }

  /** Stops the periodic passes; a pass in progress completes. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Runs one pass as of {@code now}: claims the due schedules (none when another node holds the
   * lock) and generates their briefs. Completes with the ids of the briefs generated.
   */
  public Future<List<UUID>> run(Instant now) {
    return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
            .compose(rows -> rows.iterator().next().getBoolean("locked")
                ? BriefSchedules.claimDue(connection, now, BATCH)
                : Future.succeededFuture(List.<JsonObject>of())))
        .compose(due -> {
          List<UUID> generated = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (JsonObject schedule : due) {
            chain = chain.compose(v -> generate(schedule, now).map(id -> {
              if (id != null) {
                generated.add(id);
              }
              return null;
            }));
          }
          return chain.map(v -> generated);
        });
  }

  /** Generates one scheduled brief and records the outcome; completes with the brief id, or null after a failure. */
  private Future<UUID> generate(JsonObject schedule, Instant now) {
    String orgId = schedule.getString("orgId");
    UUID scheduleId = UUID.fromString(schedule.getString("id"));
    ZoneId zone = ZoneId.of(schedule.getString("timeZone"));
    return briefs.currentCycle(orgId, now.atZone(zone).toLocalDate())
        .compose(cycleId -> {
          if (cycleId == null) {
            return Future.failedFuture(new IllegalStateException("the organisation has no open cycle on "
                + now.atZone(zone).toLocalDate() + "; open one under Cycles"));
          }
          return briefs.generate(new BriefService.Request(orgId, BriefKind.fromWire(schedule.getString("kind")),
              UUID.fromString(schedule.getString("unitId")), cycleId, schedule.getString("language"), null, "schedule",
              scheduleId, Decision.SYSTEM, "Momentum"));
        })
        .compose(brief -> {
          UUID briefId = UUID.fromString(brief.getString("id"));
          return schedules.recordResult(scheduleId, briefId, null).map(briefId);
        })
        .recover(e -> {
          LOG.warn("Scheduled {} brief of schedule {} in organisation {} failed", schedule.getString("kind"), scheduleId,
              orgId, e);
          String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
          return schedules.recordResult(scheduleId, null, reason.length() > 500 ? reason.substring(0, 500) : reason)
              .map(v -> (UUID) null);
        });
  }
}
