package io.momentum.server.demo;

import java.util.Random;

/**
 * Course of a seeded key result so far. The profile sets where its progress ends today
 * relative to the expected progress, how confident its owner is and whether it still receives
 * check-ins, so that the boards show every status a real organisation has.
 */
enum ProgressProfile {
  ON_TRACK(-0.06, 0.10, 7, 8),
  AHEAD(0.12, 0.30, 8, 9),
  AT_RISK(-0.23, -0.13, 5, 6),
  OFF_TRACK(-0.50, -0.30, 3, 4),
  /** Close to plan, but the owner's confidence of 2 or 3 makes it off track. */
  LOW_CONFIDENCE(-0.08, 0.04, 2, 3),
  /** Behind at its last check-in, which lies 9 to 20 days back. */
  STALE(-0.25, -0.05, 5, 7),
  /** No value yet. */
  PENDING(0, 0, 5, 5),
  /** Finished: full progress and full confidence. */
  DONE(0, 0, 10, 10);

  /** Lowest raw progress a profile may end at: a little below the start, as when a metric got worse. */
  private static final double MIN_PROGRESS = -0.15;
  /** Highest raw progress a profile may end at: a little over-achievement. */
  private static final double MAX_PROGRESS = 1.15;

  private final double minGap;
  private final double maxGap;
  private final int minConfidence;
  private final int maxConfidence;

  ProgressProfile(double minGap, double maxGap, int minConfidence, int maxConfidence) {
    this.minGap = minGap;
    this.maxGap = maxGap;
    this.minConfidence = minConfidence;
    this.maxConfidence = maxConfidence;
  }

  /** Draws the raw progress of today for a cycle whose expected progress is {@code expected}. */
  double finalProgress(double expected, Random random) {
    if (this == DONE) {
      return 1.0;
    }
    double gap = minGap + (maxGap - minGap) * random.nextDouble();
    return Math.max(MIN_PROGRESS, Math.min(MAX_PROGRESS, expected + gap));
  }

  /** Draws the confidence (0-10) of the latest check-in. */
  int confidence(Random random) {
    return minConfidence + random.nextInt(maxConfidence - minConfidence + 1);
  }

  /**
   * Overall state of an objective. Key results of one objective share their team and
   * circumstances, so their profiles are drawn together: a healthy objective has mostly key
   * results on track, a troubled one some that are off track.
   */
  enum Health {
    HEALTHY(new int[] {70, 25, 5, 0, 0}),
    MIXED(new int[] {45, 10, 40, 0, 5}),
    TROUBLED(new int[] {30, 0, 30, 30, 10});

    private static final ProgressProfile[] DRAWN = {ON_TRACK, AHEAD, AT_RISK, OFF_TRACK, LOW_CONFIDENCE};

    /** Chances in percent of on track, ahead, at risk, off track and low confidence. */
    private final int[] chances;

    Health(int[] chances) {
      this.chances = chances;
    }

    /** Draws the health of an objective: 45 % healthy, 35 % mixed, 20 % troubled. */
    static Health draw(Random random) {
      int roll = random.nextInt(100);
      if (roll < 45) {
        return HEALTHY;
      }
      return roll < 80 ? MIXED : TROUBLED;
    }

    /** Draws the profile of one of the objective's key results. */
    ProgressProfile drawProfile(Random random) {
      int roll = random.nextInt(100);
      for (int i = 0; i < chances.length; i++) {
        roll -= chances[i];
        if (roll < 0) {
          return DRAWN[i];
        }
      }
      return ON_TRACK;
    }
  }
}
