package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.checkIn;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.closedQuarter;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status from the gap, confidence, the cycle and the KPI corridor, and the stale flag. */
class StatusTest {

  private static GoalEngine oneKeyResult(double today) {
    GoalEngine engine = engineAt(clockAtDay(today));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    return engine;
  }

  static Stream<Arguments> keyResultStatus() {
    return Stream.of(
        Arguments.of("day 45 at 40: gap -0.10 is on track", 45.0, "40", null, Status.ON_TRACK),
        Arguments.of("day 45 at 39.99: gap below -0.10 is at risk", 45.0, "39.99", null,
            Status.AT_RISK),
        Arguments.of("day 45 at 25: gap -0.25 is at risk", 45.0, "25", null, Status.AT_RISK),
        Arguments.of("day 45 at 24.99: gap below -0.25 is off track", 45.0, "24.99", null,
            Status.OFF_TRACK),
        Arguments.of("day 45 at 80 with confidence 7 is on track", 45.0, "80", 7,
            Status.ON_TRACK),
        Arguments.of("day 45 at 80 with confidence 6 is at risk", 45.0, "80", 6,
            Status.AT_RISK),
        Arguments.of("day 45 at 80 with confidence 4 is at risk", 45.0, "80", 4,
            Status.AT_RISK),
        Arguments.of("day 45 at 80 with confidence 3 is off track", 45.0, "80", 3,
            Status.OFF_TRACK),
        Arguments.of("day 45 at 10 with confidence 6 stays off track", 45.0, "10", 6,
            Status.OFF_TRACK),
        Arguments.of("day 8 at 0: before 10 % is on track", 8.0, "0", null, Status.ON_TRACK),
        Arguments.of("day 8 at 0 with confidence 5 is at risk", 8.0, "0", 5, Status.AT_RISK),
        Arguments.of("day 8 at 0 with confidence 2 is off track", 8.0, "0", 2,
            Status.OFF_TRACK),
        Arguments.of("day 9 at 0: gap -0.10 at 10 % is on track", 9.0, "0", null,
            Status.ON_TRACK));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void keyResultStatus(String name, double today, String current, Integer confidence,
                       Status status) {
    GoalEngine engine = oneKeyResult(today);

    engine.apply(checkIn("kr", current, confidence, day(today - 0.5)));

    assertThat(state(engine, "kr").status()).isEqualTo(status);
  }

  @Test
  void afterGraceWithoutProgressAtRisk() {
    GoalEngine engine = oneKeyResult(9.5);

    engine.apply(value("kr", "0", day(9)));

    assertThat(state(engine, "kr").status()).isEqualTo(Status.AT_RISK);
  }

  @Test
  void latestConfidenceWins() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(checkIn("kr", "80", 2, day(40)));

    engine.apply(checkIn("kr", null, 9, day(41)));

    NodeState state = state(engine, "kr");
    assertThat(state.confidence()).isEqualTo(9);
    assertThat(state.status()).isEqualTo(Status.ON_TRACK);
  }

  @Test
  void olderConfidenceIsIgnored() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(checkIn("kr", "80", 9, day(41)));

    engine.apply(checkIn("kr", null, 2, day(40)));

