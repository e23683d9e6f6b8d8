package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A confidence drop stays open while confidence wavers, and resolves only once the recovered
 * confidence held for the detector's settle time.
 */
class ConfidenceDropSettleTest {

  private static final String ORG = "org-1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(45));
  private static final String FINGERPRINT = SignalRules.fingerprint(SignalRules.CONFIDENCE_DROP, "rating");

  private GoalEngine engine;
  private SignalDetector detector;

  @Test
  void recoveryInsideSettleTimeKeepsSignalOpen() {
    start(SignalDetector.DEFAULT_SETTLE_TIME);
    raiseDrop();

    checkIn(7, NOW.plusSeconds(2));
    List<SignalChange> afterRecovery = ofDrop(detector.evaluate(engine, List.of(), NOW.plusSeconds(2)));
    List<SignalChange> beforeSettled = ofDrop(detector.sweep(engine, NOW.plusSeconds(2).plus(Duration.ofMinutes(14))));

    assertThat(afterRecovery).as("2 s after the drop").isEmpty();
    assertThat(beforeSettled).as("14 minutes after the recovery").isEmpty();
    assertThat(detector.reportedKinds("rating")).contains(SignalRules.CONFIDENCE_DROP);
  }

  @Test
  void recoveryResolvesAfterSettleTime() {
    start(SignalDetector.DEFAULT_SETTLE_TIME);
    raiseDrop();
    checkIn(7, NOW.plusSeconds(2));
    detector.confirm(detector.evaluate(engine, List.of(), NOW.plusSeconds(2)));

    List<SignalChange> settled = ofDrop(detector.sweep(engine, NOW.plusSeconds(2).plus(Duration.ofMinutes(15))));

    assertThat(settled).hasSize(1);
    SignalChange.Resolve resolve = (SignalChange.Resolve) settled.get(0);
    assertThat(resolve.fingerprint()).isEqualTo(FINGERPRINT);
    assertThat(resolve.reason()).isEqualTo("Confidence recovered to 7.");
  }

  @Test
  void dropAgainWhileSettlingRestartsSettleTime() {
    start(SignalDetector.DEFAULT_SETTLE_TIME);
    raiseDrop();
    checkIn(7, NOW.plusSeconds(2));
    detector.confirm(detector.evaluate(engine, List.of(), NOW.plusSeconds(2)));
    checkIn(4, NOW.plus(Duration.ofMinutes(10)));
    detector.confirm(detector.evaluate(engine, List.of(), NOW.plus(Duration.ofMinutes(10))));
    checkIn(7, NOW.plus(Duration.ofMinutes(12)));
    detector.confirm(detector.evaluate(engine, List.of(), NOW.plus(Duration.ofMinutes(12))));

    List<SignalChange> fifteenAfterFirstRecovery = ofDrop(detector.sweep(engine, NOW.plus(Duration.ofMinutes(16))));
    List<SignalChange> fifteenAfterSecondRecovery = ofDrop(detector.sweep(engine, NOW.plus(Duration.ofMinutes(27))));

    assertThat(fifteenAfterFirstRecovery).isEmpty();
    assertThat(fifteenAfterSecondRecovery).hasSize(1).first().isInstanceOf(SignalChange.Resolve.class);
  }

  @Test
  void configuredSettleTimeApplies() {
    start(Duration.ofSeconds(3));
    raiseDrop();
    checkIn(7, NOW.plusSeconds(2));

    List<SignalChange> atRecovery = detector.evaluate(engine, List.of(), NOW.plusSeconds(2));
    detector.confirm(atRecovery);
    List<SignalChange> afterThreeSeconds = ofDrop(detector.sweep(engine, NOW.plusSeconds(5)));

    assertThat(detector.settleTime()).isEqualTo(Duration.ofSeconds(3));
    assertThat(ofDrop(atRecovery)).isEmpty();
    assertThat(afterThreeSeconds).hasSize(1).first().isInstanceOf(SignalChange.Resolve.class);
  }

  @Test
  void negativeSettleTimeRejected() {
    assertThatThrownBy(() -> new SignalDetector(SignalSettings.DEFAULTS, List.of(), List.of(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("settle time");
  }

  /** Builds an engine with one key result and a detector with {@code settleTime}. */
  private void start(Duration settleTime) {
    engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));
    CycleDef quarter = new CycleDef("q1", ORG, "q1", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    engine.upsertNode(NodeDef.builder("o", ORG, NodeKind.OBJECTIVE).key("o").title("Objective").unitId("team")
        .cycleId("q1").build());
    NodeDef keyResult = NodeDef.builder("rating", ORG, NodeKind.KEY_RESULT).key("rating").title("Rating").parentId("o")
        .cycleId("q1").measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)).unit("%")
        .build();
    engine.upsertNode(keyResult);
    detector = new SignalDetector(SignalSettings.DEFAULTS, List.of(), List.of(), settleTime);
    detector.defineCycle(quarter);
    detector.defineNode(keyResult);
  }

  /** Checks in confidence 8 two weeks and one week before {@link #NOW}, then 4 at NOW, and confirms the raise. */
  private void raiseDrop() {
    checkIn(8, NOW.minus(Duration.ofDays(14)));
    checkIn(8, NOW.minus(Duration.ofDays(7)));
    checkIn(4, NOW);
    List<SignalChange> changes = detector.evaluate(engine, List.of(), NOW);
    assertThat(changes).filteredOn(SignalChange.Raise.class::isInstance)
        .extracting(change -> ((SignalChange.Raise) change).finding().fingerprint())
        .contains(FINGERPRINT);
    detector.confirm(changes);
  }

  /** Returns the changes of the confidence drop, leaving out other kinds such as the forecast of the flat value. */
  private static List<SignalChange> ofDrop(List<SignalChange> changes) {
    return changes.stream().filter(change -> FINGERPRINT.equals(change.fingerprint())).toList();
  }

  private void checkIn(int confidence, Instant at) {
    Observation observation = new Observation.Value("rating", BigDecimal.valueOf(48), confidence, true, at, "test");
    engine.apply(observation);
    detector.observe(observation, null);
  }
}
