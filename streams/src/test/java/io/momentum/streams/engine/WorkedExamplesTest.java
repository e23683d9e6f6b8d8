package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.checkIn;
import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.keyResult;
import static io.momentum.streams.engine.Fixtures.metric;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ten worked examples of the goal semantics, one table row each. */
class WorkedExamplesTest {

  static Stream<Arguments> keyResultProgress() {
    return Stream.of(
        Arguments.of("1: increase 20 to 50 at 35 gives raw 0.5, p 0.5",
            metric("kr", "o", 20, 50), "35", "0.5", "0.5"),
        Arguments.of("2: decrease 12 to 4 at 6 gives raw 0.75, p 0.75",
            metric("kr", "o", 12, 4), "6", "0.75", "0.75"),
        Arguments.of("3: increase 0 to 100 at 130 gives raw 1.3, p 1",
            metric("kr", "o", 0, 100), "130", "1.3", "1"),
        Arguments.of("4: range 95-99 tolerance 4 at 93 gives raw 0.5",
            keyResult("kr", "o", Measurement.RANGE).low(dec(95)).high(dec(99))
                .tolerance(dec(4)), "93", "0.5", "0.5"),
        Arguments.of("8: increase 100 to 100 at 100 gives p 1",
            metric("kr", "o", 100, 100), "100", "1", "1"),
        Arguments.of("8: increase 100 to 100 at 90 gives p 0",
            metric("kr", "o", 100, 100), "90", "0", "0"),
        Arguments.of("9: increase 20 to 50 at 12 gives raw -0.2667, p 0",
            metric("kr", "o", 20, 50), "12", "-0.2667", "0"),
        Arguments.of("10: increase 0 to 70 at 45 gives p 0.6429",
            metric("kr", "o", 0, 70), "45", "0.6429", "0.6429"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void keyResultProgress(String name, NodeDef.Builder keyResult, String current, String raw,
                         String progress) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(keyResult.build());

    engine.apply(value("kr", current, day(44)));

    NodeState state = state(engine, "kr");
    assertThat(state.raw()).isEqualByComparingTo(raw);
    assertThat(state.progress()).isEqualByComparingTo(progress);
  }

  static Stream<Arguments> objectiveRollup() {
    return Stream.of(
        Arguments.of("5: p 0.2 (w 1) and 0.8 (w 3) give 0.65", "20", "1", "80", "3", "0.65"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void objectiveRollup(String name, String first, String firstWeight, String second,
                       String secondWeight, String progress) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr1", "o", 0, 100).weight(dec(firstWeight)).build());
    engine.upsertNode(metric("kr2", "o", 0, 100).weight(dec(secondWeight)).build());

    engine.apply(value("kr1", first, day(44)));
    engine.apply(value("kr2", second, day(44)));

    assertThat(state(engine, "o").progress()).isEqualByComparingTo(progress);
  }

  static Stream<Arguments> objectiveStatus() {
    return Stream.of(
        Arguments.of("6: day 45 of 90 at p 0.30 is at risk", null, Status.AT_RISK),
        Arguments.of("6: day 45 of 90 at p 0.30 with confidence 3 is off track", 3,
            Status.OFF_TRACK));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void objectiveStatus(String name, Integer confidence, Status status) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());

    engine.apply(checkIn("kr", "30", confidence, day(44)));

    NodeState objective = state(engine, "o");
    assertThat(objective.progress()).isEqualByComparingTo("0.3");
    assertThat(objective.expected()).isEqualByComparingTo("0.5");
    assertThat(objective.status()).isEqualTo(status);
  }

  static Stream<Arguments> forecast() {
    return Stream.of(
        Arguments.of("7: 10, 20, 30 on days 10, 20, 30 toward 120 forecast 90 and 0.75",
            new double[] {10, 20, 30}, new String[] {"10", "20", "30"}, 120, "90", "0.75"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void forecast(String name, double[] days, String[] values, long target, String value,
                String progress) {
    GoalEngine engine = engineAt(clockAtDay(31));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, target).build());

    for (int i = 0; i < days.length; i++) {
      engine.apply(checkIn("kr", values[i], null, day(days[i])));
    }

    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isEqualByComparingTo(value);
    assertThat(forecast.progress()).isEqualByComparingTo(progress);
    assertThat(forecast.reason()).isNull();
  }

  static Stream<Arguments> zone() {
    return Stream.of(
        Arguments.of("10: increase 0 to 70 at 45 without levels: commit 30, stretch 100",
            0, 70, "45", "30", "100", "commit", "0.6429"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void zone(String name, long start, long target, String current, String commit,
            String stretch, String zone, String progress) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", start, target).build());

    engine.apply(value("kr", current, day(44)));

    NodeState state = state(engine, "kr");
    assertThat(state.commit()).isEqualByComparingTo(commit);
    assertThat(state.stretch()).isEqualByComparingTo(stretch);
    assertThat(state.zone()).isEqualTo(zone);
    assertThat(state.progress()).isEqualByComparingTo(progress);
  }
}