    assertThat(state(engine, "kr").confidence()).isEqualTo(9);
  }

  /** Objective "o" with key results a, b, c (0-100) at day 45 of 90. */
  private static GoalEngine threeKeyResults() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("a", "o", 0, 100).build());
    engine.upsertNode(metric("b", "o", 0, 100).build());
    engine.upsertNode(metric("c", "o", 0, 100).build());
    return engine;
  }

  @Test
  void objectiveTakesWorstKeyResultStatus() {
    GoalEngine engine = threeKeyResults();

    engine.apply(checkIn("a", "90", null, day(44)));
    engine.apply(checkIn("b", "90", 5, day(44)));
    engine.apply(checkIn("c", "90", null, day(44)));

    assertThat(state(engine, "o").status()).isEqualTo(Status.AT_RISK);
  }

  @Test
  void objectiveLeavesPendingKeyResultsOut() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("a", "o", 0, 100).build());
    engine.upsertNode(metric("b", "o", 0, 50).weight(dec("0.1")).build());

    engine.apply(value("a", "100", day(44)));

    assertThat(state(engine, "b").status()).isEqualTo(Status.PENDING);
    assertThat(state(engine, "o").status()).isEqualTo(Status.ON_TRACK);
  }

  @Test
  void objectiveAllPendingIsPending() {
    GoalEngine engine = threeKeyResults();

    NodeState objective = state(engine, "o");
    assertThat(objective.status()).isEqualTo(Status.PENDING);
    assertThat(objective.noData()).isTrue();
  }

  @Test
  void objectiveOwnGapWorseThanMembers() {
    GoalEngine engine = threeKeyResults();

    engine.apply(value("a", "40", day(44)));
    engine.apply(value("b", "40", day(44)));

    // a and b are on track; pending c counts as 0 in the mean, so p 0.2667 is at risk.
    NodeState objective = state(engine, "o");
    assertThat(state(engine, "a").status()).isEqualTo(Status.ON_TRACK);
    assertThat(objective.progress()).isEqualByComparingTo("0.2667");
    assertThat(objective.status()).isEqualTo(Status.AT_RISK);
  }

  @Test
  void objectiveConfidenceIsMinimumOfKeyResults() {
    GoalEngine engine = threeKeyResults();

    engine.apply(checkIn("a", "50", 8, day(44)));
    engine.apply(checkIn("b", "50", 6, day(44)));

    assertThat(state(engine, "o").confidence()).isEqualTo(6);
  }

  @Test
  void closedCycleNodesAreClosed() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(value("kr", "30", day(44)));

    engine.upsertCycle(closedQuarter());

    assertThat(state(engine, "kr").status()).isEqualTo(Status.CLOSED);
    assertThat(state(engine, "o").status()).isEqualTo(Status.CLOSED);
  }

  @Test
  void closedCycleKeepsFinalProgress() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(value("kr", "30", day(44)));
    engine.upsertCycle(closedQuarter());

    Changes changes = engine.apply(value("kr", "90", day(46)));

    assertThat(changes.applied()).isFalse();
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.3");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.3");
  }

  @Test
  void staleAfterSevenDaysWithoutCheckIn() {
    MutableClock clock = clockAtDay(45);
    GoalEngine engine = engineAt(clock);
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "50", day(30)));

    engine.tick(day(37.5));

    assertThat(state(engine, "kr").stale()).isTrue();
    assertThat(state(engine, "o").stale()).isTrue();
  }

  @Test
  void notStaleAtSevenDays() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(value("kr", "50", day(30)));

    engine.tick(day(37));

    assertThat(state(engine, "kr").stale()).isFalse();
  }

  @Test
  void staleAfterDaysIsConfigurable() {
    MutableClock clock = clockAtDay(45);
    GoalEngine engine = new GoalEngine(Fixtures.ORG, clock, 2);
    engine.upsertCycle(Fixtures.quarter());
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "50", day(42)));

    engine.tick(day(44.5));

    assertThat(state(engine, "kr").stale()).isTrue();
  }

  @Test
  void tickMovesStatusWithExpectedProgress() {
    GoalEngine engine = oneKeyResult(45);
    engine.apply(value("kr", "45", day(44)));

    Changes changes = engine.tick(day(70));

    assertThat(state(engine, "kr").status()).isEqualTo(Status.OFF_TRACK);
    assertThat(state(engine, "kr").expected()).isEqualByComparingTo("0.7778");
    assertThat(changes.nodes()).extracting(NodeState::id).contains("kr", "o");
  }

  static Stream<Arguments> kpiCorridor() {
    return Stream.of(
        Arguments.of("higher is better at green 90 is on track", Measurement.INCREASE, "90",
            Status.ON_TRACK),
        Arguments.of("higher is better between 70 and 90 is at risk", Measurement.INCREASE,
            "80", Status.AT_RISK),
        Arguments.of("higher is better at red 70 is off track", Measurement.INCREASE, "70",
            Status.OFF_TRACK),
        Arguments.of("lower is better at 65 is on track", Measurement.DECREASE, "65",
            Status.ON_TRACK),
        Arguments.of("lower is better at 75 is at risk", Measurement.DECREASE, "75",
            Status.AT_RISK),
        Arguments.of("lower is better at 95 is off track", Measurement.DECREASE, "95",
            Status.OFF_TRACK));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void kpiCorridor(String name, Measurement direction, String current, Status status) {
    GoalEngine engine = engineAt(clockAtDay(45));
    boolean higher = direction == Measurement.INCREASE;
    engine.upsertNode(kpi("k").direction(direction).green(dec(higher ? 90 : 70))
        .red(dec(higher ? 70 : 90)).build());

    engine.apply(value("k", current, day(44)));

    NodeState state = state(engine, "k");
    assertThat(state.status()).isEqualTo(status);
    assertThat(state.expected()).isNull();
  }

  @Test
  void kpiWithoutCorridorIsPending() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("k").build());

    engine.apply(value("k", "80", day(44)));

    assertThat(state(engine, "k").status()).isEqualTo(Status.PENDING);
  }
}
