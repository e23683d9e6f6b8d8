package io.momentum.server.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated CloudEvents for the demo organisation to Kafka, so that its boards move on
 * their own: key-result values, KPI measurements, check-ins, finished milestones and work-item
 * changes, each on the topic of its type and keyed by the organisation id. A rate of 0 turns it
 * off. Events go out in ticks of {@value #TICK_MILLIS} ms; when the producer's queue is full, the
 * tick's remaining events are skipped rather than queued.
 */
public final class DemoPublisher extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DemoPublisher.class);
  private static final long TICK_MILLIS = 50;
  /** Failed or skipped sends are logged at most this often. */
  private static final long WARN_INTERVAL_NANOS = 60_000_000_000L;
  /** Maximum events one tick may send after a pause, in seconds of the rate. */
  private static final double MAX_BURST_SECONDS = 1;

  private final Pool pool;
  private final String bootstrapServers;
  private final double eventsPerSecond;
  private final Clock clock;
  private final Random random = new Random();

  private KafkaProducer<String, String> producer;
  private DemoTraffic traffic;
  private TokenBucket budget;
  private long timerId = -1;
  private long sent;
  private long failed;
  private long skipped;
  private long lastReportNanos;
  private boolean reportedBefore;
  private Throwable lastError;

  /**
   * @param eventsPerSecond events per second, fractions allowed; 0 turns the publisher off
   * @throws IllegalArgumentException when the rate is negative, infinite or not a number
   */
  public DemoPublisher(Pool pool, String kafkaBootstrapServers, double eventsPerSecond, Clock clock) {
    if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("The demo event rate must be a finite number of events per second,"
          + " 0 or more, not " + eventsPerSecond);
    }
    this.pool = pool;
    this.bootstrapServers = kafkaBootstrapServers;
    this.eventsPerSecond = eventsPerSecond;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    if (eventsPerSecond == 0) {
      LOG.info("Demo publisher is off (rate 0 events/s)");
      return Future.succeededFuture();
    }
    return PublishableNodes.load(pool, DemoSeeder.ORG_ID, clock.instant(), random)
        .onSuccess(this::startPublishing);
  }

  private void startPublishing(PublishableNodes nodes) {
    if (nodes.isEmpty()) {
      LOG.warn("Demo publisher found nothing to publish in organisation {}; seed the demo first",
          DemoSeeder.ORG_ID);
      return;
    }
    producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", StringSerializer.class.getName(),
        "value.serializer", StringSerializer.class.getName(),
        "acks", "all",
        "linger.ms", "5",
        "client.id", "momentum-demo-publisher"));
    // Each failed send is counted through its future; without this handler every failure would be
    // logged again by the context.
    producer.exceptionHandler(error -> { });

    long now = System.nanoTime();
    traffic = new DemoTraffic(nodes, random, now);
    budget = new TokenBucket(eventsPerSecond, Math.max(1, eventsPerSecond * MAX_BURST_SECONDS), 0, now);
    timerId = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    LOG.info("Demo publisher started: {} events/s to Kafka at {} for organisation {}; {} metric key results, "
            + "{} binary, {} milestone and {} work-item key results, {} KPIs",
        eventsPerSecond, bootstrapServers, DemoSeeder.ORG_ID, nodes.metrics.size(), nodes.binaries.size(),
        nodes.milestones.size(), nodes.workItems.size(), nodes.kpis.size());
  }

  private void tick() {
    long nowNanos = System.nanoTime();
    int count = budget.takeAll(nowNanos);
    Instant now = clock.instant();
    for (int i = 0; i < count; i++) {
      if (producer.writeQueueFull()) {
        skipped += count - i;
        break;
      }
      DemoTraffic.Event event = traffic.next(now, nowNanos);
      if (event != null) {
        send(event);
      }
    }
    if (skipped > 0) {
      warnIfDue(nowNanos);
    }
  }

  private void send(DemoTraffic.Event event) {
    sent++;
    producer.send(KafkaProducerRecord.create(event.type().topic(), DemoSeeder.ORG_ID, event.json().encode()))
        .onFailure(error -> {
          failed++;
          lastError = error;
          warnIfDue(System.nanoTime());
        });
  }

  /** Reports failures and skips unless the last report is less than a minute old. */
  private void warnIfDue(long nowNanos) {
    if (reportedBefore && nowNanos - lastReportNanos < WARN_INTERVAL_NANOS) {
      return;
    }
    reportProblems(nowNanos);
  }

  private void reportProblems(long nowNanos) {
    reportedBefore = true;
    lastReportNanos = nowNanos;
    LOG.warn("Demo publisher: {} events failed to send and {} were skipped because the Kafka producer queue was"
            + " full since the last report; last error: {}", failed, skipped,
        lastError == null ? "none" : lastError.toString());
    failed = 0;
    skipped = 0;
  }

  @Override
  public Future<?> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (producer == null) {
      return Future.succeededFuture();
    }
    if (failed > 0 || skipped > 0) {
      reportProblems(System.nanoTime());
    }
    LOG.info("Demo publisher stopping after {} events", sent);
    return producer.close();
  }
}
