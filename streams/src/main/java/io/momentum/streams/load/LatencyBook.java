package io.momentum.streams.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One board client's view of the nodes it shows and the event-to-screen latency of each change.
 * A node update counts only when its {@code updatedAt} (the CloudEvents {@code time} of the value
 * it shows) is newer than the one held; its latency is the receive time minus that
 * {@code updatedAt}. Only updates whose {@code updatedAt} falls in the measurement window are
 * recorded, so warm-up traffic and the previous step's tail stay out of the histogram.
 *
 * <p>All times are epoch microseconds. One thread (the client's event loop) observes; any thread
 * may set the window, take the histogram or count the nodes still behind.
 */
public final class LatencyBook {

  private final Map<String, Long> heldMicros = new ConcurrentHashMap<>();
  private final Map<String, String> keysById = new ConcurrentHashMap<>();
  private final Recorder recorder = new Recorder(3);
  private final LongAdder recorded = new LongAdder();
  private final LongAdder clampedNegative = new LongAdder();
  private volatile long windowFromMicros = Long.MAX_VALUE;
  private volatile long windowToMicros = Long.MIN_VALUE;

  /** Sets the window of {@code updatedAt} values to record: from inclusive, to exclusive. */
  public void window(long fromMicros, long toMicros) {
    this.windowFromMicros = fromMicros;
    this.windowToMicros = toMicros;
  }

  /** Takes a node from the first snapshot: held as the starting state, nothing recorded. */
  public void hold(String nodeId, String key, long updatedAtMicros) {
    if (key != null) {
      keysById.put(nodeId, key);
    }
    heldMicros.merge(nodeId, updatedAtMicros, Math::max);
  }

  /**
   * Takes a node from a delta (or a later snapshot) received at {@code receivedMicros}.
   *
   * @return the latency recorded in microseconds, or -1 when the update is not newer than the
   *     one held or its {@code updatedAt} lies outside the window
   */
  public long observe(String nodeId, String key, long updatedAtMicros, long receivedMicros) {
    if (key != null) {
      keysById.putIfAbsent(nodeId, key);
    }
    Long held = heldMicros.get(nodeId);
    if (held != null && updatedAtMicros <= held) {
      return -1;
    }
    heldMicros.put(nodeId, updatedAtMicros);
    if (updatedAtMicros < windowFromMicros || updatedAtMicros >= windowToMicros) {
      return -1;
    }
    long latency = receivedMicros - updatedAtMicros;
    if (latency < 0) {
      // The two clocks are the same machine's, so this only happens for a time stamp moved a
      // millisecond later to keep a key result's times increasing.
      clampedNegative.increment();
      latency = 0;
    }
    recorder.recordValue(latency);
    recorded.increment();
    return latency;
  }

  /** Returns the latencies recorded since the last call, in microseconds, and starts a new interval. */
  public Histogram takeInterval() {
    return recorder.getIntervalHistogram();
  }

  /** Returns how many updates have been recorded in all. */
  public long recorded() {
    return recorded.sum();
  }

  /** Returns how many recorded latencies were below zero and counted as zero. */
  public long clampedNegative() {
    return clampedNegative.sum();
  }

  /**
   * Counts the held nodes that are behind the last time sent for their key, that is, whose screen
   * does not yet show the last value published to them.
   *
   * @param lastSentMillisByKey last {@code time} sent per key-result key, in epoch milliseconds
   */
  public int behind(Map<String, Long> lastSentMillisByKey) {
    int behind = 0;
    for (Map.Entry<String, String> entry : keysById.entrySet()) {
      Long sentMillis = lastSentMillisByKey.get(entry.getValue());
      if (sentMillis == null) {
        continue;
      }
      Long held = heldMicros.get(entry.getKey());
      if (held == null || held < sentMillis * 1_000) {
        behind++;
      }
    }
    return behind;
  }

  /** Returns how many of the held nodes have one of the given keys. */
  public int countKeys(java.util.Set<String> keys) {
    int count = 0;
    for (String key : keysById.values()) {
      if (keys.contains(key)) {
        count++;
      }
    }
    return count;
  }
}
