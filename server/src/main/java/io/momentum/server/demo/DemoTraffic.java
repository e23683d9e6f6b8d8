package io.momentum.server.demo;

import io.momentum.server.demo.PublishableNodes.BinaryNode;
import io.momentum.server.demo.PublishableNodes.MetricNode;
import io.momentum.server.demo.PublishableNodes.MilestoneNode;
import io.momentum.server.demo.PublishableNodes.WorkItem;
import io.momentum.server.demo.PublishableNodes.WorkItemNode;
import io.momentum.streams.event.EventType;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates the demo's event stream: mostly key-result values and KPI measurements, some
 * check-ins, work-item changes and now and then a finished milestone or a binary key result that
 * turns done late in its cycle. Rare changes are paced in wall-clock time, not per event, so the
 * boards move at the same speed whatever the event rate.
 */
final class DemoTraffic {

  /** CloudEvents {@code source} of every published event. */
  static final String SOURCE = "urn:momentum:demo-publisher";

  /** One event to publish: its type (which picks the topic), its subject and the CloudEvent JSON. */
  record Event(EventType type, String subject, JsonObject json) {
  }

  /** Average seconds between two finished milestones. */
  private static final double MILESTONE_SECONDS = 120;
  /** Average seconds between two work-item status changes. */
  private static final double WORK_CHANGE_SECONDS = 20;
  /** Average seconds between two binary key results turning done. */
  private static final double BINARY_DONE_SECONDS = 300;
  /** Share of its cycle after which a binary key result may turn done. */
  private static final double BINARY_DONE_FROM = 0.7;
  /**
   * Shortest time between two moves of one key result's confidence. Teams change their confidence
   * at a weekly check-in, not every few seconds, so the demo keeps it steady for minutes although it
   * checks each key result in far more often. A drop of 3 points within 4 check-ins, which raises
   * a confidence drop, so never comes from these one-point moves alone.
   */
  static final long CONFIDENCE_MOVE_NANOS = 300_000_000_000L;
  /** Seconds assumed for the first step of a metric. */
  private static final double FIRST_STEP_SECONDS = 1;

  private static final List<String> NOTES = List.of(
      "Numbers from this morning's report.",
      "Small dip after the release; watching it.",
      "Campaign traffic is helping.",
      "On plan this week.",
      "Fixed the tracking gap from last week.");
  private static final int[] STORY_POINTS = {1, 2, 3, 5, 8};

  private final PublishableNodes nodes;
  private final Random random;
  private final TokenBucket milestonePace;
  private final TokenBucket workPace;
  private final TokenBucket binaryPace;
  /** When each key result's confidence last moved (or the traffic started), by key, on the monotonic clock. */
  private final Map<String, Long> confidenceMovedAt = new HashMap<>();
  private final long startNanos;

  DemoTraffic(PublishableNodes nodes, Random random, long nowNanos) {
    this.nodes = nodes;
    this.random = random;
    this.milestonePace = new TokenBucket(1 / MILESTONE_SECONDS, 1, 1, nowNanos);
    this.workPace = new TokenBucket(1 / WORK_CHANGE_SECONDS, 2, 2, nowNanos);
    this.binaryPace = new TokenBucket(1 / BINARY_DONE_SECONDS, 1, 0, nowNanos);
    this.startNanos = nowNanos;
  }

  /** Returns the next event; {@code now} is its time, {@code nowNanos} the monotonic clock. */
  Event next(Instant now, long nowNanos) {
    int roll = random.nextInt(100);
    if (roll >= 97 && milestonePace.tryTake(nowNanos)) {
      Event event = milestoneDone(now);
      if (event != null) {
        return event;
      }
    }
    if (roll >= 87 && !nodes.workItems.isEmpty()) {
      return workItemChanged(now, nowNanos);
    }
    if (roll >= 75 && (!nodes.metrics.isEmpty() || !nodes.binaries.isEmpty())) {
      return checkIn(now, nowNanos);
    }
    if (roll >= 50 && !nodes.kpis.isEmpty()) {
      return kpiMeasurement(now, nowNanos);
    }
    if (!nodes.metrics.isEmpty() || !nodes.binaries.isEmpty()) {
      return keyResultValue(now, nowNanos);
    }
    if (!nodes.kpis.isEmpty()) {
      return kpiMeasurement(now, nowNanos);
    }
    return nodes.workItems.isEmpty() ? milestoneDone(now) : workItemChanged(now, nowNanos);
  }

  private Event keyResultValue(Instant now, long nowNanos) {
    if (nodes.metrics.isEmpty() || (!nodes.binaries.isEmpty() && random.nextInt(100) < 8)) {
      BinaryNode node = pick(nodes.binaries);
      return event(EventType.KEY_RESULT_VALUE, node.key, now, new JsonObject().put("value", binaryValue(node, now, nowNanos)));
    }
    MetricNode node = pick(nodes.metrics);
    return event(EventType.KEY_RESULT_VALUE, node.key, now, new JsonObject().put("value", step(node, nowNanos)));
  }

  private Event kpiMeasurement(Instant now, long nowNanos) {
    MetricNode node = pick(nodes.kpis);
    return event(EventType.KPI_MEASUREMENT, node.key, now, new JsonObject().put("value", step(node, nowNanos)));
  }

