package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the simulator's scenarios through the real engine and detector and reports precision and
 * recall per signal kind against the scenarios' ground truth.
 */
class SignalAccuracyTest {

  private static final double MINIMUM = 0.9;

  @Test
  void everyKindAtLeastNinetyPercent() {
    for (long seed : new long[] {1, 2, 3}) {
      SignalSimulator.World world = new SignalSimulator(seed).generate(12);
      SignalSimulator.Outcome outcome = SignalSimulator.run(world, SignalSettings.DEFAULTS);
      Map<String, List<String>> mistakes = new LinkedHashMap<>();
      Map<String, SignalSimulator.Accuracy> accuracy = SignalSimulator.score(world, outcome, mistakes);

      System.out.printf("Seed %d: %d nodes, %d events; %d raised, %d updated, %d resolved%n", seed,
          world.nodes.size(), world.events.size(), outcome.raised(), outcome.updated(), outcome.resolved());
      System.out.printf("%-24s %5s %5s %5s %9s %7s%n", "kind", "tp", "fp", "fn", "precision", "recall");
      accuracy.values().forEach(a -> System.out.printf("%-24s %5d %5d %5d %9.3f %7.3f%n", a.kind(),
          a.truePositives(), a.falsePositives(), a.falseNegatives(), a.precision(), a.recall()));
      mistakes.forEach((kind, list) -> System.out.println("  " + kind + ": " + list.subList(0, Math.min(5, list.size()))));

      for (SignalSimulator.Accuracy a : accuracy.values()) {
        assertThat(a.truePositives()).as("positives of %s with seed %d", a.kind(), seed).isPositive();
        assertThat(a.precision()).as("precision of %s with seed %d", a.kind(), seed).isGreaterThanOrEqualTo(MINIMUM);
        assertThat(a.recall()).as("recall of %s with seed %d", a.kind(), seed).isGreaterThanOrEqualTo(MINIMUM);
      }
    }
  }
}
