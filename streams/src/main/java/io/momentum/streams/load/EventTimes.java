package io.momentum.streams.load;

import java.util.HashMap;
import java.util.Map;

/**
 * CloudEvents {@code time} stamps, in epoch milliseconds, that strictly increase per key result.
 * The server stores but does not apply a value whose time is not newer than the last applied
 * value of the same key result, so two events of one key result within the same millisecond
 * would lose the second. Such an event is moved to one millisecond after the previous one and
 * counted as bumped. A bump makes the measured latency of that event up to a millisecond shorter.
 *
 * <p>Not thread-safe: one sender thread owns it.
 */
public final class EventTimes {

  private final Map<String, Long> lastMillis = new HashMap<>();
  private long bumped;

  /** Returns the stamp for an event of {@code key} intended at {@code intendedMillis}, and remembers it. */
  public long stamp(String key, long intendedMillis) {
    Long last = lastMillis.get(key);
    long stamp = intendedMillis;
    if (last != null && stamp <= last) {
      stamp = last + 1;
      bumped++;
    }
    lastMillis.put(key, stamp);
    return stamp;
  }

  /** Returns the last stamp given to {@code key}, or -1 when none was. */
  public long last(String key) {
    Long last = lastMillis.get(key);
    return last == null ? -1 : last;
  }

  /** Returns a copy of the last stamp of every key, in epoch milliseconds. */
  public Map<String, Long> lastByKey() {
    return new HashMap<>(lastMillis);
  }

  /** Returns how many stamps were moved later than intended to keep a key's times increasing. */
  public long bumped() {
    return bumped;
  }
}