  /**
   * Builds a check-in with a value and a confidence that moves by one point now and then, at most
   * once per {@link #CONFIDENCE_MOVE_NANOS}, drawn back towards 7.
   */
  private Event checkIn(Instant now, long nowNanos) {
    JsonObject data = new JsonObject();
    String key;
    String owner;
    int confidence;
    if (nodes.metrics.isEmpty() || (!nodes.binaries.isEmpty() && random.nextInt(100) < 8)) {
      BinaryNode node = pick(nodes.binaries);
      data.put("value", binaryValue(node, now, nowNanos));
      node.confidence = node.done ? 10 : moveConfidence(node.key, node.confidence, nowNanos);
      key = node.key;
      owner = node.owner;
      confidence = node.confidence;
    } else {
      MetricNode node = pick(nodes.metrics);
      data.put("value", step(node, nowNanos));
      node.confidence = moveConfidence(node.key, node.confidence, nowNanos);
      key = node.key;
      owner = node.owner;
      confidence = node.confidence;
    }
    data.put("confidence", confidence);
    if (random.nextInt(100) < 15) {
      data.put("note", NOTES.get(random.nextInt(NOTES.size())));
    }
    if (owner != null) {
      data.put("author", owner);
    }
    return event(EventType.CHECK_IN, key, now, data);
  }

  private Event milestoneDone(Instant now) {
    List<MilestoneNode> open = nodes.milestones.stream().filter(m -> !m.open.isEmpty()).toList();
    if (open.isEmpty()) {
      return null;
    }
    MilestoneNode node = pick(open);
    String milestone = node.open.remove(0);
    return event(EventType.KEY_RESULT_VALUE, node.key, now,
        new JsonObject().put("milestone", milestone).put("done", true));
  }

  /**
   * Moves an item one status forward when the pace allows it (a new item when all are done), and
   * otherwise sends an item's unchanged state, as trackers do after an edit.
   */
  private Event workItemChanged(Instant now, long nowNanos) {
    WorkItemNode node = pick(nodes.workItems);
    WorkItem item = null;
    if (workPace.tryTake(nowNanos)) {
      item = advance(node);
    }
    if (item == null) {
      item = pick(node.items);
    }
    JsonObject data = new JsonObject()
        .put("system", node.system)
        .put("externalId", item.externalId)
        .put("itemType", item.itemType)
        .put("statusCategory", item.status)
        .put("storyPoints", item.storyPoints)
        .put("deleted", false);
    return event(EventType.WORK_ITEM_CHANGED, node.key, now, data);
  }

  private WorkItem advance(WorkItemNode node) {
    List<WorkItem> started = node.items.stream().filter(i -> "in_progress".equals(i.status)).toList();
    List<WorkItem> waiting = node.items.stream().filter(i -> "todo".equals(i.status)).toList();
    if (!started.isEmpty() && (waiting.isEmpty() || random.nextBoolean())) {
      WorkItem item = pick(started);
      item.status = "done";
      return item;
    }
    if (!waiting.isEmpty()) {
      WorkItem item = waiting.get(0);
      item.status = "in_progress";
      return item;
    }
    BigDecimal points = random.nextInt(4) == 0 ? null : BigDecimal.valueOf(STORY_POINTS[random.nextInt(STORY_POINTS.length)]);
    WorkItem created = new WorkItem(node.project + "-" + node.nextNumber++, random.nextBoolean() ? "story" : "task",
        "todo", points);
    node.items.add(created);
    return created;
  }

  /** Returns 1 for a done binary key result; an open one may turn done late in its cycle. */
  private int binaryValue(BinaryNode node, Instant now, long nowNanos) {
    if (!node.done && node.elapsed(now) >= BINARY_DONE_FROM && binaryPace.tryTake(nowNanos)) {
      node.done = true;
    }
    return node.done ? 1 : 0;
  }

  private BigDecimal step(MetricNode node, long nowNanos) {
    double seconds = node.lastStepNanos == 0 ? FIRST_STEP_SECONDS : (nowNanos - node.lastStepNanos) / 1e9;
    node.lastStepNanos = nowNanos;
    return node.walk.step(seconds, random);
  }

  private int moveConfidence(String key, int confidence, long nowNanos) {
    long movedAt = confidenceMovedAt.getOrDefault(key, startNanos);
    if (nowNanos - movedAt < CONFIDENCE_MOVE_NANOS || random.nextInt(100) >= 30) {
      return confidence;
    }
    double upChance = 0.5 + (7 - confidence) * 0.1;
    int moved = Math.max(0, Math.min(10, confidence + (random.nextDouble() < upChance ? 1 : -1)));
    if (moved != confidence) {
      confidenceMovedAt.put(key, nowNanos);
    }
    return moved;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** Builds a CloudEvents 1.0 envelope in structured mode for the demo organisation. */
  static Event event(EventType type, String subject, Instant time, JsonObject data) {
    JsonObject json = new JsonObject()
        .put("specversion", "1.0")
        .put("id", UUID.randomUUID().toString())
        .put("source", SOURCE)
        .put("type", type.wire())
        .put("subject", subject)
        .put("time", time.toString())
        .put("orgid", DemoSeeder.ORG_ID)
        .put("datacontenttype", "application/json")
        .put("data", data);
    return new Event(type, subject, json);
  }
}
