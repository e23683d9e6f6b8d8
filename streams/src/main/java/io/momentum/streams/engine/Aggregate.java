package io.momentum.streams.engine;

import java.time.Instant;

/**
 * Running rollup of a parent's members: {@code sum(w x p)} and {@code sum(w)} in fixed point,
 * and counts per status, per confidence and of members without data, so that adding or removing
 * one member is O(1) and reading the mean, the worst status or the lowest confidence is O(1).
 */
final class Aggregate {

  private static final Status[] STATUSES = Status.values();

  long sumWeight;
  /** Sum of weight x progress, in units of 1/10,000 squared. */
  long sumWeighted;
  /** Sum of the members' expected progress, unweighted. */
  long sumExpected;
  int members;
  int noData;
  final int[] statusCounts = new int[STATUSES.length];
  final int[] confidenceCounts = new int[11];
  /** Latest member update; stale after the member that had it left or changed it. */
  Instant latest;
  boolean latestStale;

  void add(Contribution c) {
    sumWeight += c.weight;
    sumWeighted += c.weight * c.progress;
    sumExpected += Math.max(0, c.expected);
    members++;
    if (c.noData) {
      noData++;
    }
    statusCounts[c.status.ordinal()]++;
    if (c.confidence >= 0) {
      confidenceCounts[c.confidence]++;
    }
    if (c.updated != null && (latest == null || !c.updated.isBefore(latest))) {
      // Not before the latest time any member had, so it is the latest of all members.
      latest = c.updated;
      latestStale = false;
    }
  }

  void remove(Contribution c) {
    sumWeight -= c.weight;
    sumWeighted -= c.weight * c.progress;
    sumExpected -= Math.max(0, c.expected);
    members--;
    if (c.noData) {
      noData--;
    }
    statusCounts[c.status.ordinal()]--;
    if (c.confidence >= 0) {
      confidenceCounts[c.confidence]--;
    }
    if (c.updated != null && c.updated.equals(latest)) {
      latestStale = true;
    }
  }

  /** Weighted mean progress, rounded half up; 0 without weight. */
  long meanProgress() {
    return sumWeight <= 0 ? 0 : FixedPoint.divideHalfUp(sumWeighted, sumWeight);
  }

  /** Unweighted mean of the members' expected progress, rounded half up; 0 without members. */
  long meanExpected() {
    return members == 0 ? 0 : FixedPoint.divideHalfUp(sumExpected, members);
  }

  /** Returns true when there are no members or none of them has data. */
  boolean withoutData() {
    return members == 0 || noData == members;
  }

  int count(Status status) {
    return statusCounts[status.ordinal()];
  }

  /** Worst of on track, at risk and off track among the members, or null when none has one. */
  Status worstScored() {
    if (count(Status.OFF_TRACK) > 0) {
      return Status.OFF_TRACK;
    }
    if (count(Status.AT_RISK) > 0) {
      return Status.AT_RISK;
    }
    if (count(Status.ON_TRACK) > 0) {
      return Status.ON_TRACK;
    }
    return null;
  }

  /** Lowest confidence among the members that have one, or -1. */
  int minConfidence() {
    for (int value = 0; value < confidenceCounts.length; value++) {
      if (confidenceCounts[value] > 0) {
        return value;
      }
    }
    return -1;
  }
}
