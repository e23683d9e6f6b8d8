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

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Detection of key-result status changes against the recorded statuses. */
class StatusLedgerTest {

  /** Objective "o" with key result "kr" (0-100) on day 45 of 90, so 0.5 is expected. */
  private static GoalEngine engineWithKeyResult() {
    GoalEngine engine = engineAt(clockAtDay(45));
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    return engine;
  }

  private static StatusLedger ledgerWith(Status status, long sequence) {
    return new StatusLedger(Map.of("kr", new StatusLedger.Recorded(status, sequence)));
  }

  @Test
  void newKeyResultRecordedSilently() {
    GoalEngine engine = engineWithKeyResult();
    StatusLedger ledger = new StatusLedger(Map.of());

    List<StatusChange> found = ledger.detect(engine, List.of(state(engine, "kr")), StatusChange.NEW_VALUES);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).from()).isNull();
    assertThat(found.get(0).sequence()).isEqualTo(1);
    assertThat(found.get(0).announced()).isFalse();
  }

  @Test
  void onTrackToOffTrackAnnounced() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "60", day(44)));
    StatusLedger ledger = ledgerWith(Status.ON_TRACK, 3);

    Changes changes = engine.apply(value("kr", "10", day(44.5)));
    List<StatusChange> found = ledger.detect(engine, changes.nodes(), StatusChange.NEW_VALUES);

    assertThat(found).extracting(c -> c.node().id()).containsExactly("kr");
    StatusChange change = found.get(0);
    assertThat(change.from()).isEqualTo(Status.ON_TRACK);
    assertThat(change.to()).isEqualTo(Status.OFF_TRACK);
    assertThat(change.sequence()).isEqualTo(4);
    assertThat(change.announced()).isTrue();
  }

  @Test
  void unchangedStatusYieldsNothing() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "60", day(44)));
    StatusLedger ledger = ledgerWith(Status.ON_TRACK, 1);

    Changes changes = engine.apply(value("kr", "70", day(44.5)));

    assertThat(changes.nodes()).isNotEmpty();
    assertThat(ledger.detect(engine, changes.nodes(), StatusChange.NEW_VALUES)).isEmpty();
  }

  @Test
  void confirmedChangeNotFoundAgain() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "60", day(44)));
    StatusLedger ledger = ledgerWith(Status.ON_TRACK, 1);
    Changes changes = engine.apply(value("kr", "10", day(44.5)));
    List<StatusChange> found = ledger.detect(engine, changes.nodes(), StatusChange.NEW_VALUES);

    ledger.confirm(found);

    assertThat(ledger.recorded("kr")).isEqualTo(new StatusLedger.Recorded(Status.OFF_TRACK, 2));
    assertThat(ledger.detect(engine, List.of(state(engine, "kr")), StatusChange.NEW_VALUES)).isEmpty();
  }

  @Test
  void failedWriteComparedAgainWithoutNewChange() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "60", day(44)));
    StatusLedger ledger = ledgerWith(Status.ON_TRACK, 1);
    Changes changes = engine.apply(value("kr", "10", day(44.5)));

    ledger.retryLater(ledger.detect(engine, changes.nodes(), StatusChange.NEW_VALUES));
    List<StatusChange> again = ledger.detect(engine, List.of(), StatusChange.TIME_PASSED);

    assertThat(again).extracting(c -> c.node().id()).containsExactly("kr");
    assertThat(again.get(0).from()).isEqualTo(Status.ON_TRACK);
    assertThat(again.get(0).sequence()).isEqualTo(2);
  }

  @Test
  void objectivesAndKpisSkipped() {
    GoalEngine engine = engineWithKeyResult();
    engine.upsertNode(kpi("k").build());
    StatusLedger ledger = new StatusLedger(Map.of());

    List<StatusChange> found = ledger.detect(engine, engine.nodes(), StatusChange.REBUILT);

    assertThat(found).extracting(c -> c.node().id()).containsExactly("kr");
  }

  @Test
  void rebuiltStateComparedWithRecorded() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "10", day(44)));
    StatusLedger ledger = ledgerWith(Status.ON_TRACK, 5);

    List<StatusChange> found = ledger.detect(engine, engine.nodes(), StatusChange.REBUILT);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).to()).isEqualTo(Status.OFF_TRACK);
    assertThat(found.get(0).sequence()).isEqualTo(6);
    assertThat(found.get(0).reason()).startsWith(StatusChange.REBUILT);
  }

  @Test
  void timePassingMovesStatus() {
    MutableClock clock = clockAtDay(20);
    GoalEngine engine = engineAt(clock);
    engine.upsertNode(objective("o").build());
    engine.upsertNode(metric("kr", "o", 0, 100).build());
    engine.apply(value("kr", "20", day(19)));
    StatusLedger ledger = ledgerWith(state(engine, "kr").status(), 1);

    Changes changes = engine.tick(day(60));
    List<StatusChange> found = ledger.detect(engine, changes.nodes(), StatusChange.TIME_PASSED);

    assertThat(ledger.recorded("kr").status()).isEqualTo(Status.ON_TRACK);
    assertThat(found).extracting(StatusChange::to).containsExactly(Status.OFF_TRACK);
  }

  static Stream<Arguments> announcedRules() {
    return Stream.of(
        Arguments.of("on track to at risk", Status.ON_TRACK, Status.AT_RISK, true),
        Arguments.of("off track to on track", Status.OFF_TRACK, Status.ON_TRACK, true),
        Arguments.of("pending to on track", Status.PENDING, Status.ON_TRACK, true),
        Arguments.of("on track to closed", Status.ON_TRACK, Status.CLOSED, false),
        Arguments.of("closed to pending", Status.CLOSED, Status.PENDING, false),
        Arguments.of("no recorded status", null, Status.ON_TRACK, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void announcedRules(String name, Status from, Status to, boolean announced) {
    GoalEngine engine = engineWithKeyResult();
    NodeState node = withStatus(state(engine, "kr"), to);

    assertThat(new StatusChange(node, from, 2, StatusChange.NEW_VALUES).announced()).isEqualTo(announced);
  }

  @Test
  void reasonNamesGap() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(value("kr", "10", day(44)));

    String reason = new StatusChange(state(engine, "kr"), Status.ON_TRACK, 2, StatusChange.NEW_VALUES).reason();

    assertThat(reason).isEqualTo("new values: progress 0.1 against 0.5 expected (gap -0.4)");
  }

  @Test
  void reasonNamesLowConfidence() {
    GoalEngine engine = engineWithKeyResult();
    engine.apply(checkIn("kr", "80", 2, day(44)));

    String reason = new StatusChange(state(engine, "kr"), Status.ON_TRACK, 2, StatusChange.NEW_VALUES).reason();

    assertThat(reason).isEqualTo("new values: confidence 2 of 10 is 3 or less");
  }

  private static NodeState withStatus(NodeState n, Status status) {
    return new NodeState(n.id(), n.orgId(), n.key(), n.kind(), n.measurement(), n.title(), n.parentId(),
        n.unitId(), n.cycleId(), n.ownerName(), n.weight(), n.progress(), n.raw(), n.expected(), status,
        n.noData(), n.stale(), n.confidence(), n.forecast(), n.current(), n.start(), n.target(), n.low(),
        n.high(), n.unit(), n.zone(), n.commit(), n.stretch(), n.milestones(), n.workDone(), n.workTotal(),
        n.workBasis(), n.workItems(), n.direction(), n.green(), n.red(), n.exampleNumbers(), n.updatedAt(), n.source(),
        n.version());
  }
}
