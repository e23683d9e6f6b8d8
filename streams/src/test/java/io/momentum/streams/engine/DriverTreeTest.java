package io.momentum.streams.engine;

import static io.momentum.streams.engine.Fixtures.clockAtDay;
import static io.momentum.streams.engine.Fixtures.day;
import static io.momentum.streams.engine.Fixtures.dec;
import static io.momentum.streams.engine.Fixtures.engineAt;
import static io.momentum.streams.engine.Fixtures.kpi;
import static io.momentum.streams.engine.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Driver trees with values and the sensitivity of each edge. */
class DriverTreeTest {

  /** A KPI "top" with drivers a and b, valued a = 1000 and b = 800, and the given formula. */
  private static GoalEngine twoDrivers(String formula, int weightA, int weightB) {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("a").build());
    engine.upsertNode(kpi("b").build());
    engine.upsertNode(kpi("top").formula(formula).drivers(List.of(
        new NodeDef.DriverDef("a", "a", dec(weightA)),
        new NodeDef.DriverDef("b", "b", dec(weightB)))).build());
    engine.apply(value("a", "1000", day(40)));
    engine.apply(value("b", "800", day(40)));
    return engine;
  }

  static Stream<Arguments> sensitivities() {
    return Stream.of(
        // formula, driver, absolute change, percent of the parent, estimated
        Arguments.of("a * b", 0, "8000", "1", false),
        Arguments.of("a * b", 1, "8000", "1", false),
        Arguments.of("a - b", 0, "10", "5", false),
        Arguments.of("a - b", 1, "-8", "-4", false),
        Arguments.of("a / b", 0, "0.0125", "1", false),
        Arguments.of("a / b", 1, "-0.012376237623762", "-0.9901", false),
        Arguments.of("max(a, b)", 1, "0", "0", false),
        Arguments.of(null, 0, "0.25", "0.25", true),
        Arguments.of(null, 1, "0.75", "0.75", true));
  }

  @ParameterizedTest(name = "{0}, driver {1}: {2} ({3} %)")
  @MethodSource("sensitivities")
  void sensitivityOfOnePercentRise(String formula, int driver, String change, String percent,
                                   boolean estimated) {
    GoalEngine engine = twoDrivers(formula, 1, 3);
    if (formula == null) {
      engine.apply(value("top", "100", day(41)));
    }

    DriverTree.Branch branch = engine.driverTree("top", 1).orElseThrow().drivers().get(driver);

    assertThat(branch.change()).isEqualByComparingTo(change);
    assertThat(branch.changePercent()).isEqualByComparingTo(percent);
    assertThat(branch.estimated()).isEqualTo(estimated);
  }

  @Test
  void driverBetterWhenLowerPullsAWeightedParentDown() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("customers").build());
    engine.upsertNode(kpi("churn").direction(Measurement.DECREASE).build());
    engine.upsertNode(kpi("revenue").drivers(List.of(
        new NodeDef.DriverDef("customers", "customers", dec(3)),
        new NodeDef.DriverDef("churn", "churn", dec(1)))).build());
    engine.apply(value("customers", "400", day(40)));
    engine.apply(value("churn", "4", day(40)));
    engine.apply(value("revenue", "200", day(41)));

    List<DriverTree.Branch> branches = engine.driverTree("revenue", 1).orElseThrow().drivers();

    assertThat(branches.get(0).changePercent()).isEqualByComparingTo("0.75");
    assertThat(branches.get(1).changePercent()).isEqualByComparingTo("-0.25");
    assertThat(branches.get(1).change()).isEqualByComparingTo("-0.5");
  }

  @Test
  void weightedParentWithoutValueHasOnlyPercent() {
    GoalEngine engine = twoDrivers(null, 1, 1);

    DriverTree.Branch branch = engine.driverTree("top", 1).orElseThrow().drivers().get(0);

    assertThat(branch.change()).isNull();
    assertThat(branch.changePercent()).isEqualByComparingTo("0.5");
  }

  @Test
  void zeroWeightsGiveNoEstimate() {
    GoalEngine engine = twoDrivers(null, 0, 0);

    DriverTree.Branch branch = engine.driverTree("top", 1).orElseThrow().drivers().get(0);

    assertThat(branch.change()).isNull();
    assertThat(branch.changePercent()).isNull();
  }

  @Test
  void driverWithoutValueHasNoSensitivity() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(kpi("a").build());
    engine.upsertNode(kpi("top").formula("a + 1").drivers(List.of(
        new NodeDef.DriverDef("a", "a", dec(1)))).build());

    DriverTree.Branch branch = engine.driverTree("top", 1).orElseThrow().drivers().get(0);

    assertThat(branch.change()).isNull();
    assertThat(branch.changePercent()).isNull();
  }

  @Test
  void zeroParentHasNoPercent() {
    GoalEngine engine = twoDrivers("a - b - 200", 1, 1);

    DriverTree.Branch branch = engine.driverTree("top", 1).orElseThrow().drivers().get(0);

    assertThat(branch.change()).isEqualByComparingTo("10");
    assertThat(branch.changePercent()).isNull();
  }

  @Test
  void treeCarriesValuesFormulaAndDepth() {
    GoalEngine engine = twoDrivers("a * b", 1, 1);
    engine.upsertNode(kpi("a").drivers(List.of(new NodeDef.DriverDef("leaf", "leaf",
        dec(1)))).build());
    engine.upsertNode(kpi("leaf").build());

    DriverTree shallow = engine.driverTree("top", 1).orElseThrow();
    DriverTree deep = engine.driverTree("top", 2).orElseThrow();

    assertThat(shallow.value()).isEqualByComparingTo("800000");
    assertThat(shallow.formula()).isEqualTo("a * b");
    assertThat(shallow.drivers()).extracting(b -> b.driver().id()).containsExactly("a", "b");
    assertThat(shallow.drivers().get(0).driver().truncated()).isTrue();
    assertThat(shallow.drivers().get(0).driver().drivers()).isEmpty();
    assertThat(deep.drivers().get(0).driver().drivers()).extracting(b -> b.driver().key())
        .containsExactly("leaf");
    assertThat(deep.drivers().get(0).driver().truncated()).isFalse();
  }

  @Test
  void unknownKpiHasNoTree() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(Fixtures.objective("o").build());

    assertThat(engine.driverTree("missing", 2)).isEmpty();
    assertThat(engine.driverTree("o", 2)).isEmpty();
  }

  @Test
  void depthOutsideOneToTenIsRejected() {
    GoalEngine engine = twoDrivers("a * b", 1, 1);

    assertThatThrownBy(() -> engine.driverTree("top", 0)).hasMessageContaining("use 1 to 10");
    assertThatThrownBy(() -> engine.driverTree("top", 11)).hasMessageContaining("use 1 to 10");
  }
}
