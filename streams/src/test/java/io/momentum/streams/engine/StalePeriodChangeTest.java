package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The organisation's stale period changed while the engine runs. */
class StalePeriodChangeTest {

  /** Objective "o" with key result "kr" last updated on day 30, seen on day 45. */
  private static GoalEngine silentForFifteenDays() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "50", day(30)));
    return engine;
  }

  @Test
  void longerPeriodClearsStale() {
    GoalEngine engine = silentForFifteenDays();
    assertThat(state(engine, "kr").stale()).isTrue();

    Changes changes = engine.changeStaleAfterDays(30);

    assertThat(state(engine, "kr").stale()).isFalse();
    assertThat(state(engine, "o").stale()).isFalse();
    assertThat(changes.nodes()).extracting(NodeState::id).contains("kr", "o");
  }

  @Test
  void shorterPeriodMarksStale() {
    GoalEngine engine = new GoalEngine(Fixtures.ORG, clockAtDay(45), 30);
    engine.upsertCycle(Fixtures.quarter());
    engine.upsertUnit(Fixtures.unit(Fixtures.TEAM, null));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "50", day(30)));
    assertThat(state(engine, "kr").stale()).isFalse();

    engine.changeStaleAfterDays(14);

    assertThat(state(engine, "kr").stale()).isTrue();
  }

  @Test
  void samePeriodChangesNothing() {
    GoalEngine engine = silentForFifteenDays();

    Changes changes = engine.changeStaleAfterDays(GoalEngine.DEFAULT_STALE_AFTER_DAYS);

    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void periodMustBePositive() {
    GoalEngine engine = silentForFifteenDays();

    assertThatThrownBy(() -> engine.changeStaleAfterDays(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("staleAfterDays");
  }
}
