package io.momentum.streams.load;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@code momentum.keyresult.value} events to Kafka at a fixed rate from one thread,
 * round-robin over the target key results. Each event's {@code time} is its intended send time
 * from the {@link RateSchedule}, so time the sender or the producer spent behind schedule counts
 * as latency.
 */
final class ProgressSender implements AutoCloseable {

  /**
   * Counts of one step's sends. The measured counts cover events due in the measured part: sent
   * ones only when {@code send} returned before that part ended, acknowledged ones whenever Kafka
   * acknowledged them. Rates divide by the measured seconds.
   */
  record Outcome(long sent, long acknowledged, long failed, long sentMeasured, long acknowledgedMeasured,
                 double measuredSeconds, long maxBehindMicros, String firstError) {

    double sentPerSecond() {
      return measuredSeconds > 0 ? sentMeasured / measuredSeconds : 0;
    }

    double acknowledgedPerSecond() {
      return measuredSeconds > 0 ? acknowledgedMeasured / measuredSeconds : 0;
    }
  }

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final String orgId;
  private final String sourceJson;
  private final List<OrgCatalog.Target> targets;
  private final String[] subjectJson;
  private final EventTimes times = new EventTimes();
  private final Map<String, Long> valueCounters = new HashMap<>();
  private long sequence;

  ProgressSender(LoadOptions options, String source, List<OrgCatalog.Target> targets) {
    this.topic = options.topic();
    this.orgId = options.orgId();
    this.sourceJson = JsonText.quote(source);
    this.targets = targets;
    this.subjectJson = targets.stream().map(t -> JsonText.quote(t.key())).toArray(String[]::new);
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, options.acks());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, String.valueOf(options.acks().equals("all") || options.acks().equals("-1")));
    config.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(options.lingerMillis()));
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "momentum-load-generator");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(config);
  }

  /** Returns the last {@code time} sent per key, in epoch milliseconds; call it after {@link #run} returned. */
  Map<String, Long> lastSentMillisByKey() {
    return times.lastByKey();
  }

  /** Returns how many stamps were moved a millisecond later to keep a key result's times increasing. */
  long bumpedTimes() {
    return times.bumped();
  }

  /**
   * Sends at {@code rate} events per second for {@code warmupNanos + measureNanos}, on the calling
   * thread, and waits for every acknowledgement.
   *
   * @param startNanos {@link System#nanoTime()} at which the first event is due
   * @param startEpochMicros wall-clock time that corresponds to {@code startNanos}
   */
  Outcome run(double rate, long startNanos, long startEpochMicros, long warmupNanos, long measureNanos) {
    RateSchedule schedule = new RateSchedule(startNanos, rate);
    long total = schedule.countWithin(warmupNanos + measureNanos);
    long firstMeasured = schedule.countWithin(warmupNanos);
    LongAdder acknowledged = new LongAdder();
    LongAdder acknowledgedMeasured = new LongAdder();
    LongAdder failed = new LongAdder();
    String[] firstError = new String[1];
    long maxBehind = 0;
    long sentMeasured = 0;
    long measureEndNanos = startNanos + warmupNanos + measureNanos;

    for (long i = 0; i < total; i++) {
      long intended = schedule.intendedNanos(i);
      long now = System.nanoTime();
      while (now < intended) {
        // Sleep at most 1 ms at a time. An oversleep only delays the next events, which then go
        // out in a burst and keep their intended times.
        LockSupport.parkNanos(Math.min(intended - now, 1_000_000));
        now = System.nanoTime();
      }
      maxBehind = Math.max(maxBehind, now - intended);
      long intendedMillis = (startEpochMicros + (intended - startNanos) / 1_000) / 1_000;
      int targetIndex = (int) (i % targets.size());
      boolean measured = i >= firstMeasured;
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, orgId, event(targetIndex, intendedMillis));
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acknowledged.increment();
          if (measured) {
            acknowledgedMeasured.increment();
          }
        } else {
          failed.increment();
          synchronized (firstError) {
            if (firstError[0] == null) {
              firstError[0] = error.toString();
            }
          }
        }
      });
      // Counted when send returned within the measured part: a sender that cannot keep up
      // finishes its events late, and the achieved rate shows it.
      if (measured && System.nanoTime() <= measureEndNanos) {
        sentMeasured++;
      }
    }

    producer.flush();
    double measuredSeconds = measureNanos / 1e9;
    synchronized (firstError) {
      return new Outcome(total, acknowledged.sum(), failed.sum(), sentMeasured, acknowledgedMeasured.sum(),
          measuredSeconds, TimeUnit.NANOSECONDS.toMicros(maxBehind), firstError[0]);
    }
  }

  /** Builds the CloudEvents JSON of the next value of one target, stamped with its time. */
  private String event(int targetIndex, long intendedMillis) {
    OrgCatalog.Target target = targets.get(targetIndex);
    long stamp = times.stamp(target.key(), intendedMillis);
    long step = valueCounters.merge(target.key(), 1L, Long::sum);
    double value = EventValues.value(target.start(), target.target(), step);
    return "{\"specversion\":\"1.0\",\"id\":\"" + (sequence++) + "\",\"source\":" + sourceJson
        + ",\"type\":\"momentum.keyresult.value\",\"subject\":" + subjectJson[targetIndex]
        + ",\"time\":\"" + Instant.ofEpochMilli(stamp) + "\",\"orgid\":" + JsonText.quote(orgId)
        + ",\"datacontenttype\":\"application/json\",\"data\":{\"value\":" + EventValues.format(value) + "}}";
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
