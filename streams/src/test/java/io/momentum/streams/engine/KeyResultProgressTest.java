package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.checkIn;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.deletedItem;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.keyResult;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.milestone;
import static io.momentum.streams.engine.Fixtures.milestoneDone;
import static io.momentum.streams.engine.Fixtures.milestones;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static io.momentum.streams.engine.Fixtures.workItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Progress of one key result for each measurement kind. */
class KeyResultProgressTest {

  private static GoalEngine engineWith(NodeDef.Builder keyResult) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(keyResult.build());
    return engine;
  }

  static Stream<Arguments> valueMeasurements() {
    return Stream.of(
        Arguments.of("decrease 10 to 0 at 4 gives 0.6", metric("kr", "o", 10, 0), "4", "0.6",
            "0.6"),
        Arguments.of("decrease 10 to 0 at 12 gives raw -0.2, p 0", metric("kr", "o", 10, 0),
            "12", "-0.2", "0"),
        Arguments.of("decrease 5 to 5 at 4 gives 1", flatDecrease(), "4", "1", "1"),
        Arguments.of("decrease 5 to 5 at 6 gives 0", flatDecrease(), "6", "0", "0"),
        Arguments.of("increase -10 to 10 at 0 gives 0.5", metric("kr", "o", -10, 10), "0",
            "0.5", "0.5"),
        Arguments.of("increase 0 to 3 at 1 gives 0.3333", metric("kr", "o", 0, 3), "1",
            "0.3333", "0.3333"),
        Arguments.of("range 95-99 at 97 gives 1", range("95", "99", null), "97", "1", "1"),
        Arguments.of("range 95-99 at 99 gives 1", range("95", "99", null), "99", "1", "1"),
        Arguments.of("range 95-99 without tolerance at 100 gives 0.75", range("95", "99", null),
            "100", "0.75", "0.75"),
        Arguments.of("range 95-99 without tolerance at 90 gives 0", range("95", "99", null),
            "90", "0", "0"),
        Arguments.of("range 95-99 tolerance 2 at 100 gives 0.5", range("95", "99", "2"), "100",
            "0.5", "0.5"),
        Arguments.of("range 95-99 tolerance 2 at 92 gives 0", range("95", "99", "2"), "92", "0",
            "0"),
        Arguments.of("range 50-50 at 50 gives 1", range("50", "50", null), "50", "1", "1"),
        Arguments.of("range 50-50 at 50.1 gives 0", range("50", "50", null), "50.1", "0", "0"),
        Arguments.of("binary at 1 gives 1", keyResult("kr", "o", Measurement.BINARY), "1", "1",
            "1"),
        Arguments.of("binary at 0 gives 0", keyResult("kr", "o", Measurement.BINARY), "0", "0",
            "0"));
  }

  private static NodeDef.Builder flatDecrease() {
    return keyResult("kr", "o", Measurement.DECREASE).start(dec(5)).target(dec(5));
  }

  private static NodeDef.Builder range(String low, String high, String tolerance) {
    return keyResult("kr", "o", Measurement.RANGE).low(dec(low)).high(dec(high))
        .tolerance(tolerance == null ? null : dec(tolerance));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void valueMeasurements(String name, NodeDef.Builder keyResult, String current, String raw,
                         String progress) {
    GoalEngine engine = engineWith(keyResult);

    engine.apply(value("kr", current, day(44)));

    NodeState state = state(engine, "kr");
    assertThat(state.raw()).isEqualByComparingTo(raw);
    assertThat(state.progress()).isEqualByComparingTo(progress);
    assertThat(state.noData()).isFalse();
  }

  static Stream<Arguments> milestoneWeights() {
    return Stream.of(
        Arguments.of("one of two equal milestones done gives 0.5",
            milestones(milestone("a", null, true), milestone("b", null, false)), "0.5"),
        Arguments.of("done weight 1 of total 4 gives 0.25",
            milestones(milestone("a", "1", true), milestone("b", "3", false)), "0.25"),
        Arguments.of("done weight 3 of total 4 gives 0.75",
            milestones(milestone("a", "1", false), milestone("b", "3", true)), "0.75"),
        Arguments.of("all done gives 1",
            milestones(milestone("a", "2", true), milestone("b", "5", true)), "1"),
        Arguments.of("none done gives 0",
            milestones(milestone("a", "2", false), milestone("b", "5", false)), "0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void milestoneWeights(String name, List<MilestoneDef> milestones, String progress) {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.MILESTONE)
        .milestones(milestones));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo(progress);
  }

  @Test
  void milestoneMarkedDoneById() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.MILESTONE)
        .milestones(milestones(milestone("a", "1", false), milestone("b", "3", false))));

    engine.apply(milestoneDone("kr", "b", true, day(40)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.75");
  }

  @Test
  void milestoneMarkedDoneByTitle() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.MILESTONE)
        .milestones(milestones(milestone("a", "1", false), milestone("b", "3", false))));

    engine.apply(milestoneDone("kr", "Milestone a", true, day(40)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.25");
  }

  @Test
  void milestoneListEmptyHasNoData() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.MILESTONE));

    NodeState state = state(engine, "kr");
    assertThat(state.noData()).isTrue();
    assertThat(state.status()).isEqualTo(Status.PENDING);
  }

  @Test
  void unknownMilestoneChangesNothing() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.MILESTONE)
        .milestones(milestones(milestone("a", "1", false))));

    Changes changes = engine.apply(milestoneDone("kr", "missing", true, day(40)));

    assertThat(changes.applied()).isFalse();
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void keyResultFollowsKpiMeasurement() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.KPI).kpiId("k")
        .start(dec(100)).target(dec(200)));
    engine.upsertNode(kpi("k").build());

    engine.apply(value("k", "150", day(40), "metrics"));

    NodeState state = state(engine, "kr");
    assertThat(state.current()).isEqualByComparingTo("150");
    assertThat(state.progress()).isEqualByComparingTo("0.5");
    assertThat(state.updatedAt()).isEqualTo(day(40));
    assertThat(state.source()).isEqualTo("metrics");
  }

  @Test
  void lateFollowerTakesKpiValue() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("k").build());
    engine.apply(value("k", "150", day(40)));
    engine.upsertNode(objective("o").build());

    engine.upsertNode(keyResult("kr", "o", Measurement.KPI).kpiId("k").start(dec(100))
        .target(dec(200)).build());

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.5");
  }

  @Test
  void kpiFollowerDownwardDecreases() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.KPI).kpiId("k")
        .start(dec(20)).target(dec(10)));
    engine.upsertNode(kpi("k").build());

    engine.apply(value("k", "12", day(40)));

    NodeState state = state(engine, "kr");
    assertThat(state.progress()).isEqualByComparingTo("0.8");
    assertThat(state.direction()).isEqualTo(Measurement.DECREASE);
  }

  @Test
  void kpiFollowerStoredDirection() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.KPI).kpiId("k")
        .start(dec(10)).target(dec(10)).direction(Measurement.DECREASE));
    engine.upsertNode(kpi("k").build());

    engine.apply(value("k", "9", day(40)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("1");
  }

  static Stream<Arguments> workItems() {
    return Stream.of(
        Arguments.of("points: 5 of 8 done gives 0.625",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, "5", day(1)),
                workItem("kr", "A-2", WorkStatus.TODO, "3", day(1))),
            "0.625", "points", "5", "8", 2),
        Arguments.of("item without estimate is left out when others have points",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, "5", day(1)),
                workItem("kr", "A-2", WorkStatus.TODO, "5", day(1)),
                workItem("kr", "A-3", WorkStatus.TODO, null, day(1))),
            "0.5", "points", "5", "10", 3),
        Arguments.of("no estimates: 1 of 3 done by count gives 0.3333",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, null, day(1)),
                workItem("kr", "A-2", WorkStatus.IN_PROGRESS, null, day(1)),
                workItem("kr", "A-3", WorkStatus.TODO, null, day(1))),
            "0.3333", "count", "1", "3", 3),
        Arguments.of("cleared estimate falls back to count",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, "8", day(1)),
                workItem("kr", "A-2", WorkStatus.TODO, null, day(1)),
                workItem("kr", "A-1", WorkStatus.DONE, null, day(2))),
            "0.5", "count", "1", "2", 2),
        Arguments.of("deleted item leaves the rollup",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, "3", day(1)),
                workItem("kr", "A-2", WorkStatus.TODO, "3", day(1)),
                deletedItem("kr", "A-2", day(2))),
            "1", "points", "3", "3", 1),
        Arguments.of("older update of an item is ignored",
            List.of(workItem("kr", "A-1", WorkStatus.DONE, "3", day(2)),
                workItem("kr", "A-2", WorkStatus.TODO, "1", day(2)),
                workItem("kr", "A-1", WorkStatus.TODO, "3", day(1))),
            "0.75", "points", "3", "4", 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void workItems(String name, List<Observation.WorkItem> items, String progress, String basis,
                 String done, String total, int count) {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.WORK_ITEMS));

    engine.applyAll(items);

    NodeState state = state(engine, "kr");
    assertThat(state.progress()).isEqualByComparingTo(progress);
    assertThat(state.workBasis()).isEqualTo(basis);
    assertThat(state.workDone()).isEqualByComparingTo(done);
    assertThat(state.workTotal()).isEqualByComparingTo(total);
    assertThat(state.workItems()).isEqualTo(count);
  }

  @Test
  void workItemsAllDeletedHaveNoData() {
    GoalEngine engine = engineWith(keyResult("kr", "o", Measurement.WORK_ITEMS));
    engine.apply(workItem("kr", "A-1", WorkStatus.DONE, "3", day(1)));

    engine.apply(deletedItem("kr", "A-1", day(2)));

    NodeState state = state(engine, "kr");
    assertThat(state.noData()).isTrue();
    assertThat(state.status()).isEqualTo(Status.PENDING);
  }

  @Test
  void initiativeProgressComesFromWorkItems() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(Fixtures.initiative("i").build());

    engine.apply(workItem("i", "A-1", WorkStatus.DONE, "2", day(1)));
    engine.apply(workItem("i", "A-2", WorkStatus.TODO, "6", day(1)));

    assertThat(state(engine, "i").progress()).isEqualByComparingTo("0.25");
  }

  @Test
  void initiativeDoesNotRollUpIntoObjective() {
    GoalEngine engine = engineWith(metric("kr", "o", 0, 100));
    engine.upsertNode(Fixtures.initiative("i").parentId("kr").build());
    engine.apply(value("kr", "40", day(44)));

    engine.apply(workItem("i", "A-1", WorkStatus.DONE, "2", day(44)));

    assertThat(state(engine, "i").progress()).isEqualByComparingTo("1");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.4");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.4");
  }

  @Test
  void keyResultWithoutValueHasNoData() {
    GoalEngine engine = engineWith(metric("kr", "o", 0, 100));

    NodeState state = state(engine, "kr");
    assertThat(state.progress()).isEqualByComparingTo("0");
    assertThat(state.noData()).isTrue();
    assertThat(state.status()).isEqualTo(Status.PENDING);
  }

  @Test
  void confidenceOnlyKeepsNoData() {
    GoalEngine engine = engineWith(metric("kr", "o", 0, 100));

    engine.apply(checkIn("kr", null, 8, day(44)));

    NodeState state = state(engine, "kr");
    assertThat(state.noData()).isTrue();
    assertThat(state.confidence()).isEqualTo(8);
  }

  @Test
  void progressHasFourDecimals() {
    GoalEngine engine = engineWith(metric("kr", "o", 0, 7));

    engine.apply(value("kr", "1", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualTo(dec("0.1429"));
  }
}
