package io.momentum.streams.engine;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Zones of metric key results, with stored levels and with the default 3/7 and 10/7 levels. */
class ZoneTest {

  static Stream<Arguments> zones() {
    NodeDef.Builder defaults = metric("kr", "o", 0, 70);
    NodeDef.Builder stored = metric("kr", "o", 0, 70).commit(dec(50)).stretch(dec(80));
    NodeDef.Builder downward = metric("kr", "o", 100, 30);
    return Stream.of(
        Arguments.of("default levels: 29 is fail", defaults, "29", "fail"),
        Arguments.of("default levels: 30 is commit", defaults, "30", "commit"),
        Arguments.of("default levels: 70 is target", defaults, "70", "target"),
        Arguments.of("default levels: 99.99 is target", defaults, "99.99", "target"),
        Arguments.of("default levels: 100 is stretch", defaults, "100", "stretch"),
        Arguments.of("stored levels: 45 is fail", stored, "45", "fail"),
        Arguments.of("stored levels: 50 is commit", stored, "50", "commit"),
        Arguments.of("stored levels: 80 is stretch", stored, "80", "stretch"),
        Arguments.of("decrease 100 to 30: 70 is commit", downward, "70", "commit"),
        Arguments.of("decrease 100 to 30: 71 is fail", downward, "71", "fail"),
        Arguments.of("decrease 100 to 30: 0 is stretch", downward, "0", "stretch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void zones(String name, NodeDef.Builder keyResult, String current, String zone) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(keyResult.build());

    engine.apply(value("kr", current, day(44)));

    assertThat(state(engine, "kr").zone()).isEqualTo(zone);
  }

  @Test
  void defaultLevelsAreRoundedToFourDecimals() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());

    engine.upsertNode(metric("kr", "o", 0, 10).build());

    NodeState state = state(engine, "kr");
    assertThat(state.commit()).isEqualTo(dec("4.2857"));
    assertThat(state.stretch()).isEqualTo(dec("14.2857"));
    assertThat(state.zone()).isNull();
  }

  @Test
  void zonesDoNotChangeProgress() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 70).commit(dec(60)).build());

    engine.apply(value("kr", "35", day(44)));

    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.5");
  }

  @Test
  void rangeKeyResultHasNoZone() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(keyResult("kr", "o", Measurement.RANGE).low(dec(1)).high(dec(2)).build());

    engine.apply(value("kr", "1.5", day(44)));

    NodeState state = state(engine, "kr");
    assertThat(state.zone()).isNull();
    assertThat(state.commit()).isNull();
  }
}
