package io.momentum.server.feeds;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runs of SQL feeds whose time has come. Every node runs one scheduler: each tick it
 * records the runs of stopped nodes as interrupted, then claims due feeds with
 * {@code FOR UPDATE SKIP LOCKED} and runs them, so that several nodes share the work and never
 * run one feed twice at a time.
 */
public final class SqlFeedScheduler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SqlFeedScheduler.class);

  /** Time between two looks for due feeds, so a feed runs at most this late. */
  public static final long TICK_MILLIS = 5_000;
  /** Most feeds one node claims per tick; the others wait for the next tick or another node. */
  static final int CLAIMS_PER_TICK = 4;

  private final SqlFeedRunner runner;
  private long timer = -1;
  private boolean ticking;

  public SqlFeedScheduler(SqlFeedRunner runner) {
    this.runner = runner;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    LOG.info("SQL feed scheduler started, looking for due feeds every {} ms", TICK_MILLIS);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Claims and runs the due feeds; skipped while the previous tick is still claiming. */
  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    runner.releaseAbandoned()
        .onSuccess(interrupted -> {
          if (interrupted > 0) {
            LOG.warn("Recorded {} SQL feed runs as interrupted, because the node running them stopped", interrupted);
          }
        })
        .compose(v -> runner.claimDue(CLAIMS_PER_TICK))
        .onSuccess(this::runAll)
        .onFailure(failure -> LOG.warn("Looking for due SQL feeds failed; trying again in {} ms", TICK_MILLIS, failure))
        .onComplete(done -> ticking = false);
  }

  private void runAll(List<SqlFeedRunner.Claim> claims) {
    for (SqlFeedRunner.Claim claim : claims) {
      LOG.debug("Run {} of SQL feed {} in organisation {} is due", claim.runId(), claim.feedId(), claim.orgId());
      runner.run(claim);
    }
  }
}
