package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
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

/** Least-squares forecast to the end of the cycle. */
class ForecastTest {

  private static GoalEngine oneKeyResult(NodeDef.Builder keyResult) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(keyResult.build());
    return engine;
  }

  static Stream<Arguments> missingForecast() {
    return Stream.of(
        Arguments.of("no values", new double[] {}, "has 0", "too_few_values", 0),
        Arguments.of("two values on two days", new double[] {10, 20}, "has 2", "too_few_values", 2),
        Arguments.of("three values on one day", new double[] {10.1, 10.2, 10.3}, "one day", "one_day", null),
        Arguments.of("values before the cycle do not count", new double[] {-5, -4, 10},
            "has 1", "too_few_values", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void missingForecast(String name, double[] days, String reason, String code, Integer points) {
    GoalEngine engine = oneKeyResult(metric("kr", "o", 0, 100));

    for (double day : days) {
      engine.apply(value("kr", "10", day(day)));
    }
    engine.tick(day(45));

    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isNull();
    assertThat(forecast.progress()).isNull();
    assertThat(forecast.reason()).contains(reason);
    assertThat(forecast.code()).isEqualTo(code);
    assertThat(forecast.points()).isEqualTo(points);
  }

  @Test
  void forecastFromScatteredPoints() {
    GoalEngine engine = oneKeyResult(metric("kr", "o", 0, 100));

    engine.apply(value("kr", "10", day(0)));
    engine.apply(value("kr", "12", day(10)));
    engine.apply(value("kr", "35", day(30)));

    // Least squares: slope 123/140 per day, intercept 7.2857; at day 90: 86.3571.
    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isEqualByComparingTo("86.3571");
    assertThat(forecast.progress()).isEqualByComparingTo("0.8636");
  }

  @Test
  void forecastProgressIsClamped() {
    GoalEngine engine = oneKeyResult(metric("kr", "o", 0, 50));

    engine.apply(value("kr", "10", day(10)));
    engine.apply(value("kr", "20", day(20)));
    engine.apply(value("kr", "30", day(30)));

    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isEqualByComparingTo("90");
    assertThat(forecast.progress()).isEqualByComparingTo("1");
  }

  @Test
  void decreaseForecast() {
    GoalEngine engine = oneKeyResult(metric("kr", "o", 100, 10));

    engine.apply(value("kr", "90", day(10)));
    engine.apply(value("kr", "80", day(20)));
    engine.apply(value("kr", "70", day(30)));

    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isEqualByComparingTo("10");
    assertThat(forecast.progress()).isEqualByComparingTo("1");
  }

  @Test
  void milestoneKeyResultHasNoForecast() {
    GoalEngine engine = oneKeyResult(keyResult("kr", "o", Measurement.MILESTONE));

    Forecast forecast = state(engine, "kr").forecast();
    assertThat(forecast.value()).isNull();
    assertThat(forecast.reason()).contains("milestone");
    assertThat(forecast.code()).isEqualTo("not_forecast");
  }

  @Test
  void objectiveHasNoForecast() {
    GoalEngine engine = oneKeyResult(metric("kr", "o", 0, 100));

    Forecast forecast = state(engine, "o").forecast();
    assertThat(forecast.value()).isNull();
    assertThat(forecast.reason()).contains("objectives");
  }
}
