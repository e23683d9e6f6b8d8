package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A KPI's shown target from dated targets, its corridor status and its own stale period. */
class KpiTargetTest {

  private static final List<NodeDef.DatedTarget> TARGETS = List.of(
      new NodeDef.DatedTarget(LocalDate.of(2026, 3, 31), dec(300)),
      new NodeDef.DatedTarget(LocalDate.of(2026, 1, 31), dec(100)),
      new NodeDef.DatedTarget(LocalDate.of(2026, 2, 28), dec(200)));

  static Stream<Arguments> shownTargets() {
    // Day 0 is 2026-01-01.
    return Stream.of(
        Arguments.of("before the first due date", 10.0, TARGETS, "100"),
        Arguments.of("on a due date", 30.0, TARGETS, "100"),
        Arguments.of("late on a due date", 30.99, TARGETS, "100"),
        Arguments.of("the day after a due date", 31.0, TARGETS, "200"),
        Arguments.of("after the last due date", 95.0, TARGETS, "300"),
        Arguments.of("without dated targets", 10.0, List.of(), "50"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shownTargets")
  void showsTargetDueNext(String name, double today, List<NodeDef.DatedTarget> targets,
                          String shown) {
    GoalEngine engine = engineAt(clockAtDay(today));

    engine.upsertNode(kpi("k").target(dec(50)).targets(targets).build());

    assertThat(state(engine, "k").target()).isEqualByComparingTo(shown);
  }

  @Test
  void tickMovesToNextTarget() {
    MutableClock clock = clockAtDay(30);
    GoalEngine engine = engineAt(clock);
    engine.upsertNode(kpi("k").targets(TARGETS).build());

    Changes changes = engine.tick(day(31));

    assertThat(state(engine, "k").target()).isEqualByComparingTo("200");
    assertThat(changes.nodes()).extracting(NodeState::id).contains("k");
  }

  static Stream<Arguments> corridors() {
    return Stream.of(
        Arguments.of("no value is pending", null, "90", "70", Status.PENDING),
        Arguments.of("green only, below it is at risk", "80", "90", null, Status.AT_RISK),
        Arguments.of("green only, at it is on track", "90", "90", null, Status.ON_TRACK),
        Arguments.of("red only, above it is on track", "80", null, "70", Status.ON_TRACK),
        Arguments.of("red only, at it is off track", "70", null, "70", Status.OFF_TRACK),
        Arguments.of("no corridor is pending", "80", null, null, Status.PENDING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corridors")
  void statusFromCorridor(String name, String current, String green, String red,
                          Status status) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("k").green(green == null ? null : dec(green))
        .red(red == null ? null : dec(red)).build());

    if (current != null) {
      engine.apply(value("k", current, day(44)));
    }

    assertThat(state(engine, "k").status()).isEqualTo(status);
  }

  static Stream<Arguments> staleness() {
    return Stream.of(
        Arguments.of("daily KPI after 25 hours", Duration.ofHours(24), 25, true),
        Arguments.of("daily KPI after 23 hours", Duration.ofHours(24), 23, false),
        Arguments.of("monthly KPI after 20 days", Duration.ofHours(720), 480, false),
        Arguments.of("monthly KPI after 31 days", Duration.ofHours(720), 744, true),
        Arguments.of("organisation period after 8 days", null, 192, true),
        Arguments.of("organisation period after 6 days", null, 144, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleness")
  void staleAfterExpectedPeriod(String name, Duration every, int hoursSilent, boolean stale) {
    MutableClock clock = clockAtDay(40);
    GoalEngine engine = engineAt(clock);
    engine.upsertNode(kpi("k").expectedEvery(every).build());
    engine.apply(value("k", "10", day(40)));

    engine.tick(day(40 + hoursSilent / 24.0));

    assertThat(state(engine, "k").stale()).isEqualTo(stale);
  }
}
