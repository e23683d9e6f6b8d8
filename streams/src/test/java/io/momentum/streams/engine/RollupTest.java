package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.TEAM;
import static io.momentum.streams.engine.Fixtures.checkIn;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.cycle;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.outcome;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.strategy;
import static io.momentum.streams.engine.Fixtures.unit;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Weighted rollup into objectives, strategic outcomes and unit summaries. */
class RollupTest {

  /** Objective "o" with key results kr1 at 20 % and kr2 at 80 % (0-100). */
  private static GoalEngine twoKeyResults(String secondWeight) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr1", "o", 0, 100).build());
    engine.upsertNode(metric("kr2", "o", 0, 100).weight(dec(secondWeight)).build());
    engine.apply(value("kr1", "20", day(44)));
    engine.apply(value("kr2", "80", day(44)));
    return engine;
  }

  static Stream<Arguments> weights() {
    return Stream.of(
        Arguments.of("weight 1 and 1 give the plain mean 0.5", "1", "0.5"),
        Arguments.of("weight 1 and 3 give 0.65", "3", "0.65"),
        Arguments.of("weight 1 and 0.5 give 0.4", "0.5", "0.4"),
        Arguments.of("weight 0 leaves the second out: 0.2", "0", "0.2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void weights(String name, String secondWeight, String progress) {
    GoalEngine engine = twoKeyResults(secondWeight);

    assertThat(state(engine, "o").progress()).isEqualByComparingTo(progress);
  }

  @Test
  void weightZeroStatusDoesNotCount() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr1", "o", 0, 100).build());
    engine.upsertNode(metric("kr2", "o", 0, 100).weight(dec(0)).build());
    engine.apply(value("kr1", "50", day(44)));

    engine.apply(checkIn("kr2", "0", 1, day(44)));

    assertThat(state(engine, "kr2").status()).isEqualTo(Status.OFF_TRACK);
    assertThat(state(engine, "o").status()).isEqualTo(Status.ON_TRACK);
    assertThat(state(engine, "o").confidence()).isNull();
  }

  @Test
  void weightChangeUpdatesParent() {
    GoalEngine engine = twoKeyResults("1");

    engine.upsertNode(metric("kr2", "o", 0, 100).weight(dec(3)).build());

    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.65");
  }

  @Test
  void objectiveWithoutMembersHasNoData() {
    GoalEngine engine = engineAt(clockAtDay(45));

    engine.upsertNode(objective("o").build());

    NodeState state = state(engine, "o");
    assertThat(state.progress()).isEqualByComparingTo("0");
    assertThat(state.noData()).isTrue();
    assertThat(state.status()).isEqualTo(Status.PENDING);
  }

  @Test
  void childrenRollUpByDefault() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("parent").build());
    engine.upsertNode(objective("child").parentId("parent").build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());

    engine.apply(value("kr", "40", day(44)));

    assertThat(state(engine, "parent").progress()).isEqualByComparingTo("0.4");
  }

  @Test
  void childrenLeaveOnceParentHasKeyResult() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("parent").build());
    engine.upsertNode(objective("child").parentId("parent").build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());
    engine.apply(value("kr", "40", day(44)));

    engine.upsertNode(metric("own", "parent", 0, 100).build());
    engine.apply(value("own", "90", day(44)));

    assertThat(state(engine, "parent").progress()).isEqualByComparingTo("0.9");
  }

  @Test
  void childrenJoinWithRollupOn() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("parent").rollupChildren(true).build());
    engine.upsertNode(metric("own", "parent", 0, 100).build());
    engine.upsertNode(objective("child").parentId("parent").weight(dec(3)).build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());

    engine.apply(value("own", "20", day(44)));
    engine.apply(value("kr", "60", day(44)));

    assertThat(state(engine, "parent").progress()).isEqualByComparingTo("0.5");
  }

  @Test
  void childrenStayOutWithRollupOff() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("parent").rollupChildren(false).build());
    engine.upsertNode(objective("child").parentId("parent").build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());

    engine.apply(value("kr", "60", day(44)));

    NodeState parent = state(engine, "parent");
    assertThat(parent.progress()).isEqualByComparingTo("0");
    assertThat(parent.noData()).isTrue();
  }

  @Test
  void reparentedKeyResultMovesBetweenObjectives() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("a").build());
    engine.upsertNode(objective("b").build());
    engine.upsertNode(metric("kr1", "a", 0, 100).build());
    engine.upsertNode(metric("kr2", "a", 0, 100).build());
    engine.apply(value("kr1", "20", day(44)));
    engine.apply(value("kr2", "80", day(44)));

    engine.upsertNode(metric("kr2", "b", 0, 100).build());

    assertThat(state(engine, "a").progress()).isEqualByComparingTo("0.2");
    assertThat(state(engine, "b").progress()).isEqualByComparingTo("0.8");
    assertThat(state(engine, "kr2").progress()).isEqualByComparingTo("0.8");
  }

  @Test
  void childBeforeParentRollsUp() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "30", day(44)));

    engine.upsertNode(objective("o").build());

    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.3");
  }

  @Test
  void deepChainUpdatesEveryAncestor() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());
    engine.upsertNode(objective("o2").parentId("o1").build());
    engine.upsertNode(objective("o3").parentId("o2").build());
    engine.upsertNode(metric("kr", "o3", 0, 100).build());

    Changes changes = engine.apply(value("kr", "70", day(44)));

    assertThat(changes.nodes()).extracting(NodeState::id).contains("kr", "o3", "o2", "o1");
    assertThat(state(engine, "o1").progress()).isEqualByComparingTo("0.7");
  }

  /** Outcome "so" with objectives in the current quarter and in a later one. */
  private static GoalEngine outcomeWithTwoQuarters(MutableClock clock) {
    GoalEngine engine = engineAt(clock);
    engine.upsertCycle(strategy());
    engine.upsertCycle(cycle("q2", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)));
    engine.upsertNode(outcome("so").build());
    engine.upsertNode(objective("now").parentId("so").build());
    engine.upsertNode(objective("next").parentId("so").cycleId("q2").build());
    engine.upsertNode(metric("kr1", "now", 0, 100).build());
    engine.upsertNode(metric("kr2", "next", 0, 100).build());
    engine.apply(value("kr1", "40", day(44)));
    engine.apply(value("kr2", "80", day(44)));
    return engine;
  }

  @Test
  void outcomeAveragesObjectivesOfCurrentCycles() {
    GoalEngine engine = outcomeWithTwoQuarters(clockAtDay(45));

    assertThat(state(engine, "so").progress()).isEqualByComparingTo("0.4");
  }

  @Test
  void outcomeMembershipChangesOnTick() {
    MutableClock clock = clockAtDay(45);
    GoalEngine engine = outcomeWithTwoQuarters(clock);

    Changes changes = engine.tick(day(95));

    assertThat(state(engine, "so").progress()).isEqualByComparingTo("0.8");
    assertThat(changes.nodes()).extracting(NodeState::id).contains("so");
  }

  @Test
  void unitSummaryAveragesCurrentObjectives() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());
    engine.upsertNode(objective("o2").build());
    engine.upsertNode(metric("kr1", "o1", 0, 100).build());
    engine.upsertNode(metric("kr2", "o2", 0, 100).build());

    engine.apply(value("kr1", "45", day(44)));
    engine.apply(value("kr2", "10", day(44)));

    UnitSummary summary = engine.units().iterator().next();
    assertThat(summary.progress()).isEqualByComparingTo("0.275");
    assertThat(summary.objectives()).isEqualTo(2);
    // The mean alone is at risk, but the objective at 0.10 is off track.
    assertThat(summary.status()).isEqualTo(Status.OFF_TRACK);
  }

  @Test
  void unitSummaryCountsStatuses() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());
    engine.upsertNode(objective("o2").build());
    engine.upsertNode(objective("o3").build());
    engine.upsertNode(metric("kr1", "o1", 0, 100).build());
    engine.upsertNode(metric("kr2", "o2", 0, 100).build());
    engine.upsertNode(metric("kr3", "o3", 0, 100).build());

    engine.apply(checkIn("kr1", "50", 7, day(44)));
    engine.apply(checkIn("kr2", "10", 5, day(44)));

    UnitSummary summary = engine.units().iterator().next();
    assertThat(summary.counts().get(Status.ON_TRACK)).isEqualTo(1);
    assertThat(summary.counts().get(Status.OFF_TRACK)).isEqualTo(1);
    assertThat(summary.counts().get(Status.PENDING)).isEqualTo(1);
    assertThat(summary.counts().get(Status.AT_RISK)).isEqualTo(0);
    assertThat(summary.confidence()).isEqualTo(5);
  }

  @Test
  void unitStatusIsWorstObjectiveStatus() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());
    engine.upsertNode(objective("o2").build());
    engine.upsertNode(objective("o3").build());
    engine.upsertNode(metric("kr1", "o1", 0, 100).build());
    engine.upsertNode(metric("kr2", "o2", 0, 100).build());
    engine.upsertNode(metric("kr3", "o3", 0, 100).build());

    engine.apply(value("kr1", "100", day(44)));
    engine.apply(value("kr2", "45", day(44)));
    engine.apply(value("kr3", "10", day(44)));

    UnitSummary summary = engine.units().iterator().next();
    // The mean 0.5167 against the expected 0.5 alone would be on track.
    assertThat(summary.progress()).isEqualByComparingTo("0.5167");
    assertThat(summary.counts().get(Status.ON_TRACK)).isEqualTo(2);
    assertThat(summary.counts().get(Status.OFF_TRACK)).isEqualTo(1);
    assertThat(summary.status()).isEqualTo(Status.OFF_TRACK);
  }

  @Test
  void unitStatusLeavesPendingObjectivesOut() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());
    engine.upsertNode(objective("o2").build());
    engine.upsertNode(metric("kr1", "o1", 0, 100).build());
    engine.upsertNode(metric("kr2", "o2", 0, 100).build());

    engine.apply(value("kr1", "100", day(44)));

    UnitSummary summary = engine.units().iterator().next();
    assertThat(summary.counts().get(Status.PENDING)).isEqualTo(1);
    assertThat(summary.status()).isEqualTo(Status.ON_TRACK);
  }

  @Test
  void unitWithoutCurrentObjectivesIsPending() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o1").build());

    engine.tick(day(120));

    UnitSummary summary = engine.units().iterator().next();
    assertThat(summary.objectives()).isZero();
    assertThat(summary.noData()).isTrue();
    assertThat(summary.status()).isEqualTo(Status.PENDING);
  }

  @Test
  void objectiveMovedToOtherUnitLeavesSummary() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertUnit(unit("team-b", TEAM));
    engine.upsertNode(objective("o1").build());

    engine.upsertNode(objective("o1").unitId("team-b").build());

    UnitSummary first = engine.units().stream().filter(u -> u.id().equals(TEAM)).findFirst()
        .orElseThrow();
    UnitSummary second = engine.units().stream().filter(u -> u.id().equals("team-b"))
        .findFirst().orElseThrow();
    assertThat(first.objectives()).isZero();
    assertThat(second.objectives()).isEqualTo(1);
  }
}
