package io.momentum.server.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Meters of outbound webhooks, under {@code momentum.webhooks}. */
public final class WebhookMetrics {

  private final Counter attemptsDelivered;
  private final Counter attemptsFailed;
  private final Counter deliveriesFailed;
  private final Counter queued;
  private final Counter invalidRecords;
  private final Timer attemptDuration;

  public WebhookMetrics(MeterRegistry registry) {
    attemptsDelivered = Counter.builder("momentum.webhooks.attempts").tag("outcome", "delivered")
        .description("HTTP attempts of outbound webhooks, by outcome").register(registry);
    attemptsFailed = Counter.builder("momentum.webhooks.attempts").tag("outcome", "failed")
        .description("HTTP attempts of outbound webhooks, by outcome").register(registry);
    deliveriesFailed = Counter.builder("momentum.webhooks.deliveries.failed")
        .description("Deliveries that used all their attempts without a 2xx response").register(registry);
    queued = Counter.builder("momentum.webhooks.deliveries.queued")
        .description("Deliveries queued from the change topic").register(registry);
    invalidRecords = Counter.builder("momentum.webhooks.records.invalid")
        .description("Records of the change topic skipped because they are not valid CloudEvents").register(registry);
    attemptDuration = Timer.builder("momentum.webhooks.attempt.duration")
        .description("Duration of outbound webhook attempts, including failed ones").register(registry);
  }

  /** Counts one attempt and its duration. */
  public void attempt(WebhookSender.Outcome outcome) {
    (outcome.delivered() ? attemptsDelivered : attemptsFailed).increment();
    attemptDuration.record(outcome.durationMs(), TimeUnit.MILLISECONDS);
  }

  /** Counts a delivery that ended failed. */
  public void deliveryFailed() {
    deliveriesFailed.increment();
  }

  /** Counts deliveries queued from the topic. */
  public void queued(int count) {
    queued.increment(count);
  }

  /** Counts a skipped record. */
  public void invalidRecord() {
    invalidRecords.increment();
  }
}
