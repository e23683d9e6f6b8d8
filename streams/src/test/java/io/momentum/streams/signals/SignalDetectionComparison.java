package io.momentum.streams.signals;

import java.util.Arrays;

/**
 * Compares ingest batches with and without signal detection by alternating them, batch by batch,
 * on two copies of the organisation of {@link SignalDetectionBenchmark}. On a machine shared with
 * other work, load then weighs on both sides alike, which separate JMH runs cannot promise.
 *
 * <p>Run with the streams test classpath: {@code java -cp ... io.momentum.streams.signals.SignalDetectionComparison
 * [warm-up batches] [measured batches]}. It prints the median and mean time per batch of each side
 * and the detection's share.
 */
public final class SignalDetectionComparison {

  private SignalDetectionComparison() {
  }

  public static void main(String[] args) {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    SignalDetectionBenchmark with = new SignalDetectionBenchmark();
    SignalDetectionBenchmark without = new SignalDetectionBenchmark();
    with.buildOrganisation();
    without.buildOrganisation();
    for (int i = 0; i < warmUp; i++) {
      with.batchWithSignals();
      without.batchWithoutSignals();
    }
    long[] withNanos = new long[measured];
    long[] withoutNanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      // Alternate which side goes first, so neither always runs right after a collection of the other's garbage.
      if (i % 2 == 0) {
        withNanos[i] = time(with::batchWithSignals);
        withoutNanos[i] = time(without::batchWithoutSignals);
      } else {
        withoutNanos[i] = time(without::batchWithoutSignals);
        withNanos[i] = time(with::batchWithSignals);
      }
    }
    double withMedian = median(withNanos) / 1000.0;
    double withoutMedian = median(withoutNanos) / 1000.0;
    double withMean = Arrays.stream(withNanos).average().orElse(0) / 1000.0;
    double withoutMean = Arrays.stream(withoutNanos).average().orElse(0) / 1000.0;
    System.out.printf("batches of %d events, %d measured after %d warm-up%n", SignalDetectionBenchmark.BATCH, measured, warmUp);
    System.out.printf("without detection: median %.0f us, mean %.0f us per batch%n", withoutMedian, withoutMean);
    System.out.printf("with detection:    median %.0f us, mean %.0f us per batch%n", withMedian, withMean);
    System.out.printf("detection adds:    median %.2f us, mean %.2f us per event%n",
        (withMedian - withoutMedian) / SignalDetectionBenchmark.BATCH, (withMean - withoutMean) / SignalDetectionBenchmark.BATCH);
  }

  private static long time(java.util.function.IntSupplier batch) {
    long started = System.nanoTime();
    batch.getAsInt();
    return System.nanoTime() - started;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }
}
