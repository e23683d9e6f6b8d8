package io.momentum.streams.engine;

import java.math.BigDecimal;

/** Status from the gap to expected progress, from confidence, and from a KPI corridor. */
final class StatusRules {

  /** Before this share of the cycle has passed, the gap does not count. */
  private static final long GRACE = 1_000;
  private static final long ON_TRACK_GAP = -1_000;
  private static final long AT_RISK_GAP = -2_500;

  private StatusRules() {
  }

  /**
   * Returns the status of {@code progress} against {@code expected} (both fixed point): on track
   * when the gap is -0.10 or better, at risk down to -0.25, else off track. Without an expected
   * value, or before 10 % of the cycle has passed, the status is on track.
   */
  static Status fromGap(long progress, long expected) {
    if (expected < GRACE) {
      return Status.ON_TRACK;
    }
    long gap = progress - expected;
    if (gap >= ON_TRACK_GAP) {
      return Status.ON_TRACK;
    }
    return gap >= AT_RISK_GAP ? Status.AT_RISK : Status.OFF_TRACK;
  }

  /** Worsens a status by confidence (0-10, -1 for none): 3 or less is off track, 6 or less at risk. */
  static Status withConfidence(Status status, int confidence) {
    if (confidence < 0) {
      return status;
    }
    if (confidence <= 3) {
      return Status.OFF_TRACK;
    }
    return confidence <= 6 ? Status.worse(status, Status.AT_RISK) : status;
  }

  /**
   * Returns the status of an objective or strategic outcome: the worst status of its scored
   * members, leaving out pending ones unless all are pending, or its own gap status when that is
   * worse. Closed members are left out of the worst status but keep the own status in force.
   */
  static Status aggregate(Aggregate members, long progress, long expected) {
    if (members == null || members.members == 0) {
      return Status.PENDING;
    }
    Status worst = members.worstScored();
    if (worst == null && members.count(Status.CLOSED) == 0) {
      return Status.PENDING;
    }
    Status own = fromGap(progress, expected);
    return worst == null ? own : Status.worse(worst, own);
  }

  /**
   * Returns a KPI's status from its corridor: for higher-is-better, {@code value >= green} is on
   * track, {@code value <= red} off track, anything between at risk; mirrored for lower-is-better.
   * A missing bound leaves that side out; no value or no corridor is pending.
   */
  static Status kpi(BigDecimal value, BigDecimal green, BigDecimal red, boolean increase) {
    if (value == null || (green == null && red == null)) {
      return Status.PENDING;
    }
    if (green != null && reaches(value, green, increase)) {
      return Status.ON_TRACK;
    }
    if (red != null && reaches(red, value, increase)) {
      return Status.OFF_TRACK;
    }
    return green == null ? Status.ON_TRACK : Status.AT_RISK;
  }

  private static boolean reaches(BigDecimal value, BigDecimal level, boolean increase) {
    int compared = value.compareTo(level);
    return increase ? compared >= 0 : compared <= 0;
  }
}
