package io.momentum.server.webhooks;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries. Every node runs one: it claims due deliveries from PostgreSQL
 * with a lease (see {@link DeliveryQueries#claim}), makes one attempt each, and records it,
 * rescheduling failed attempts by {@link Backoff}. It looks for work every poll interval and at
 * once when a node publishes on {@link #WAKE_ADDRESS}.
 *
 * <p>A node that stops during an attempt leaves its delivery leased; another node takes it over
 * when the lease ends, so a receiver may get the same delivery twice and should dedupe on the
 * CloudEvent id.
 */
public final class WebhookDispatchVerticle extends VerticleBase {

  /** Event-bus address a node publishes to when it queued deliveries. */
  public static final String WAKE_ADDRESS = "momentum.webhooks.due";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatchVerticle.class);
  /** Most attempts one node has in flight. */
  private static final int MAX_IN_FLIGHT = 64;
  /** How often each node deletes old finished deliveries, and how many at most per run. */
  private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
  private static final int PRUNE_LIMIT = 10_000;
  /** Time a claim stays valid beyond the attempt's timeout before another node may take it over. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  private final DeliveryQueries queries;
  private final WebhookSettings settings;
  private final WebhookMetrics metrics;
  private WebhookSender sender;
  private MessageConsumer<Object> wake;
  private long pollTimer = -1;
  private long pruneTimer = -1;
  private int inFlight;
  private boolean claiming;
  private boolean claimAgain;
  private boolean stopping;

  public WebhookDispatchVerticle(DeliveryQueries queries, WebhookSettings settings, WebhookMetrics metrics) {
    this.queries = queries;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Returns how long a claim lasts: the attempt's timeout and a margin. */
  public static long leaseMillis(WebhookSettings settings) {
    return settings.timeout().plus(LEASE_MARGIN).toMillis();
  }

  @Override
  public Future<?> start() {
    sender = new WebhookSender(vertx, settings, java.time.Clock.systemUTC());
    wake = vertx.eventBus().consumer(WAKE_ADDRESS, message -> claimDue());
    pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> claimDue());
    pruneTimer = vertx.setPeriodic(PRUNE_INTERVAL.toMillis(), id -> pruneFinished());
    LOG.info("Webhook dispatcher started: {}", settings.describe());
    return wake.completion();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(pruneTimer);
    return wake.unregister().eventually(() -> sender.close());
  }

  private void pruneFinished() {
    queries.pruneFinished(settings.keepFinished(), PRUNE_LIMIT)
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.info("Deleted {} webhook deliveries finished more than {} days ago", deleted, settings.keepFinished().toDays());
          }
        })
        .onFailure(e -> LOG.warn("Deleting old webhook deliveries failed; trying again in {}", PRUNE_INTERVAL, e));
  }

  /** Claims due deliveries while this node has free slots; a request during a claim runs it again after. */
  private void claimDue() {
    if (stopping) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    int free = MAX_IN_FLIGHT - inFlight;
    if (free <= 0) {
      return;
    }
    claiming = true;
    claimAgain = false;
    queries.claim(free, settings.maxConcurrentPerSubscription(), leaseMillis(settings))
        .onSuccess(this::sendAll)
        .onFailure(e -> LOG.warn("Claiming due webhook deliveries failed; trying again in {} ms",
            settings.pollInterval().toMillis(), e))
        .onComplete(ar -> {
          claiming = false;
          boolean full = ar.succeeded() && ar.result().size() == free;
          if (claimAgain || full) {
            vertx.runOnContext(v -> claimDue());
          }
        });
  }

  private void sendAll(List<DeliveryQueries.Claimed> claimed) {
    for (DeliveryQueries.Claimed delivery : claimed) {
      inFlight++;
      attempt(delivery).onComplete(ar -> {
        inFlight--;
        // A finished attempt frees a slot of its subscription, so queued deliveries may go now.
        claimDue();
      });
    }
  }

  private final FailureLog failureLog = new FailureLog();

  /** Sends one claimed delivery and records the attempt. */
  private Future<Void> attempt(DeliveryQueries.Claimed delivery) {
    WebhookSender.Request request = new WebhookSender.Request(delivery.url(), delivery.secret(),
        delivery.id().toString(), delivery.eventType(), delivery.body().getBytes(StandardCharsets.UTF_8));
    return sender.send(request)
        .compose(outcome -> {
          metrics.attempt(outcome);
          Duration retry = outcome.delivered() ? null
              : Backoff.delay(settings.retryDelays(), delivery.attempt(), delivery.maxAttempts(), outcome.retryAfter());
          log(delivery, outcome, retry);
          return queries.finish(delivery, outcome, retry == null ? null : retry.toMillis());
        })
        .onFailure(e -> LOG.error("Recording attempt {} of webhook delivery {} (subscription {}, organisation {}) failed;"
            + " the delivery is tried again when its lease ends", delivery.attempt(), delivery.id(),
            delivery.subscriptionId(), delivery.orgId(), e));
  }

  private void log(DeliveryQueries.Claimed delivery, WebhookSender.Outcome outcome, Duration retry) {
    String result = outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
    if (outcome.delivered()) {
      LOG.debug("Webhook delivery {} ({}) of subscription {} delivered on attempt {}: {}", delivery.id(),
          delivery.eventType(), delivery.subscriptionId(), delivery.attempt(), result);
    } else if (retry != null) {
      int left = failureLog.quietCount(delivery.subscriptionId(), System.currentTimeMillis());
      if (left >= 0) {
        LOG.warn("Webhook delivery {} ({}) of subscription {} in organisation {}: attempt {} of {} failed ({});"
                + " retrying in {} ms ({} more failed attempts of this subscription were not logged in the last minute)",
            delivery.id(), delivery.eventType(), delivery.subscriptionId(), delivery.orgId(), delivery.attempt(),
            delivery.maxAttempts(), result, retry.toMillis(), left);
      }
    } else {
      metrics.deliveryFailed();
      LOG.warn("Webhook delivery {} ({}) of subscription {} in organisation {} failed after {} attempts; last: {}",
          delivery.id(), delivery.eventType(), delivery.subscriptionId(), delivery.orgId(), delivery.attempt(), result);
    }
  }

  /**
   * Limiter of failed-attempt log lines to one per subscription and minute, because an endpoint
   * that is down fails every delivery queued for it.
   */
  private static final class FailureLog {
    private static final long WINDOW_MILLIS = 60_000;
    private final Map<UUID, long[]> windows = new HashMap<>();

    /**
     * Returns how many failures of the subscription were left out since its last logged line, or
     * -1 when this failure is to be left out as well.
     */
    int quietCount(UUID subscriptionId, long now) {
      windows.values().removeIf(window -> now - window[0] > 10 * WINDOW_MILLIS);
      long[] window = windows.get(subscriptionId);
      if (window == null || now - window[0] >= WINDOW_MILLIS) {
        int left = window == null ? 0 : (int) window[1];
        windows.put(subscriptionId, new long[] {now, 0});
        return left;
      }
      window[1]++;
      return -1;
    }
  }
}
