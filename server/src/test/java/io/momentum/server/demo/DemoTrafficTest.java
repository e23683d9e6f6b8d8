package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.demo.PublishableNodes.BinaryNode;
import io.momentum.server.demo.PublishableNodes.MetricNode;
import io.momentum.server.demo.PublishableNodes.MilestoneNode;
import io.momentum.server.demo.PublishableNodes.WorkItem;
import io.momentum.server.demo.PublishableNodes.WorkItemNode;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventData;
import io.momentum.streams.event.EventType;
import io.momentum.streams.ingest.SubjectRules;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives the event generator over ten simulated minutes at 100 events per second, without Kafka,
 * and checks each event the way ingestion would. The events are generated once for all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTrafficTest {

  private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
  private static final int EVENTS = 60_000;
  private static final long STEP_NANOS = 10_000_000L;
  private static final List<String> STATUS_ORDER = List.of("todo", "in_progress", "done");

  /** Node fields that ingestion checks events against: kind, measurement and milestones. */
  private record NodeInfo(NodeKind kind, Measurement measurement, List<MilestoneDef> milestones) {
  }

  private PublishableNodes nodes;
  private Map<String, NodeInfo> directory;
  private List<DemoTraffic.Event> events;

  @BeforeAll
  void generate() {
    nodes = nodes();
    directory = directory();
    DemoTraffic traffic = new DemoTraffic(nodes, new Random(11), 1);
    events = new ArrayList<>();
    for (int i = 1; i <= EVENTS; i++) {
      long nanos = 1 + i * STEP_NANOS;
      events.add(traffic.next(START.plusNanos(i * STEP_NANOS), nanos));
    }
  }

  @Test
  void everyEventParses() {
    CloudEventParser parser = new CloudEventParser(Clock.fixed(START.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    for (DemoTraffic.Event event : events) {
      CloudEventParser.Result result = parser.parse(new JsonObject(event.json().encode()), true);
      assertThat(result.errors()).as(event.json().encode()).isEmpty();
      assertThat(result.event().orgId()).isEqualTo("demo");
      assertThat(result.event().source()).isEqualTo(DemoTraffic.SOURCE);
      assertThat(result.event().type()).isEqualTo(event.type());
    }
  }

  @Test
  void everyEventFitsItsSubject() {
    CloudEventParser parser = new CloudEventParser(Clock.fixed(START.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    for (DemoTraffic.Event event : events) {
      CloudEventParser.Result result = parser.parse(new JsonObject(event.json().encode()), true);
      NodeInfo node = directory.get(event.subject());
      assertThat(node).as("node %s", event.subject()).isNotNull();
      String mismatch = SubjectRules.check(event.type(), result.event().data(), event.subject(), node.kind(),
          node.measurement(), node.milestones());
      assertThat(mismatch).as(event.json().encode()).isNull();
    }
  }

  @Test
  void mixIsMostlyValuesAndMeasurements() {
    Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
    events.forEach(e -> counts.merge(e.type(), 1, Integer::sum));
    assertThat(share(counts, EventType.KEY_RESULT_VALUE)).isBetween(0.45, 0.56);
    assertThat(share(counts, EventType.KPI_MEASUREMENT)).isBetween(0.21, 0.29);
    assertThat(share(counts, EventType.CHECK_IN)).isBetween(0.09, 0.15);
    assertThat(share(counts, EventType.WORK_ITEM_CHANGED)).isBetween(0.10, 0.16);
  }

  @Test
  void milestonesFinishOnceAndSlowly() {
    List<String> done = new ArrayList<>();
    for (DemoTraffic.Event event : events) {
      JsonObject data = event.json().getJsonObject("data");
      if (data.containsKey("milestone")) {
        assertThat(data.getBoolean("done")).isTrue();
        done.add(event.subject() + "/" + data.getString("milestone"));
      }
    }
    assertThat(done).containsExactly("psp-migration/m3", "psp-migration/m4");
  }

  @Test
  void workItemsOnlyMoveForward() {
    Map<String, Integer> lastStatus = new HashMap<>();
    int changes = 0;
    for (DemoTraffic.Event event : events) {
      if (event.type() != EventType.WORK_ITEM_CHANGED) {
        continue;
      }
      JsonObject data = event.json().getJsonObject("data");
      int status = STATUS_ORDER.indexOf(data.getString("statusCategory"));
      Integer before = lastStatus.put(data.getString("externalId"), status);
      assertThat(status).as(data.encode()).isGreaterThanOrEqualTo(before == null ? 0 : before);
      if (before != null && status > before) {
        changes++;
      }
    }
    // Ten minutes at one change per 20 seconds, with two changes in hand at the start.
    assertThat(changes).isBetween(5, 32);
  }

  @Test
  void binaryTurnsDoneAndStaysDone() {
    boolean done = false;
    for (DemoTraffic.Event event : events) {
      if (!event.subject().equals("wallet-payments")) {
        continue;
      }
      int value = event.json().getJsonObject("data").getInteger("value");
      assertThat(value).isIn(0, 1);
      assertThat(done && value == 0).as("done and then undone").isFalse();
      done |= value == 1;
    }
    assertThat(done).isTrue();
  }

  @Test
  void metricValuesStayWithinBounds() {
    Map<String, MetricWalk> walks = new HashMap<>();
    nodes.metrics.forEach(m -> walks.put(m.key, m.walk));
    nodes.kpis.forEach(m -> walks.put(m.key, m.walk));
    for (DemoTraffic.Event event : events) {
      MetricWalk walk = walks.get(event.subject());
      JsonObject data = event.json().getJsonObject("data");
      if (walk != null && data.containsKey("value")) {
        double value = ((Number) data.getValue("value")).doubleValue();
        assertThat(value).as(event.json().encode()).isBetween(walk.lower(), walk.upper());
      }
    }
  }

  @Test
  void confidenceStaysOnTheScale() {
    Set<Integer> seen = new HashSet<>();
    for (DemoTraffic.Event event : events) {
      if (event.type() == EventType.CHECK_IN) {
        int confidence = event.json().getJsonObject("data").getInteger("confidence");
        assertThat(confidence).isBetween(0, 10);
        seen.add(confidence);
      }
    }
    assertThat(seen).hasSizeGreaterThan(2);
  }

  @Test
  void confidenceMovesOnePointPerPace() {
    Map<String, Integer> lastConfidence = new HashMap<>();
    Map<String, Long> lastMove = new HashMap<>();
    int moves = 0;
    for (int i = 0; i < events.size(); i++) {
      DemoTraffic.Event event = events.get(i);
      if (event.type() != EventType.CHECK_IN || "wallet-payments".equals(event.subject())) {
        continue;
      }
      long nanos = 1 + (i + 1) * STEP_NANOS;
      int confidence = event.json().getJsonObject("data").getInteger("confidence");
      Integer before = lastConfidence.put(event.subject(), confidence);
      if (before == null || before == confidence) {
        continue;
      }
      moves++;
      assertThat(Math.abs(confidence - before)).as("move of %s at event %d", event.subject(), i).isEqualTo(1);
      long since = nanos - lastMove.getOrDefault(event.subject(), 1L);
      assertThat(since).as("time since the last move of %s", event.subject())
          .isGreaterThanOrEqualTo(DemoTraffic.CONFIDENCE_MOVE_NANOS);
      lastMove.put(event.subject(), nanos);
    }
    assertThat(moves).as("confidence moves in %d events", EVENTS).isPositive();
  }

  private static double share(Map<EventType, Integer> counts, EventType type) {
    return counts.getOrDefault(type, 0) / (double) EVENTS;
  }

  private static PublishableNodes nodes() {
    PublishableNodes nodes = new PublishableNodes();
    nodes.metrics.add(new MetricNode("checkout-conversion", "Lena Fischer",
        MetricWalk.towards(new BigDecimal("2.1"), new BigDecimal("3.0"), new BigDecimal("2.6"), "%", 1.0), 7));
    nodes.metrics.add(new MetricNode("promo-contribution-margin", "David Kim",
        MetricWalk.towards(new BigDecimal("-2.5"), new BigDecimal("1.5"), new BigDecimal("-0.7"), "%", -0.2), 4));
    nodes.metrics.add(new MetricNode("discount-depth", "Elif Demir",
        MetricWalk.within(new BigDecimal("12"), new BigDecimal("18"), new BigDecimal("13.5"), "%"), 8));
    nodes.binaries.add(new BinaryNode("wallet-payments", "Clara Nowak", START.minus(Duration.ofDays(80)),
        START.plus(Duration.ofDays(10)), false, 5));
    nodes.milestones.add(new MilestoneNode("psp-migration", new ArrayList<>(List.of("m3", "m4"))));
    List<WorkItem> items = new ArrayList<>(List.of(
        new WorkItem("CHK-101", "story", "done", new BigDecimal("5")),
        new WorkItem("CHK-102", "story", "in_progress", new BigDecimal("3")),
        new WorkItem("CHK-103", "bug", "todo", null)));
    nodes.workItems.add(new WorkItemNode("one-page-checkout", "jira", "CHK", items, 104));
    nodes.kpis.add(new MetricNode("site-conversion", null,
        MetricWalk.towards(new BigDecimal("2.40"), new BigDecimal("3.00"), new BigDecimal("2.62"), "%", 0.5), 0));
    return nodes;
  }

  private static Map<String, NodeInfo> directory() {
    List<MilestoneDef> milestones = List.of(
        new MilestoneDef("m1", "Contract signed", BigDecimal.ONE, true),
        new MilestoneDef("m2", "Sandbox integration", new BigDecimal("2"), true),
        new MilestoneDef("m3", "10 % of traffic", new BigDecimal("2"), false),
        new MilestoneDef("m4", "All traffic", new BigDecimal("3"), false));
    return Map.of(
        "checkout-conversion", new NodeInfo(NodeKind.KEY_RESULT, Measurement.INCREASE, List.of()),
        "promo-contribution-margin", new NodeInfo(NodeKind.KEY_RESULT, Measurement.INCREASE, List.of()),
        "discount-depth", new NodeInfo(NodeKind.KEY_RESULT, Measurement.RANGE, List.of()),
        "wallet-payments", new NodeInfo(NodeKind.KEY_RESULT, Measurement.BINARY, List.of()),
        "psp-migration", new NodeInfo(NodeKind.KEY_RESULT, Measurement.MILESTONE, milestones),
        "one-page-checkout", new NodeInfo(NodeKind.KEY_RESULT, Measurement.WORK_ITEMS, List.of()),
        "site-conversion", new NodeInfo(NodeKind.KPI, null, List.of()));
  }
}
