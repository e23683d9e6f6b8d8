package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.ORG;
import static io.momentum.streams.engine.Fixtures.TEAM;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.outcome;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.strategy;
import static io.momentum.streams.engine.Fixtures.unit;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Node versions, board membership and board versions. */
class BoardVersionTest {

  private static final BoardRef UNIT_BOARD = new BoardRef(BoardRef.Type.UNIT, TEAM);
  private static final BoardRef PORTFOLIO = new BoardRef(BoardRef.Type.PORTFOLIO, ORG);

  private static BoardRef goal(String id) {
    return new BoardRef(BoardRef.Type.GOAL, id);
  }

  /** Objective "o" with key results kr1 and kr2 in the top-level unit. */
  private static GoalEngine objectiveWithTwoKeyResults() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr1", "o", 0, 100).build());
    engine.upsertNode(metric("kr2", "o", 0, 100).build());
    return engine;
  }

  private static long version(GoalEngine engine, BoardRef board) {
    return engine.boardVersion(board).orElseThrow();
  }

  private static long memberSum(GoalEngine engine, BoardRef board) {
    long nodes = engine.boardNodes(board).stream().mapToLong(NodeState::version).sum();
    long units = engine.boardUnits(board).stream().mapToLong(UnitSummary::version).sum();
    return nodes + units;
  }

  @Test
  void newNodeStartsAtVersionOne() {
    GoalEngine engine = engineAt(clockAtDay(45));
    long before = version(engine, UNIT_BOARD);

    Changes changes = engine.upsertNode(objective("o").build());

    assertThat(state(engine, "o").version()).isEqualTo(1);
    assertThat(changes.boards().get(goal("o"))).isEqualTo(new Changes.VersionRange(0, 1));
    assertThat(changes.boards().get(UNIT_BOARD).to()).isEqualTo(before + 2);
  }

  @Test
  void valueChangeBumpsNodeAndAncestors() {
    GoalEngine engine = objectiveWithTwoKeyResults();
    long keyResult = state(engine, "kr1").version();
    long objective = state(engine, "o").version();

    engine.apply(value("kr1", "50", day(44)));

    assertThat(state(engine, "kr1").version()).isEqualTo(keyResult + 1);
    assertThat(state(engine, "o").version()).isEqualTo(objective + 1);
    assertThat(state(engine, "kr2").version()).isEqualTo(1);
  }

  @Test
  void boardVersionIsSumOfMemberVersions() {
    GoalEngine engine = objectiveWithTwoKeyResults();

    engine.apply(value("kr1", "50", day(44)));
    engine.apply(value("kr2", "20", day(44)));
    engine.apply(value("kr1", "60", day(44.5)));

    for (BoardRef board : new BoardRef[] {UNIT_BOARD, PORTFOLIO, goal("o"), goal("kr1")}) {
      assertThat(version(engine, board)).as(board.toString()).isEqualTo(memberSum(engine, board));
    }
  }

  @Test
  void changesReportEveryBoardRange() {
    GoalEngine engine = objectiveWithTwoKeyResults();
    long unitBefore = version(engine, UNIT_BOARD);
    long portfolioBefore = version(engine, PORTFOLIO);
    long goalBefore = version(engine, goal("o"));

    Changes changes = engine.apply(value("kr1", "50", day(44)));

    // kr1, o and the unit summary change. The unit board counts all 3, the portfolio counts o
    // and the summary, o's goal board counts kr1 and o, and kr1's goal board counts kr1.
    assertThat(changes.boards()).containsEntry(UNIT_BOARD,
        new Changes.VersionRange(unitBefore, unitBefore + 3));
    assertThat(changes.boards()).containsEntry(PORTFOLIO,
        new Changes.VersionRange(portfolioBefore, portfolioBefore + 2));
    assertThat(changes.boards()).containsEntry(goal("o"),
        new Changes.VersionRange(goalBefore, goalBefore + 2));
    assertThat(changes.boards()).containsEntry(goal("kr1"), new Changes.VersionRange(1, 2));
    assertThat(changes.boards()).doesNotContainKey(goal("kr2"));
  }

  @Test
  void boardsOfKeyResult() {
    GoalEngine engine = objectiveWithTwoKeyResults();

    assertThat(engine.boardsOf(state(engine, "kr1")))
        .containsExactlyInAnyOrder(goal("kr1"), goal("o"), UNIT_BOARD);
  }

  @Test
  void boardsOfObjectiveInTopLevelUnit() {
    GoalEngine engine = objectiveWithTwoKeyResults();

    assertThat(engine.boardsOf(state(engine, "o")))
        .containsExactlyInAnyOrder(goal("o"), UNIT_BOARD, PORTFOLIO);
  }

  @Test
  void childUnitObjectiveOffPortfolio() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertUnit(unit("child", TEAM));

    engine.upsertNode(objective("o").unitId("child").build());

    assertThat(engine.boardsOf(state(engine, "o"))).doesNotContain(PORTFOLIO);
  }

  @Test
  void kpiAndOutcomeBoards() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertCycle(strategy());

    engine.upsertNode(kpi("k").build());
    engine.upsertNode(outcome("so").build());

    assertThat(engine.boardsOf(state(engine, "k"))).containsExactlyInAnyOrder(goal("k"),
        UNIT_BOARD);
    assertThat(engine.boardsOf(state(engine, "so"))).containsExactlyInAnyOrder(goal("so"),
        PORTFOLIO);
  }

  @Test
  void unitSummaryBoards() {
    GoalEngine engine = engineAt(clockAtDay(45));

    UnitSummary summary = engine.units().iterator().next();

    assertThat(engine.boardsOf(summary)).containsExactly(UNIT_BOARD, PORTFOLIO);
  }

  @Test
  void reparentingMovesSubtreeBetweenGoalBoards() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("a").build());
    engine.upsertNode(objective("b").build());
    engine.upsertNode(objective("child").parentId("a").build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());

    Changes changes = engine.upsertNode(objective("child").parentId("b").build());

    assertThat(engine.boardNodes(goal("b"))).extracting(NodeState::id)
        .containsExactly("b", "child", "kr");
    assertThat(engine.boardNodes(goal("a"))).extracting(NodeState::id).containsExactly("a");
    assertThat(version(engine, goal("a"))).isEqualTo(memberSum(engine, goal("a")));
    assertThat(version(engine, goal("b"))).isEqualTo(memberSum(engine, goal("b")));
    assertThat(changes.boards().get(goal("b")).to()).isEqualTo(version(engine, goal("b")));
  }

  @Test
  void movedDescendantGetsNewVersion() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("a").build());
    engine.upsertNode(objective("b").build());
    engine.upsertNode(objective("child").parentId("a").build());
    engine.upsertNode(metric("kr", "child", 0, 100).build());

    Changes changes = engine.upsertNode(objective("child").parentId("b").build());

    assertThat(state(engine, "kr").version()).isEqualTo(2);
    assertThat(changes.nodes()).extracting(NodeState::id).contains("child", "kr");
    assertThat(engine.boardsOf(state(engine, "kr"))).contains(goal("b"))
        .doesNotContain(goal("a"));
  }

  @Test
  void leavingMemberLowersBoardVersion() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("a").build());
    engine.upsertNode(objective("b").build());
    engine.upsertNode(metric("kr", "a", 0, 100).build());
    engine.apply(value("kr", "40", day(44)));
    long before = version(engine, goal("a"));

    Changes changes = engine.upsertNode(metric("kr", "b", 0, 100).build());

    Changes.VersionRange range = changes.boards().get(goal("a"));
    assertThat(range.from()).isEqualTo(before);
    assertThat(range.to()).isLessThan(before);
    assertThat(range.to()).isEqualTo(memberSum(engine, goal("a")));
  }

  @Test
  void objectiveLeavesPortfolioWhenUnitGetsParent() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertUnit(unit("top", null));
    engine.upsertNode(objective("o").build());

    Changes changes = engine.upsertUnit(unit(TEAM, "top"));

    assertThat(changes.nodes()).extracting(NodeState::id).containsExactly("o");
    assertThat(engine.boardsOf(state(engine, "o"))).doesNotContain(PORTFOLIO);
    assertThat(version(engine, PORTFOLIO)).isEqualTo(memberSum(engine, PORTFOLIO));
  }

  @Test
  void unknownBoardHasNoVersion() {
    GoalEngine engine = engineAt(clockAtDay(45));

    assertThat(engine.boardVersion(goal("missing"))).isEmpty();
    assertThat(engine.boardVersion(new BoardRef(BoardRef.Type.PORTFOLIO, "other"))).isEmpty();
  }

  @Test
  void alignmentLoopIsRejected() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("a").build());
    engine.upsertNode(objective("b").parentId("a").build());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine.upsertNode(objective("a").parentId("b").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> b -> a");
    assertThat(state(engine, "a").parentId()).isNull();
  }
}
