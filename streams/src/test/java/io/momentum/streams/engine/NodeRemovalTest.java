package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.ORG;
import static io.momentum.streams.engine.Fixtures.TEAM;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Removing nodes: rollups, unit summaries, boards, followers and derived KPIs. */
class NodeRemovalTest {

  private static final BoardRef UNIT_BOARD = new BoardRef(BoardRef.Type.UNIT, TEAM);
  private static final BoardRef PORTFOLIO = new BoardRef(BoardRef.Type.PORTFOLIO, ORG);

  private static BoardRef goal(String id) {
    return new BoardRef(BoardRef.Type.GOAL, id);
  }

  /** Objective "o" with kr1 at 0.2 and kr2 at 0.8, in the top-level unit, under "parent". */
  private static GoalEngine twoKeyResults() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("parent").rollupChildren(true).build());
    engine.upsertNode(objective("o").parentId("parent").build());
    engine.upsertNode(metric("kr1", "o", 0, 100).build());
    engine.upsertNode(metric("kr2", "o", 0, 100).build());
    engine.apply(value("kr1", "20", day(44)));
    engine.apply(value("kr2", "80", day(44)));
    return engine;
  }

  private static long memberSum(GoalEngine engine, BoardRef board) {
    long nodes = engine.boardNodes(board).stream().mapToLong(NodeState::version).sum();
    long units = engine.boardUnits(board).stream().mapToLong(UnitSummary::version).sum();
    return nodes + units;
  }

  @Test
  void removedKeyResultLeavesRollup() {
    GoalEngine engine = twoKeyResults();

    Changes changes = engine.removeNode("kr1");

    assertThat(changes.removed()).containsExactly("kr1");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.8");
    assertThat(state(engine, "parent").progress()).isEqualByComparingTo("0.8");
    assertThat(engine.units()).singleElement()
        .satisfies(u -> assertThat(u.progress()).isEqualByComparingTo("0.8"));
    assertThat(changes.nodes()).extracting(NodeState::id).contains("o", "parent");
  }

  @Test
  void removedNodeIsGoneFromLookups() {
    GoalEngine engine = twoKeyResults();

    engine.removeNode("kr1");

    assertThat(engine.node("kr1")).isEmpty();
    assertThat(engine.resolve("kr1")).isEmpty();
    assertThat(engine.nodes()).extracting(NodeState::id).doesNotContain("kr1");
    assertThat(engine.boardVersion(goal("kr1"))).isEmpty();
  }

  @Test
  void boardVersionsStayMemberSums() {
    GoalEngine engine = twoKeyResults();

    Changes changes = engine.removeNode("kr1");

    for (BoardRef board : List.of(UNIT_BOARD, PORTFOLIO, goal("o"), goal("parent"))) {
      assertThat(engine.boardVersion(board).orElseThrow()).as("version of %s", board)
          .isEqualTo(memberSum(engine, board));
      assertThat(changes.boards().get(board).to()).as("range of %s", board)
          .isEqualTo(engine.boardVersion(board).orElseThrow());
    }
  }

  @Test
  void childrenOfRemovedObjectiveAreDetached() {
    GoalEngine engine = twoKeyResults();

    Changes changes = engine.removeNode("o");

    assertThat(engine.boardNodes(goal("parent"))).extracting(NodeState::id)
        .containsExactly("parent");
    assertThat(state(engine, "parent").noData()).isTrue();
    assertThat(state(engine, "kr1").parentId()).isEqualTo("o");
    assertThat(state(engine, "kr1").progress()).isEqualByComparingTo("0.2");
    assertThat(changes.nodes()).extracting(NodeState::id).contains("kr1", "kr2", "parent");
    assertThat(engine.boardVersion(goal("parent")).orElseThrow())
        .isEqualTo(memberSum(engine, goal("parent")));
  }

  @Test
  void removedObjectiveLeavesUnitSummary() {
    GoalEngine engine = twoKeyResults();

    engine.removeNode("o");

    UnitSummary unit = engine.units().iterator().next();
    assertThat(unit.objectives()).isEqualTo(1);
    assertThat(engine.boardNodes(PORTFOLIO)).extracting(NodeState::id)
        .containsExactly("parent");
  }

  @Test
  void objectiveAddedBackStartsAtVersionOne() {
    GoalEngine engine = twoKeyResults();
    engine.removeNode("o");

    engine.upsertNode(objective("o").parentId("parent").build());

    assertThat(state(engine, "o").version()).isEqualTo(1);
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.5");
    assertThat(state(engine, "parent").progress()).isEqualByComparingTo("0.5");
    assertThat(engine.boardVersion(goal("parent")).orElseThrow())
        .isEqualTo(memberSum(engine, goal("parent")));
  }

  @Test
  void followersOfRemovedKpiLoseValue() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("k").build());
    engine.upsertNode(objective("o").build());
    engine.upsertNode(Fixtures.keyResult("kr", "o", Measurement.KPI).kpiId("k")
        .start(dec(0)).target(dec(100)).build());
    engine.apply(value("k", "50", day(44)));

    engine.removeNode("k");

    assertThat(state(engine, "kr").current()).isNull();
    assertThat(state(engine, "kr").status()).isEqualTo(Status.PENDING);
    assertThat(state(engine, "o").noData()).isTrue();
  }

  @Test
  void derivedKpiLosesRemovedDriver() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("a").build());
    engine.upsertNode(kpi("sum").formula("a + 1")
        .drivers(List.of(new NodeDef.DriverDef("a", "a", dec(1)))).build());
    engine.apply(value("a", "4", day(44)));

    engine.removeNode("a");

    assertThat(state(engine, "sum").current()).isNull();
  }

  @Test
  void unknownNodeChangesNothing() {
    GoalEngine engine = twoKeyResults();

    assertThat(engine.removeNode("missing")).isEqualTo(Changes.none());
  }

  @Test
  void observationForRemovedNodeIsIgnored() {
    GoalEngine engine = twoKeyResults();
    engine.removeNode("kr1");

    Changes changes = engine.apply(value("kr1", "90", day(44)));

    assertThat(changes).isEqualTo(Changes.none());
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.8");
  }
}
