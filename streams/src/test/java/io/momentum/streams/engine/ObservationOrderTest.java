package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.checkIn;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Late, equal-time and duplicate observations, and observations for unknown nodes. */
class ObservationOrderTest {

  private static GoalEngine oneKeyResult() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    return engine;
  }

  @Test
  void lateValueIsNotApplied() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "50", day(40)));
    long version = state(engine, "kr").version();

    Changes changes = engine.apply(value("kr", "20", day(39)));

    assertThat(changes.applied()).isFalse();
    assertThat(changes.isEmpty()).isTrue();
    assertThat(state(engine, "kr").current()).isEqualByComparingTo("50");
    assertThat(state(engine, "kr").version()).isEqualTo(version);
  }

  @Test
  void lateValueCountsForForecast() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "10", day(10)));
    engine.apply(value("kr", "30", day(30)));

    engine.apply(value("kr", "20", day(20)));
    engine.tick(day(45));

    NodeState state = state(engine, "kr");
    assertThat(state.current()).isEqualByComparingTo("30");
    assertThat(state.forecast().value()).isEqualByComparingTo("90");
  }

  @Test
  void equalTimeLaterArrivalWins() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "50", day(40), "first"));

    Changes changes = engine.apply(value("kr", "60", day(40), "second"));

    NodeState state = state(engine, "kr");
    assertThat(changes.applied()).isTrue();
    assertThat(state.current()).isEqualByComparingTo("60");
    assertThat(state.source()).isEqualTo("second");
  }

  @Test
  void duplicateValueChangesNothing() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "50", day(40)));

    Changes changes = engine.apply(value("kr", "50", day(40)));

    assertThat(changes.applied()).isFalse();
    assertThat(changes.boards()).isEmpty();
  }

  @Test
  void laterValueReplacesCurrent() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "50", day(40)));

    engine.apply(value("kr", "55", day(41)));

    NodeState state = state(engine, "kr");
    assertThat(state.current()).isEqualByComparingTo("55");
    assertThat(state.updatedAt()).isEqualTo(day(41));
  }

  @Test
  void lateValueNewerConfidence() {
    GoalEngine engine = oneKeyResult();
    engine.apply(checkIn("kr", null, 8, day(30)));
    engine.apply(value("kr", "50", day(40)));

    Changes changes = engine.apply(checkIn("kr", "10", 4, day(35)));

    NodeState state = state(engine, "kr");
    assertThat(changes.applied()).isTrue();
    assertThat(state.current()).isEqualByComparingTo("50");
    assertThat(state.confidence()).isEqualTo(4);
  }

  @Test
  void lateKpiMeasurementLeavesFollowerUnchanged() {
    GoalEngine engine = oneKeyResult();
    engine.upsertNode(kpi("k").build());
    engine.upsertNode(Fixtures.keyResult("follower", "o", Measurement.KPI).kpiId("k")
        .start(Fixtures.dec(0)).target(Fixtures.dec(100)).build());
    engine.apply(value("k", "70", day(40)));

    Changes changes = engine.apply(value("k", "20", day(39)));

    assertThat(changes.applied()).isFalse();
    assertThat(state(engine, "follower").current()).isEqualByComparingTo("70");
  }

  @Test
  void unknownNodeChangesNothing() {
    GoalEngine engine = oneKeyResult();

    Changes changes = engine.apply(value("missing", "1", day(40)));

    assertThat(changes).isEqualTo(Changes.none());
  }

  @Test
  void resolveFindsNodeByKeyAndId() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o-id").key("grow-revenue").build());

    assertThat(engine.resolve("grow-revenue")).contains("o-id");
    assertThat(engine.resolve("o-id")).contains("o-id");
    assertThat(engine.resolve("other")).isEmpty();
  }

  @Test
  void replacingDefinitionKeepsValues() {
    GoalEngine engine = oneKeyResult();
    engine.apply(value("kr", "50", day(40)));

    engine.upsertNode(metric("kr", "o", 0, 200).title("Renamed").build());

    NodeState state = state(engine, "kr");
    assertThat(state.current()).isEqualByComparingTo("50");
    assertThat(state.progress()).isEqualByComparingTo("0.25");
    assertThat(state.title()).isEqualTo("Renamed");
  }
}
