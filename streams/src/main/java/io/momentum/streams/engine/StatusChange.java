package io.momentum.streams.engine;

import java.math.BigDecimal;

/**
 * A key result's status differs from the status last recorded for it.
 *
 * @param node the key result's state now; its status is the new one
 * @param from the status recorded before, or null when none was recorded yet (a new key result)
 * @param sequence the number of this change among the key result's recorded status changes,
 *     counting from 1; two writers that start from the same recorded state compute the same
 *     number, so it makes the outbound event id deterministic
 * @param cause what made the status move: {@link #NEW_VALUES}, {@link #TIME_PASSED} or
 *     {@link #REBUILT}
 */
public record StatusChange(NodeState node, Status from, long sequence, String cause) {

  /** Cause of a change found while a batch of events was applied. */
  public static final String NEW_VALUES = "new values";
  /** Cause of a change found by the periodic re-evaluation of time-driven status. */
  public static final String TIME_PASSED = "time passed";
  /** Cause of a change found when an organisation's engine was rebuilt, for example after a restart. */
  public static final String REBUILT = "recomputed when the goal engine was rebuilt";

  /** Returns the new status. */
  public Status to() {
    return node.status();
  }

  /**
   * Returns true when the change is sent to other systems. The first status of a new key result
   * is only recorded, and so are moves into and out of {@code closed}, because closing or
   * reopening a cycle is announced by its own cycle event.
   */
  public boolean announced() {
    return from != null && from != Status.CLOSED && to() != Status.CLOSED;
  }

  /** Returns a short English explanation of the new status, starting with the cause. */
  public String reason() {
    return cause + ": " + explain(node);
  }

  private static String explain(NodeState node) {
    Integer confidence = node.confidence();
    if (node.status() == Status.PENDING) {
      return "no value has been recorded yet";
    }
    if (node.status() == Status.CLOSED) {
      return "its cycle is closed";
    }
    if (confidence != null && confidence <= 3) {
      return "confidence " + confidence + " of 10 is 3 or less";
    }
    BigDecimal expected = node.expected();
    BigDecimal progress = node.progress();
    if (expected == null || progress == null) {
      return "status " + node.status().wire();
    }
    String gap = progress.subtract(expected).stripTrailingZeros().toPlainString();
    String text = "progress " + progress.stripTrailingZeros().toPlainString() + " against "
        + expected.stripTrailingZeros().toPlainString() + " expected (gap " + gap + ")";
    if (confidence != null && confidence <= 6) {
      text += ", confidence " + confidence + " of 10";
    }
    return text;
  }
}
