package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoPlannerTest {

  private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

  /** Describes a plan without its ids: every key result's key, values and the history's size. */
  private static List<String> content(SeedPlan plan) {
    List<String> lines = new ArrayList<>();
    plan.keyResults.forEach(k -> lines.add(k.spec().key + " " + k.current() + " " + k.currentAt() + " "
        + k.confidence() + " " + k.milestones().encode()));
    plan.kpis.forEach(k -> lines.add(k.spec().key() + " " + k.current() + " " + k.currentAt()));
    lines.add(plan.checkIns.size() + " check-ins, " + plan.measurements.size() + " measurements, "
        + plan.workItems.size() + " work items");
    return lines;
  }

  @Test
  void sameInstantGivesSameContent() {
    assertThat(content(DemoPlanner.plan(NOW))).isEqualTo(content(DemoPlanner.plan(NOW)));
  }

  @Test
  void fourthQuarterHasClosedThirdQuarter() {
    SeedPlan plan = DemoPlanner.plan(NOW);
    assertThat(plan.cycles.stream().map(c -> c.key() + " closed=" + c.closed()).toList())
        .containsExactly("strategy-2025-2028 closed=false", "2026 closed=false", "2026-q3 closed=true",
            "2026-q4 closed=false");
    assertThat(plan.objectives).hasSize(43);
    assertThat(plan.keyResults).hasSize(125);
  }

  @Test
  void keysAreUniqueAcrossNodes() {
    Set<String> keys = new HashSet<>();
    for (SeedPlan.NodeKeyRow row : DemoPlanner.plan(NOW).nodeKeys()) {
      assertThat(keys.add(row.key())).as("unique key %s", row.key()).isTrue();
    }
  }

  @Test
  void everyReferenceResolves() {
    SeedPlan plan = DemoPlanner.plan(NOW);
    assertThat(plan.objectives).allMatch(o -> o.unitId() != null && o.cycleId() != null);
    Set<String> keyResultKeys = new HashSet<>();
    plan.keyResults.forEach(k -> keyResultKeys.add(k.spec().key));
    // An objective whose parent key names a key result aligns to it when the seed is written.
    assertThat(plan.objectives).allMatch(o -> (o.spec().parentKey() == null || keyResultKeys.contains(o.spec().parentKey()))
        == (o.parentId() == null));
    assertThat(plan.keyResults).allMatch(k -> k.objectiveId() != null && k.unitId() != null);
    assertThat(plan.keyResults).allMatch(k -> (k.spec().kpiKey == null) == (k.kpiId() == null));
    assertThat(plan.kpis).allMatch(k -> k.unitId() != null);
  }
}
