package io.momentum.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Thresholds and links changed while the detector runs: the next evaluation follows them at once,
 * without a rebuild, and a condition they clear resolves without the settle time.
 */
class SignalRedefinitionTest {

  private static final String ORG = "org-1";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  /** Day 45 of the 90-day quarter: a key result without progress is off track. */
  private static final Instant NOW = START.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(45));
  private static final SignalSettings DROP_OF_TWO = new SignalSettings(3, 2, 3.5, 2);

  private final GoalEngine engine = new GoalEngine(ORG, Clock.fixed(NOW, ZoneOffset.UTC));

  private SignalDetector detector(List<SignalLink> links) {
    CycleDef quarter = new CycleDef("q1", ORG, "q1", "Q1", CycleKind.QUARTER, null, START, START.plusDays(89), false);
    engine.upsertCycle(quarter);
    engine.upsertUnit(new UnitDef("team", ORG, "team", "Team", UnitKind.COMPANY, null));
    engine.upsertNode(NodeDef.builder("o", ORG, NodeKind.OBJECTIVE).key("o").title("Objective").unitId("team")
        .cycleId("q1").build());
    SignalDetector detector = new SignalDetector(SignalSettings.DEFAULTS, links, List.of());
    detector.defineCycle(quarter);
    for (String id : List.of("late", "steady")) {
      NodeDef keyResult = NodeDef.builder(id, ORG, NodeKind.KEY_RESULT).key(id).title("Key result " + id).parentId("o")
          .measurement(Measurement.INCREASE).start(BigDecimal.ZERO).target(BigDecimal.valueOf(100)).build();
      engine.upsertNode(keyResult);
      detector.defineNode(keyResult);
    }
    return detector;
  }

  /** Applies a check-in to the engine and the detector, as the ingest does. */
  private void checkIn(SignalDetector detector, String nodeId, int value, int confidence, int daysAgo) {
    Observation observation = new Observation.Value(nodeId, BigDecimal.valueOf(value), confidence, true,
        NOW.minus(Duration.ofDays(daysAgo)), "test");
    engine.apply(observation);
    detector.observe(observation, null);
  }

  private List<SignalChange> evaluate(SignalDetector detector, Instant at) {
    List<SignalChange> changes = detector.evaluate(engine, List.of(), at);
    detector.confirm(changes);
    return changes;
  }

  private static List<String> raised(List<SignalChange> changes) {
    return changes.stream().filter(SignalChange.Raise.class::isInstance).map(SignalChange::fingerprint).toList();
  }

  private static List<String> resolved(List<SignalChange> changes) {
    return changes.stream().filter(SignalChange.Resolve.class::isInstance).map(SignalChange::fingerprint).toList();
  }

  @Test
  void lowerConfidenceDropRaisesAtOnce() {
    SignalDetector detector = detector(List.of());
    checkIn(detector, "steady", 50, 8, 14);
    checkIn(detector, "steady", 50, 8, 7);
    checkIn(detector, "steady", 50, 6, 0);
    assertThat(raised(evaluate(detector, NOW))).doesNotContain("confidence_drop:steady");

    boolean changed = detector.changeSettings(DROP_OF_TWO);
    List<SignalChange> changes = evaluate(detector, NOW);

    assertThat(changed).isTrue();
    assertThat(detector.settings()).isEqualTo(DROP_OF_TWO);
    assertThat(raised(changes)).containsExactly("confidence_drop:steady");
  }

  @Test
  void higherConfidenceDropResolvesAtOnce() {
    SignalDetector detector = detector(List.of());
    detector.changeSettings(DROP_OF_TWO);
    checkIn(detector, "steady", 50, 8, 7);
    checkIn(detector, "steady", 50, 6, 0);
    assertThat(raised(evaluate(detector, NOW))).contains("confidence_drop:steady");

    detector.changeSettings(SignalSettings.DEFAULTS);
    List<SignalChange> changes = evaluate(detector, NOW);

    assertThat(resolved(changes)).containsExactly("confidence_drop:steady");
    assertThat(detector.reportedKinds("steady")).isEmpty();
  }

  @Test
  void sameSettingsChangeNothing() {
    SignalDetector detector = detector(List.of());
    checkIn(detector, "steady", 50, 8, 7);
    evaluate(detector, NOW);

    boolean changed = detector.changeSettings(new SignalSettings(3, 3, 3.5, 2));

    assertThat(changed).isFalse();
    assertThat(evaluate(detector, NOW)).isEmpty();
  }

  @Test
  void addedLinkRaisesDependencyAtRisk() {
    SignalDetector detector = detector(List.of());
    checkIn(detector, "late", 0, 7, 1);
    checkIn(detector, "steady", 50, 7, 1);
    assertThat(raised(evaluate(detector, NOW))).doesNotContain("dependency_at_risk:steady");

    int differing = detector.replaceLinks(List.of(new SignalLink("steady", "late", "contribution")));
    List<SignalChange> changes = evaluate(detector, NOW);

    assertThat(differing).isEqualTo(1);
    assertThat(raised(changes)).containsExactly("dependency_at_risk:steady");
  }

  @Test
  void removedLinkResolvesWithoutSettleTime() {
    List<SignalLink> links = List.of(new SignalLink("steady", "late", "contribution"));
    SignalDetector detector = detector(links);
    checkIn(detector, "late", 0, 7, 1);
    checkIn(detector, "steady", 50, 7, 1);
    assertThat(raised(evaluate(detector, NOW))).contains("dependency_at_risk:steady");

    int differing = detector.replaceLinks(List.of());
    List<SignalChange> changes = evaluate(detector, NOW.plusSeconds(1));

    assertThat(differing).isEqualTo(1);
    assertThat(resolved(changes)).containsExactly("dependency_at_risk:steady");
  }

  @Test
  void sameLinksChangeNothing() {
    List<SignalLink> links = List.of(new SignalLink("steady", "late", "contribution"));
    SignalDetector detector = detector(links);
    checkIn(detector, "late", 0, 7, 1);
    evaluate(detector, NOW);

    int differing = detector.replaceLinks(List.of(new SignalLink("steady", "late", "contribution")));

    assertThat(differing).isZero();
    assertThat(evaluate(detector, NOW)).isEmpty();
  }
}
