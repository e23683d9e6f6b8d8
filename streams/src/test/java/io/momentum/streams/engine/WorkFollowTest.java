package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.deletedItem;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.initiative;
import static io.momentum.streams.engine.Fixtures.keyResult;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.workItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Key results measured by work items that follow the work of initiatives. */
class WorkFollowTest {

  private static GoalEngine engine() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(initiative("i1").build());
    engine.upsertNode(initiative("i2").build());
    return engine;
  }

  private static NodeDef following(String... initiativeIds) {
    return keyResult("kr", "o", Measurement.WORK_ITEMS).workFrom(List.of(initiativeIds)).build();
  }

  private static List<String> ids(Changes changes) {
    return changes.nodes().stream().map(NodeState::id).toList();
  }

  @Test
  void deliveryMovesInitiativeKeyResultAndObjective() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "2", day(44)));

    Changes changes = engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "6", day(44)));

    assertThat(ids(changes)).containsExactlyInAnyOrder("i1", "kr", "o");
    assertThat(state(engine, "i1").progress()).isEqualByComparingTo("0.25");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.25");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.25");
  }

  @Test
  void keyResultCountsOwnAndInitiativeItems() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));

    engine.apply(workItem("kr", "B-1", WorkStatus.DONE, "4", day(44)));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "2", day(44)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "6", day(44)));

    NodeState kr = state(engine, "kr");
    assertThat(kr.progress()).isEqualByComparingTo("0.5");
    assertThat(kr.workDone()).isEqualByComparingTo("6");
    assertThat(kr.workTotal()).isEqualByComparingTo("12");
    assertThat(kr.workItems()).isEqualTo(3);
  }

  @Test
  void itemInTwoInitiativesCountsOnce() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1", "i2"));

    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "2", day(44)));
    engine.apply(workItem("i2", "A-1", WorkStatus.DONE, "2", day(44)));
    engine.apply(workItem("i2", "A-2", WorkStatus.TODO, "2", day(44)));

    NodeState kr = state(engine, "kr");
    assertThat(kr.progress()).isEqualByComparingTo("0.5");
    assertThat(kr.workItems()).isEqualTo(2);
  }

  @Test
  void itemCountedWithItsNewestCopy() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1", "i2"));
    engine.apply(workItem("i1", "A-1", WorkStatus.TODO, "3", day(40)));
    engine.apply(workItem("i2", "A-2", WorkStatus.TODO, "1", day(40)));

    engine.apply(workItem("i2", "A-1", WorkStatus.DONE, "3", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.75");
  }

  @Test
  void countBasisWithoutPoints() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));

    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, null, day(44)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, null, day(44)));
    engine.apply(workItem("i1", "A-3", WorkStatus.IN_PROGRESS, null, day(44)));

    NodeState kr = state(engine, "kr");
    assertThat(kr.progress()).isEqualByComparingTo("0.3333");
    assertThat(kr.workBasis()).isEqualTo("count");
  }

  @Test
  void moveToUnfollowedInitiativeLeavesKeyResult() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "3", day(40)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(40)));

    Changes changes = engine.applyAll(List.of(deletedItem("i1", "A-1", day(44)),
        workItem("i2", "A-1", WorkStatus.DONE, "3", day(44))));

    assertThat(ids(changes)).contains("i1", "i2", "kr", "o");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0");
    assertThat(state(engine, "kr").workItems()).isEqualTo(1);
    assertThat(state(engine, "i2").progress()).isEqualByComparingTo("1");
  }

  @Test
  void moveBetweenFollowedInitiativesCountsOnce() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1", "i2"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "3", day(40)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(40)));

    engine.applyAll(List.of(deletedItem("i1", "A-1", day(44)),
        workItem("i2", "A-1", WorkStatus.DONE, "3", day(44))));

    NodeState kr = state(engine, "kr");
    assertThat(kr.progress()).isEqualByComparingTo("0.75");
    assertThat(kr.workItems()).isEqualTo(2);
  }

  @Test
  void deletionLeavesKeyResult() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "3", day(40)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(40)));

    engine.apply(deletedItem("i1", "A-2", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("1");
  }

  @Test
  void settingWorkFromRecomputesAtOnce() {
    GoalEngine engine = engine();
    engine.upsertNode(keyResult("kr", "o", Measurement.WORK_ITEMS).build());
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "3", day(44)));
    assertThat(state(engine, "kr").noData()).isTrue();

    Changes changes = engine.upsertNode(following("i1"));

    assertThat(ids(changes)).contains("kr", "o");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.25");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.25");
  }

  @Test
  void changingWorkFromSwitchesInitiatives() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));
    engine.apply(workItem("i2", "B-1", WorkStatus.DONE, "1", day(44)));
    engine.apply(workItem("i2", "B-2", WorkStatus.TODO, "1", day(44)));

    engine.upsertNode(following("i2"));
    Changes afterDelivery = engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.5");
    assertThat(ids(afterDelivery)).containsExactly("i1");
  }

  @Test
  void clearingWorkFromKeepsOwnItems() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("kr", "B-1", WorkStatus.TODO, "1", day(44)));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "3", day(44)));

    engine.upsertNode(following());

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0");
    assertThat(state(engine, "kr").workItems()).isEqualTo(1);
  }

  @Test
  void initiativeDefinedLaterStillFollowed() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(following("i1"));

    engine.upsertNode(initiative("i1").build());
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "2", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("1");
  }

  @Test
  void removedInitiativeLeavesKeyResult() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1", "i2"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));
    engine.apply(workItem("i2", "B-1", WorkStatus.TODO, "1", day(44)));

    Changes changes = engine.removeNode("i1");

    assertThat(ids(changes)).contains("kr", "o");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0");
    assertThat(state(engine, "kr").workItems()).isEqualTo(1);
  }

  @Test
  void removedKeyResultNoLongerFollows() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.removeNode("kr");

    Changes changes = engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));

    assertThat(ids(changes)).containsExactly("i1");
    assertThat(engine.node("kr")).isEmpty();
  }

  @Test
  void metricKeyResultIgnoresWorkFrom() {
    GoalEngine engine = engine();
    engine.upsertNode(metric("kr", "o", 0, 10).workFrom(List.of("i1")).build());

    Changes changes = engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));

    assertThat(ids(changes)).containsExactly("i1");
    assertThat(state(engine, "kr").noData()).isTrue();
  }

  @Test
  void closedCycleKeepsFinalItems() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));
    engine.upsertCycle(Fixtures.closedQuarter());

    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(95)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("1");
  }

  @Test
  void reopenedCycleCountsItemsSinceClosing() {
    GoalEngine engine = engine();
    engine.upsertNode(following("i1"));
    engine.apply(workItem("i1", "A-1", WorkStatus.DONE, "1", day(44)));
    engine.upsertCycle(Fixtures.closedQuarter());
    engine.apply(workItem("i1", "A-2", WorkStatus.TODO, "1", day(95)));

    engine.upsertCycle(Fixtures.quarter());

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.5");
  }
}
