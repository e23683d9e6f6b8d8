package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.objective;
import static io.momentum.streams.engine.Fixtures.state;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.streams.engine.formula.FormulaException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KPIs whose value a formula computes from their drivers' latest values. */
class DerivedKpiTest {

  static NodeDef.DriverDef driver(String kpiId, String variable) {
    return new NodeDef.DriverDef(kpiId, variable, dec(1));
  }

  /** revenue = orders * aov, with the two drivers defined. */
  static GoalEngine revenueEngine(String formula) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("orders").build());
    engine.upsertNode(kpi("aov").build());
    engine.upsertNode(kpi("revenue").formula(formula)
        .drivers(List.of(driver("orders", "orders"), driver("aov", "aov"))).build());
    return engine;
  }

  static Stream<Arguments> formulas() {
    return Stream.of(
        Arguments.of("orders * aov", "1200", "45.5", "54600"),
        Arguments.of("round(orders * aov / 1000, 1)", "1200", "45.5", "54.6"),
        Arguments.of("orders / aov", "10", "3", "3.333333333333333"),
        Arguments.of("orders / aov", "10", "0", null),
        Arguments.of("max(orders - aov, 0)", "10", "30", "0"),
        Arguments.of("-orders + abs(aov)", "10", "-4", "-6"));
  }

  @ParameterizedTest(name = "{0} with orders {1} and aov {2} is {3}")
  @MethodSource("formulas")
  void computesFromDrivers(String formula, String orders, String aov, String expected) {
    GoalEngine engine = revenueEngine(formula);

    engine.apply(value("orders", orders, day(40)));
    engine.apply(value("aov", aov, day(41)));

    NodeState revenue = state(engine, "revenue");
    if (expected == null) {
      assertThat(revenue.current()).isNull();
      assertThat(revenue.noData()).isTrue();
    } else {
      assertThat(revenue.current()).isEqualByComparingTo(expected);
      assertThat(revenue.noData()).isFalse();
    }
  }

  @Test
  void missingDriverValueGivesNoValue() {
    GoalEngine engine = revenueEngine("orders * aov");

    engine.apply(value("orders", "1200", day(40)));

    assertThat(state(engine, "revenue").current()).isNull();
    assertThat(state(engine, "revenue").status()).isEqualTo(Status.PENDING);
  }

  @Test
  void takesLatestDriverTimeAndFormulaSource() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.apply(value("orders", "1200", day(41)));

    engine.apply(value("aov", "45.5", day(40)));

    NodeState revenue = state(engine, "revenue");
    assertThat(revenue.updatedAt()).isEqualTo(day(41));
    assertThat(revenue.source()).isEqualTo("formula");
  }

  @Test
  void driverChangeReportsDerivedKpiInChanges() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.apply(value("orders", "1200", day(40)));

    Changes changes = engine.apply(value("aov", "45.5", day(41)));

    assertThat(changes.nodes()).extracting(NodeState::id).containsExactly("aov", "revenue");
  }

  @Test
  void recomputesUpTheDriverChain() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.upsertNode(kpi("cost").build());
    engine.upsertNode(kpi("margin").formula("revenue - cost")
        .drivers(List.of(driver("revenue", "revenue"), driver("cost", "cost"))).build());
    engine.apply(value("orders", "100", day(40)));
    engine.apply(value("aov", "10", day(40)));
    engine.apply(value("cost", "600", day(40)));

    Changes changes = engine.apply(value("orders", "120", day(42)));

    assertThat(state(engine, "margin").current()).isEqualByComparingTo("600");
    assertThat(changes.nodes()).extracting(NodeState::id)
        .containsExactly("orders", "revenue", "margin");
  }

  @Test
  void diamondEvaluatesTopOnceWithBothPaths() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("d").build());
    engine.upsertNode(kpi("b").formula("d * 2").drivers(List.of(driver("d", "d"))).build());
    engine.upsertNode(kpi("c").formula("d + 1").drivers(List.of(driver("d", "d"))).build());
    engine.upsertNode(kpi("a").formula("b + c")
        .drivers(List.of(driver("b", "b"), driver("c", "c"))).build());

    engine.apply(value("d", "10", day(40)));

    assertThat(state(engine, "a").current()).isEqualByComparingTo("31");
    assertThat(state(engine, "a").version()).isEqualTo(2);
  }

  @Test
  void keyResultFollowingDerivedKpiRollsUp() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.upsertNode(objective("o").build());
    engine.upsertNode(Fixtures.keyResult("kr", "o", Measurement.KPI).kpiId("revenue")
        .start(dec(0)).target(dec(1000)).build());
    engine.apply(value("orders", "10", day(40)));

    engine.apply(value("aov", "50", day(41)));

    assertThat(state(engine, "kr").current()).isEqualByComparingTo("500");
    assertThat(state(engine, "kr").progress()).isEqualByComparingTo("0.5");
    assertThat(state(engine, "o").progress()).isEqualByComparingTo("0.5");
  }

  @Test
  void measurementSentToDerivedKpiIsNotApplied() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.apply(value("orders", "10", day(40)));
    engine.apply(value("aov", "50", day(40)));

    Changes changes = engine.apply(value("revenue", "999", day(44)));

    assertThat(changes.applied()).isFalse();
    assertThat(changes.rejection()).contains("revenue", "formula", "history only");
    assertThat(state(engine, "revenue").current()).isEqualByComparingTo("500");
  }

  @Test
  void lateDriverValueDoesNotRecompute() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.apply(value("orders", "10", day(40)));
    engine.apply(value("aov", "50", day(40)));

    Changes changes = engine.apply(value("orders", "20", day(30)));

    assertThat(changes.nodes()).isEmpty();
    assertThat(state(engine, "revenue").current()).isEqualByComparingTo("500");
  }

  @Test
  void formulaDefinedAfterValuesComputesAtOnce() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("orders").build());
    engine.apply(value("orders", "7", day(40)));

    engine.upsertNode(kpi("double").formula("orders * 2")
        .drivers(List.of(driver("orders", "orders"))).build());

    assertThat(state(engine, "double").current()).isEqualByComparingTo("14");
  }

  @Test
  void droppingFormulaClearsComputedValue() {
    GoalEngine engine = revenueEngine("orders * aov");
    engine.apply(value("orders", "10", day(40)));
    engine.apply(value("aov", "50", day(40)));

    engine.upsertNode(kpi("revenue").drivers(List.of(driver("orders", "orders"))).build());

    assertThat(state(engine, "revenue").current()).isNull();
    assertThat(engine.apply(value("revenue", "800", day(44))).applied()).isTrue();
  }

  @Test
  void driverLoopIsRejectedNamingIt() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("a").build());
    engine.upsertNode(kpi("b").drivers(List.of(driver("a", "a"))).build());
    engine.upsertNode(kpi("c").drivers(List.of(driver("b", "b"))).build());

    assertThatThrownBy(() -> engine.upsertNode(kpi("a").drivers(List.of(driver("c", "c")))
        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driver loop a -> c -> b -> a");
    assertThat(engine.driverTree("a", 1).orElseThrow().drivers()).isEmpty();
  }

  @Test
  void selfDriverIsRejected() {
    GoalEngine engine = engineAt(clockAtDay(45));

    assertThatThrownBy(() -> engine.upsertNode(kpi("a").drivers(List.of(driver("a", "a")))
        .build()))
        .hasMessageContaining("driver loop a -> a");
  }

  @Test
  void formulaWithUnknownVariableIsRejected() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("orders").build());

    assertThatThrownBy(() -> engine.upsertNode(kpi("revenue").formula("orders * price")
        .drivers(List.of(driver("orders", "orders"))).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'price' names no driver");
    assertThat(engine.node("revenue")).isEmpty();
  }

  @Test
  void invalidFormulaIsRejectedWithPosition() {
    GoalEngine engine = engineAt(clockAtDay(45));

    assertThatThrownBy(() -> engine.upsertNode(kpi("revenue").formula("sqrt(orders)")
        .drivers(List.of(driver("orders", "orders"))).build()))
        .isInstanceOf(FormulaException.class)
        .hasMessageContaining("unknown function 'sqrt' at 1");
  }
}
