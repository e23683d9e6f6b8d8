package io.momentum.streams.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measured outcome of one step at one rate. Latencies are event-to-screen: the time a board
 * client received a node minus the node's {@code updatedAt}, the CloudEvents {@code time} of the
 * value it shows, which is the event's intended send time.
 *
 * @param rate target events per second (0: nothing sent, boards only watched)
 * @param sentPerSecond events handed to the producer per second in the measured part
 * @param acknowledgedPerSecond events of the measured part that Kafka acknowledged, per measured second
 * @param failedSends sends that Kafka did not acknowledge
 * @param maxBehindMillis how far the sender fell behind its schedule at worst
 * @param appliedPerSecond events the server applied per second ({@code momentum_events_ingested_total})
 * @param batchesPerSecond ingest batches the server processed per second
 * @param meanBatchMillis mean time from polling a batch to committing it
 * @param maxBatchMillis slowest batch seen in the samples (Micrometer's recent maximum)
 * @param deltasPerSecond delta messages received per second, all boards together
 * @param nodeUpdatesPerSecond newer node values received per second, all boards together
 * @param latency event-to-screen latencies in microseconds
 * @param heapMaxBytes highest server heap sampled during the step
 * @param liveDataMaxBytes highest old-generation size after a major or concurrent GC during the step
 * @param gcPausePercent share of the measured part the server spent in GC pauses
 * @param rssMaxBytes highest server RSS sampled during the step, or -1
 * @param serverCpuPercent server CPU time over wall time in the measured part (200 % is two cores), or -1
 * @param generatorCpuPercent the same for the load generator's own process
 * @param lagFirst first consumer-lag sample of the measured part
 * @param lagLast last consumer-lag sample of the measured part
 * @param lagMax highest consumer-lag sample of the measured part
 * @param lagSlopePerSecond least-squares growth of the consumer lag, records per second
 * @param boardsBehind board nodes still not showing the last value sent when the drain ended
 * @param drainSeconds time from the end of sending until every board showed the last values
 * @param snapshots snapshots received during the step (a client that falls behind gets one)
 * @param disconnects WebSockets closed during the step
 * @param bumpedTimes event times moved a millisecond later to keep a key result's times increasing
 * @param sustained whether the step met every criterion
 * @param reasons the criteria it missed
 */
record StepResult(
    double rate, double sentPerSecond, double acknowledgedPerSecond, long failedSends, double maxBehindMillis,
    double appliedPerSecond, double batchesPerSecond, double meanBatchMillis, double maxBatchMillis,
    double deltasPerSecond, double nodeUpdatesPerSecond, Histogram latency,
    double heapMaxBytes, double liveDataMaxBytes, double gcPausePercent, long rssMaxBytes, double serverCpuPercent, double generatorCpuPercent,
    double lagFirst, double lagLast, double lagMax, double lagSlopePerSecond, int boardsBehind,
    double drainSeconds, long snapshots, long disconnects, long bumpedTimes, boolean sustained,
    List<String> reasons) {

  private static final double MIB = 1024.0 * 1024.0;

  double latencyMillis(double percentile) {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxLatencyMillis() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("rate", rate)
        .put("sentPerSecond", round(sentPerSecond))
        .put("acknowledgedPerSecond", round(acknowledgedPerSecond))
        .put("failedSends", failedSends)
        .put("maxBehindMillis", round(maxBehindMillis))
        .put("appliedPerSecond", round(appliedPerSecond))
        .put("batchesPerSecond", round(batchesPerSecond))
        .put("meanBatchMillis", round(meanBatchMillis))
        .put("maxBatchMillis", round(maxBatchMillis))
        .put("deltasPerSecond", round(deltasPerSecond))
        .put("nodeUpdatesPerSecond", round(nodeUpdatesPerSecond))
        .put("latencyCount", latency.getTotalCount())
        .put("latencyMillis", new JsonObject()
            .put("p50", round(latencyMillis(50)))
            .put("p90", round(latencyMillis(90)))
            .put("p99", round(latencyMillis(99)))
            .put("p99.9", round(latencyMillis(99.9)))
            .put("max", round(maxLatencyMillis())))
        .put("heapMaxMiB", round(heapMaxBytes / MIB))
        .put("liveDataMaxMiB", round(liveDataMaxBytes / MIB))
        .put("gcPausePercent", round(gcPausePercent))
        .put("rssMaxMiB", rssMaxBytes < 0 ? null : round(rssMaxBytes / MIB))
        .put("serverCpuPercent", serverCpuPercent < 0 ? null : round(serverCpuPercent))
        .put("generatorCpuPercent", round(generatorCpuPercent))
        .put("lag", new JsonObject().put("first", lagFirst).put("last", lagLast).put("max", lagMax)
            .put("slopePerSecond", round(lagSlopePerSecond)))
        .put("boardsBehind", boardsBehind)
        .put("drainSeconds", round(drainSeconds))
        .put("snapshots", snapshots)
        .put("disconnects", disconnects)
        .put("bumpedTimes", bumpedTimes)
        .put("sustained", sustained)
        .put("reasons", new JsonArray(reasons));
  }

  /** Returns a few human-readable lines for the console. */
  String toText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("rate %.0f events/s: %s%n", rate, rate == 0 ? "watch only"
        : sustained ? "SUSTAINED" : "NOT sustained (" + String.join("; ", reasons) + ")"));
    text.append(String.format("  sent %.0f/s, acknowledged %.0f/s, failed %d, sender behind at most %.1f ms, server applied %.0f/s%n",
        sentPerSecond, acknowledgedPerSecond, failedSends, maxBehindMillis, appliedPerSecond));
    text.append(String.format("  server ingest: %.1f batches/s, mean %.1f ms per batch (%.0f events), slowest %.0f ms%n",
        batchesPerSecond, meanBatchMillis, batchesPerSecond > 0 ? appliedPerSecond / batchesPerSecond : 0, maxBatchMillis));
    text.append(String.format("  received %.0f deltas/s, %.0f newer node values/s, %d snapshots, %d disconnects%n",
        deltasPerSecond, nodeUpdatesPerSecond, snapshots, disconnects));
    text.append(String.format("  latency ms (n=%d): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
        latency.getTotalCount(), latencyMillis(50), latencyMillis(90), latencyMillis(99), latencyMillis(99.9),
        maxLatencyMillis()));
    text.append(String.format("  server heap max %.0f MiB, live data after GC max %.0f MiB, GC pauses %.1f %%, RSS max %s, CPU %s; generator CPU %.0f %%%n",
        heapMaxBytes / MIB, liveDataMaxBytes / MIB, gcPausePercent, rssMaxBytes < 0 ? "n/a" : String.format("%.0f MiB", rssMaxBytes / MIB),
        serverCpuPercent < 0 ? "n/a" : String.format("%.0f %%", serverCpuPercent), generatorCpuPercent));
    text.append(String.format("  consumer lag first %.0f, last %.0f, max %.0f, slope %.0f records/s; drain %.1f s, %d board nodes behind%n",
        lagFirst, lagLast, lagMax, lagSlopePerSecond, drainSeconds, boardsBehind));
    return text.toString();
  }

  private static Double round(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 100.0) / 100.0;
  }
}
