package io.momentum.streams.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A value observed for one node at one time, from one source. The engine applies it when it is
 * not older than the value applied last, and keeps it in the node's history either way.
 */
public sealed interface Observation {

  /**
   * CloudEvents source of the first value of a key result that closing its cycle copied into a
   * new cycle. The value is the last one the original held, and it is not a check-in.
   */
  String CARRY_OVER_SOURCE = "urn:momentum:carry-over";

  /** Id of the node the observation is for. */
  String nodeId();

  /** When the value was observed (the CloudEvents {@code time}). */
  Instant time();

  /** Who sent it (the CloudEvents {@code source}). */
  String source();

  /**
   * A key result value, a KPI measurement, or (with {@code checkIn} true) a weekly check-in.
   * {@code value} may be null for a check-in that only reports confidence; {@code confidence} is
   * 0-10 or null.
   */
  record Value(String nodeId, BigDecimal value, Integer confidence, boolean checkIn, Instant time,
               String source) implements Observation {
  }

  /** A milestone of a milestone key result marked done or not done. */
  record Milestone(String nodeId, String milestoneId, boolean done, Instant time, String source)
      implements Observation {
  }

  /**
   * A work item linked to a key result or initiative changed. {@code points} null means "no
   * estimate". {@code deleted} removes the item from the node's rollup.
   */
  record WorkItem(String nodeId, String system, String externalId, String itemType,
                  WorkStatus status, BigDecimal points, boolean deleted, Instant time,
                  String source) implements Observation {
  }
}
