package io.momentum.server.demo;

import io.momentum.streams.engine.GoalEngine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The nodes of the demo organisation that the publisher sends events to, with their simulated
 * state. Only key results of open cycles that contain today are included. Key results without a
 * value and those whose last value is older than the stale limit are left alone, so that the
 * boards keep showing pending and stale examples; KPIs likewise. So is the key result of the
 * README's examples, {@link #LEFT_TO_PEOPLE}, and the key result that stays flat despite its linked
 * work, {@link DemoCatalog#STALLED_KEY_RESULT}.
 */
final class PublishableNodes {

  private static final String KEY_RESULTS = """
      SELECT k.id, k.key, k.measurement, k.owner_name, k.start_value, k.target_value, k.low_value, k.high_value,
             k.unit, k.milestones, k.current_value, k.current_at, k.confidence, c.start_date, c.end_date
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id
      JOIN cycles c ON c.id = o.cycle_id
      WHERE k.org_id = $1 AND NOT c.closed AND c.start_date <= $2 AND c.end_date >= $2
        AND k.archived_at IS NULL AND o.archived_at IS NULL
        AND k.measurement IN ('increase', 'decrease', 'range', 'binary', 'milestone', 'work_items')
        AND NOT (k.key = ANY($3::text[])) AND k.key = ANY($4::text[])
      ORDER BY k.key""";
  private static final String KPIS = """
      SELECT key, unit, start_value, target_value, current_value, current_at FROM kpis
      WHERE org_id = $1 AND start_value IS NOT NULL AND target_value IS NOT NULL
        AND formula IS NULL AND archived_at IS NULL AND key = ANY($2::text[]) ORDER BY key""";
  private static final String WORK_ITEMS = """
      SELECT node_id, system, external_id, item_type, status_category, story_points FROM work_items
      WHERE org_id = $1 AND NOT deleted AND node_id IS NOT NULL ORDER BY system, external_id""";

  /**
   * The key result the README's examples send values to. The publisher leaves it alone, so a value
   * sent by hand stays on the board instead of being replaced seconds later.
   */
  static final String LEFT_TO_PEOPLE = "checkout-conversion";

  /** Key results the publisher never sends values to. */
  private static final String[] LEFT_ALONE = {LEFT_TO_PEOPLE, DemoCatalog.STALLED_KEY_RESULT};

  /** Slowest and fastest pace of a simulated metric, as a share of full speed; below 0 it gets worse. */
  private static final double MIN_PACE = -0.25;
  private static final double MAX_PACE = 1.0;

  /** A key result or KPI whose values follow a {@link MetricWalk}. */
  static final class MetricNode {
    final String key;
    final String owner;
    final MetricWalk walk;
    int confidence;
    long lastStepNanos;

    MetricNode(String key, String owner, MetricWalk walk, int confidence) {
      this.key = key;
      this.owner = owner;
      this.walk = walk;
      this.confidence = confidence;
    }
  }

  /** A binary key result; it may turn done late in its cycle. */
  static final class BinaryNode {
    final String key;
    final String owner;
    final Instant cycleStart;
    final Instant cycleEnd;
    boolean done;
    int confidence;

    BinaryNode(String key, String owner, Instant cycleStart, Instant cycleEnd, boolean done, int confidence) {
      this.key = key;
      this.owner = owner;
      this.cycleStart = cycleStart;
      this.cycleEnd = cycleEnd;
      this.done = done;
      this.confidence = confidence;
    }

    /** Returns the share of the cycle that has passed at {@code now}. */
    double elapsed(Instant now) {
      double total = Duration.between(cycleStart, cycleEnd).toMillis();
      return Math.max(0, Math.min(1, Duration.between(cycleStart, now).toMillis() / total));
    }
  }

  /** A milestone key result and the ids of its milestones that are not done, in order. */
  static final class MilestoneNode {
    final String key;
    final List<String> open;

    MilestoneNode(String key, List<String> open) {
      this.key = key;
      this.open = open;
    }
  }

  /** One linked work item as the publisher last sent it. */
  static final class WorkItem {
    final String externalId;
    final String itemType;
    String status;
    final BigDecimal storyPoints;

    WorkItem(String externalId, String itemType, String status, BigDecimal storyPoints) {
      this.externalId = externalId;
      this.itemType = itemType;
      this.status = status;
      this.storyPoints = storyPoints;
    }
  }

  /** A key result driven by work items, with the project key and next number for new items. */
  static final class WorkItemNode {
    final String key;
    final String system;
    final String project;
    final List<WorkItem> items;
    int nextNumber;

    WorkItemNode(String key, String system, String project, List<WorkItem> items, int nextNumber) {
      this.key = key;
      this.system = system;
      this.project = project;
      this.items = items;
      this.nextNumber = nextNumber;
    }
  }

  final List<MetricNode> metrics = new ArrayList<>();
  final List<BinaryNode> binaries = new ArrayList<>();
  final List<MilestoneNode> milestones = new ArrayList<>();
  final List<WorkItemNode> workItems = new ArrayList<>();
  final List<MetricNode> kpis = new ArrayList<>();

  /** Returns true when there is nothing to publish. */
  boolean isEmpty() {
    return metrics.isEmpty() && binaries.isEmpty() && milestones.isEmpty() && workItems.isEmpty() && kpis.isEmpty();
  }

  /** Loads the organisation's publishable nodes as they are at {@code now}. */
  static Future<PublishableNodes> load(Pool pool, String orgId, Instant now, Random random) {
    PublishableNodes nodes = new PublishableNodes();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    Instant staleBefore = now.minus(Duration.ofDays(GoalEngine.DEFAULT_STALE_AFTER_DAYS));
    Map<String, String> workKeysById = new HashMap<>();
    // Only the catalog's key results and KPIs move by themselves; ones people create in the demo stay theirs.
    DemoCatalog catalog = DemoCatalog.build(true);
    String[] catalogKeys = catalog.keyResults.stream().map(k -> k.key).toArray(String[]::new);
    String[] catalogKpis = catalog.kpis.stream().map(k -> k.key()).toArray(String[]::new);
    return pool.preparedQuery(KEY_RESULTS).execute(Tuple.tuple().addValue(orgId).addValue(today).addValue(LEFT_ALONE).addValue(catalogKeys))
        .map(rows -> {
          for (Row row : rows) {
            nodes.addKeyResult(row, staleBefore, random, workKeysById);
          }
          return null;
        })
        .compose(v -> pool.preparedQuery(KPIS).execute(Tuple.tuple().addValue(orgId).addValue(catalogKpis)))
        .map(rows -> {
          for (Row row : rows) {
            OffsetDateTime at = row.getOffsetDateTime("current_at");
            if (at == null || !at.toInstant().isBefore(staleBefore)) {
              nodes.kpis.add(new MetricNode(row.getString("key"), null,
                  MetricWalk.towards(row.getBigDecimal("start_value"), row.getBigDecimal("target_value"),
                      row.getBigDecimal("current_value"), row.getString("unit"), pace(random)), 0));
            }
          }
          return null;
        })
        .compose(v -> pool.preparedQuery(WORK_ITEMS).execute(Tuple.of(orgId)))
        .map(rows -> {
          nodes.addWorkItems(rows, workKeysById);
          return nodes;
        });
  }

  private void addKeyResult(Row row, Instant staleBefore, Random random, Map<String, String> workKeysById) {
    String key = row.getString("key");
    String owner = row.getString("owner_name");
    String measurement = row.getString("measurement");
    BigDecimal current = row.getBigDecimal("current_value");
    OffsetDateTime currentAt = row.getOffsetDateTime("current_at");
    boolean fresh = current != null && currentAt != null && !currentAt.toInstant().isBefore(staleBefore);
    int confidence = row.getValue("confidence") == null ? 7 : row.getShort("confidence");
    switch (measurement) {
      case "increase", "decrease" -> {
        if (fresh) {
          metrics.add(new MetricNode(key, owner, MetricWalk.towards(row.getBigDecimal("start_value"),
              row.getBigDecimal("target_value"), current, row.getString("unit"), pace(random)), confidence));
        }
      }
      case "range" -> {
        if (fresh) {
          metrics.add(new MetricNode(key, owner, MetricWalk.within(row.getBigDecimal("low_value"),
              row.getBigDecimal("high_value"), current, row.getString("unit")), confidence));
        }
      }
      case "binary" -> {
        if (fresh) {
          Instant start = row.getLocalDate("start_date").atStartOfDay().toInstant(ZoneOffset.UTC);
          Instant end = row.getLocalDate("end_date").plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
          binaries.add(new BinaryNode(key, owner, start, end, current.signum() != 0, confidence));
        }
      }
      case "milestone" -> {
        List<String> open = new ArrayList<>();
        JsonArray list = milestones(row.getValue("milestones"));
        for (int i = 0; i < list.size(); i++) {
          JsonObject milestone = list.getJsonObject(i);
          if (!milestone.getBoolean("done", false)) {
            open.add(milestone.getString("id"));
          }
        }
        milestones.add(new MilestoneNode(key, open));
      }
      case "work_items" -> workKeysById.put(row.getUUID("id").toString(), key);
      default -> {
      }
    }
  }

  private void addWorkItems(Iterable<Row> rows, Map<String, String> workKeysById) {
    Map<String, WorkItemNode> byKey = new HashMap<>();
    for (Row row : rows) {
      String key = workKeysById.get(row.getUUID("node_id").toString());
      if (key == null) {
        continue;
      }
      String externalId = row.getString("external_id");
      int dash = externalId.lastIndexOf('-');
      String project = dash > 0 ? externalId.substring(0, dash) : externalId;
      WorkItemNode node = byKey.computeIfAbsent(key, k -> {
        WorkItemNode created = new WorkItemNode(k, row.getString("system"), project, new ArrayList<>(), 1);
        workItems.add(created);
        return created;
      });
      node.items.add(new WorkItem(externalId, row.getString("item_type"), row.getString("status_category"),
          row.getBigDecimal("story_points")));
      node.nextNumber = Math.max(node.nextNumber, number(externalId, dash) + 1);
    }
  }

  private static int number(String externalId, int dash) {
    try {
      return Integer.parseInt(externalId.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static JsonArray milestones(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    return value instanceof String text ? new JsonArray(text) : new JsonArray();
  }

  private static double pace(Random random) {
    return MIN_PACE + (MAX_PACE - MIN_PACE) * random.nextDouble();
  }
}
