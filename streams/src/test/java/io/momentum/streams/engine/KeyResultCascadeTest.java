package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.ORG;
import static io.momentum.streams.engine.Fixtures.TEAM;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.unit;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A team objective aligned to a company key result: it shows under the key result and on its
 * boards, and it does not change the key result's progress.
 */
class KeyResultCascadeTest {

  private static final String SQUAD = "squad";

  private static BoardRef goal(String id) {
    return new BoardRef(BoardRef.Type.GOAL, id);
  }

  /** Company objective "co" with key result "ckr" at 0.4; squad objective "so" below "ckr". */
  private static GoalEngine cascade() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertUnit(unit(SQUAD, TEAM));
    engine.upsertNode(objective("co").build());
    engine.upsertNode(metric("ckr", "co", 0, 100).build());
    engine.upsertNode(objective("so").unitId(SQUAD).parentId("ckr").build());
    engine.upsertNode(metric("skr", "so", 0, 10).build());
    engine.apply(value("ckr", "40", day(44)));
    return engine;
  }

  @Test
  void childObjectiveShowsUnderKeyResult() {
    GoalEngine engine = cascade();

    assertThat(engine.boardNodes(goal("ckr"))).extracting(NodeState::id)
        .containsExactly("ckr", "so", "skr");
    assertThat(engine.boardNodes(goal("co"))).extracting(NodeState::id)
        .containsExactly("co", "ckr", "so", "skr");
    assertThat(state(engine, "so").parentId()).isEqualTo("ckr");
  }

  @Test
  void childObjectiveIsOnItsOwnUnitBoard() {
    GoalEngine engine = cascade();

    assertThat(engine.boardNodes(new BoardRef(BoardRef.Type.UNIT, SQUAD)))
        .extracting(NodeState::id).containsExactlyInAnyOrder("so", "skr");
    assertThat(engine.boardNodes(new BoardRef(BoardRef.Type.PORTFOLIO, ORG)))
        .extracting(NodeState::id).containsExactly("co");
  }

  @Test
  void childProgressDoesNotMoveKeyResult() {
    GoalEngine engine = cascade();
    long before = state(engine, "ckr").version();

    Changes changes = engine.apply(value("skr", "9", day(44)));

    assertThat(state(engine, "so").progress()).isEqualByComparingTo("0.9");
    assertThat(state(engine, "ckr").progress()).isEqualByComparingTo("0.4");
    assertThat(state(engine, "co").progress()).isEqualByComparingTo("0.4");
    assertThat(state(engine, "ckr").version()).isEqualTo(before);
    assertThat(changes.nodes()).extracting(NodeState::id).containsExactly("skr", "so");
    assertThat(changes.boards()).containsKeys(goal("ckr"), goal("co"));
  }

  @Test
  void keyResultBoardVersionCountsChildObjective() {
    GoalEngine engine = cascade();

    engine.apply(value("skr", "9", day(44)));

    long sum = engine.boardNodes(goal("ckr")).stream().mapToLong(NodeState::version).sum();
    assertThat(engine.boardVersion(goal("ckr")).orElseThrow()).isEqualTo(sum);
  }

  @Test
  void keyResultUnderItsChildObjectiveIsLoop() {
    GoalEngine engine = cascade();

    assertThatThrownBy(() -> engine.upsertNode(metric("ckr", "so", 0, 100).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alignment loop ckr -> so -> ckr");
  }
}
