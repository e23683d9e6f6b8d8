package io.momentum.server.goals;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fields of a new key result, checked per measurement kind: a metric needs start and target
 * in its direction, a range needs low and high, a milestone list needs milestones, a KPI-following
 * key result needs its KPI. A key result measured by work items may name in {@code workFrom} the
 * initiatives whose work it follows, by id or key; {@link GoalRoutes#resolveWorkFrom} replaces them
 * by the ids of live initiatives of the organisation before the key result is stored.
 */
public record KeyResultInput(String key, UUID objectiveId, String title, String description, String measurement,
                             UUID unitId, UUID ownerId, String ownerName, BigDecimal weight, BigDecimal start, BigDecimal target,
                      BigDecimal low, BigDecimal high, BigDecimal tolerance, BigDecimal commit,
                      BigDecimal stretch, String unit, UUID kpiId, JsonArray milestones, List<String> workFrom,
                      boolean exampleNumbers) {

  /** Maximum number of initiatives a key result follows. */
  static final int MAX_WORK_FROM = 50;

  /**
   * Fields a client sends; a PATCH lays its fields over these of the current key result. The
   * {@code exampleNumbers} mark is left out because an edit keeps it by the rule of {@link
   * #withExampleNumbersAfterEdit}, not by copying it.
   */
  static final List<String> FIELDS = List.of("key", "objectiveId", "title", "description", "measurement", "unitId",
      "ownerId", "ownerName", "weight", "start", "target", "low", "high", "tolerance", "commit", "stretch", "unit",
      "kpiId", "milestones", "workFrom");

  static final List<String> MEASUREMENTS = List.of("increase", "decrease", "range", "milestone", "binary", "kpi", "work_items");

  /** Reads and checks the fields of a new key result, recording every invalid one in {@code body}. */
  public static KeyResultInput read(BodyReader body) {
    String key = body.key("key", true);
    UUID objectiveId = body.uuid("objectiveId", true);
    String title = body.text("title", GoalRoutes.MAX_TITLE, true);
    String description = body.text("description", GoalRoutes.MAX_DESCRIPTION, false);
    String measurement = body.oneOf("measurement", MEASUREMENTS, true);
    UUID unitId = body.uuid("unitId", false);
    UUID ownerId = body.uuid("ownerId", false);
    String owner = body.text("ownerName", Owners.MAX_OWNER_NAME, false);
    BigDecimal weight = GoalRoutes.weight(body);
    BigDecimal start = body.number("start", false);
    BigDecimal target = body.number("target", false);
    BigDecimal low = body.number("low", false);
    BigDecimal high = body.number("high", false);
    BigDecimal tolerance = body.number("tolerance", false);
    BigDecimal commit = body.number("commit", false);
    BigDecimal stretch = body.number("stretch", false);
    String unit = body.text("unit", 20, false);
    UUID kpiId = body.uuid("kpiId", false);
    List<BodyReader> milestoneItems = body.objects("milestones", GoalRoutes.MAX_MILESTONES, false);
    List<String> workFrom = body.texts("workFrom", MAX_WORK_FROM, 80, false);
    Boolean exampleNumbers = body.bool("exampleNumbers", false);
    JsonArray milestones = new JsonArray();
    if (measurement != null) {
      switch (measurement) {
        case "increase", "decrease" -> checkMetric(body, measurement, start, target, commit, stretch);
        case "kpi" -> {
          if (kpiId == null) {
            body.reject("kpiId", "missing", "is missing: a key result measured by a KPI names the KPI it follows", null);
          }
          checkMetric(body, null, start, target, commit, stretch);
        }
        case "range" -> checkRange(body, low, high, tolerance);
        case "milestone" -> milestones = readMilestones(body, milestoneItems);
        default -> { }
      }
      rejectUnused(body, measurement, start, target, low, high, tolerance, commit, stretch, kpiId, milestoneItems);
      if (!"work_items".equals(measurement) && !workFrom.isEmpty()) {
        body.reject("workFrom", "not_work_items", "applies only to measurement \"work_items\": only a key result measured"
            + " by work items can follow the work of initiatives; leave it out or change the measurement",
            new JsonObject().put("measurement", measurement));
      }
      rejectIf(body, !isMetric(measurement) && Boolean.TRUE.equals(exampleNumbers), "exampleNumbers", measurement);
    }
    return new KeyResultInput(key, objectiveId, title, description, measurement, unitId, ownerId, owner, weight, start, target,
        low, high, tolerance, commit, stretch, unit, kpiId, milestones, workFrom, Boolean.TRUE.equals(exampleNumbers));
  }

  private static void checkMetric(BodyReader body, String direction, BigDecimal start, BigDecimal target,
                                  BigDecimal commit, BigDecimal stretch) {
    if (start == null) {
      body.reject("start", "missing", "is missing: the baseline value when the key result was set", null);
    }
    if (target == null) {
      body.reject("target", "missing", "is missing: the value that means the key result is achieved", null);
    }
    if (start == null || target == null) {
      return;
    }
    if ("increase".equals(direction) && target.compareTo(start) < 0) {
      body.reject("target", "target_below_start", "is below start (" + start.toPlainString() + "); use measurement \"decrease\" for a value that should go down",
          new io.vertx.core.json.JsonObject().put("start", start.toPlainString()));
    }
    if ("decrease".equals(direction) && target.compareTo(start) > 0) {
      body.reject("target", "target_above_start", "is above start (" + start.toPlainString() + "); use measurement \"increase\" for a value that should go up",
          new io.vertx.core.json.JsonObject().put("start", start.toPlainString()));
    }
    int sign = target.compareTo(start) >= 0 ? 1 : -1;
    if (commit != null && (commit.subtract(start).signum() * sign < 0 || target.subtract(commit).signum() * sign < 0)) {
      body.reject("commit", "commit_range", "must lie between start (" + start.toPlainString() + ") and target (" + target.toPlainString() + ")",
          new io.vertx.core.json.JsonObject().put("start", start.toPlainString()).put("target", target.toPlainString()));
    }
    if (stretch != null && stretch.subtract(target).signum() * sign < 0) {
      body.reject("stretch", "stretch_range", "must lie beyond target (" + target.toPlainString() + ") in the key result's direction",
          new io.vertx.core.json.JsonObject().put("target", target.toPlainString()));
    }
  }

  private static void checkRange(BodyReader body, BigDecimal low, BigDecimal high, BigDecimal tolerance) {
    if (low == null) {
      body.reject("low", "missing", "is missing: the lowest healthy value", null);
    }
    if (high == null) {
      body.reject("high", "missing", "is missing: the highest healthy value", null);
    }
    if (low != null && high != null && high.compareTo(low) < 0) {
      body.reject("high", "high_below_low", "is below low (" + low.toPlainString() + ")", new io.vertx.core.json.JsonObject().put("low", low.toPlainString()));
    }
    if (tolerance != null && tolerance.signum() <= 0) {
      body.reject("tolerance", "tolerance_positive", "must be above 0; leave it out to use high - low", null);
    }
  }

  private static JsonArray readMilestones(BodyReader body, List<BodyReader> items) {
    JsonArray milestones = new JsonArray();
    if (items.isEmpty() && !body.rejected("milestones")) {
      body.reject("milestones", "missing", "is missing: list the milestones as [{\"title\": ..., \"weight\": 1}]", null);
      return milestones;
    }
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      BodyReader item = items.get(i);
      // Ids are given by position; one sent back from a GET is accepted and replaced.
      item.text("id", 20, false);
      String title = item.text("title", GoalRoutes.MAX_TITLE, true);
      BigDecimal weight = item.number("weight", false);
      Boolean done = item.bool("done", false);
      if (weight != null && (weight.signum() <= 0 || weight.compareTo(GoalRoutes.MAX_WEIGHT) > 0)) {
        item.reject("weight", "milestone_weight_range", "must be above 0 and at most " + GoalRoutes.MAX_WEIGHT,
            new io.vertx.core.json.JsonObject().put("max", GoalRoutes.MAX_WEIGHT.toPlainString()));
      }
      if (title != null && !titles.add(title)) {
        item.reject("title", "repeated", "repeats another milestone's title; titles name milestones in events, so make them unique", null);
      }
      item.finishNested();
      milestones.add(new JsonObject()
          .put("id", "m" + (i + 1))
          .put("title", title)
          .put("weight", weight == null ? BigDecimal.ONE : weight)
          .put("done", done != null && done));
    }
    return milestones;
  }

  /** Fields of other measurement kinds would be silently ignored, so they are rejected. */
  private static void rejectUnused(BodyReader body, String measurement, BigDecimal start, BigDecimal target,
                                   BigDecimal low, BigDecimal high, BigDecimal tolerance, BigDecimal commit,
                                   BigDecimal stretch, UUID kpiId, List<BodyReader> milestones) {
    boolean metric = isMetric(measurement);
    rejectIf(body, !metric && start != null, "start", measurement);
    rejectIf(body, !metric && target != null, "target", measurement);
    rejectIf(body, !metric && commit != null, "commit", measurement);
    rejectIf(body, !metric && stretch != null, "stretch", measurement);
    rejectIf(body, !"range".equals(measurement) && (low != null), "low", measurement);
    rejectIf(body, !"range".equals(measurement) && (high != null), "high", measurement);
    rejectIf(body, !"range".equals(measurement) && (tolerance != null), "tolerance", measurement);
    rejectIf(body, !"kpi".equals(measurement) && kpiId != null, "kpiId", measurement);
    rejectIf(body, !"milestone".equals(measurement) && !milestones.isEmpty(), "milestones", measurement);
  }

  private static boolean isMetric(String measurement) {
    return Set.of("increase", "decrease", "kpi").contains(measurement);
  }

  private static void rejectIf(BodyReader body, boolean condition, String field, String measurement) {
    if (condition) {
      body.reject(field, "not_applicable", "does not apply to measurement \"" + measurement + "\"; leave it out",
          new io.vertx.core.json.JsonObject().put("measurement", measurement));
    }
  }

  /** Returns the copy with the owner name to store. */
  KeyResultInput withOwnerName(String name) {
    return new KeyResultInput(key, objectiveId, title, description, measurement, unitId, ownerId, name, weight, start,
        target, low, high, tolerance, commit, stretch, unit, kpiId, milestones, workFrom, exampleNumbers);
  }

  /** Returns the copy that follows the given initiatives, named by id. */
  KeyResultInput withWorkFrom(List<UUID> initiativeIds) {
    return new KeyResultInput(key, objectiveId, title, description, measurement, unitId, ownerId, ownerName, weight, start,
        target, low, high, tolerance, commit, stretch, unit, kpiId, milestones,
        initiativeIds.stream().map(UUID::toString).toList(), exampleNumbers);
  }

  /**
   * Returns the copy with the example numbers mark of an edit of {@code current}, the stored key
   * result as JSON. The mark stays while start and target are unchanged, unless {@code patch}
   * sends {@code exampleNumbers: false} to confirm them as the team's own. Raises 400 (code
   * {@code example_numbers_on_create}) when the patch sets a mark the key result does not have.
   */
  KeyResultInput withExampleNumbersAfterEdit(JsonObject current, JsonObject patch) {
    boolean marked = Boolean.TRUE.equals(current.getBoolean("exampleNumbers"));
    Object requested = patch.getValue("exampleNumbers");
    if (Boolean.TRUE.equals(requested) && !marked) {
      throw ApiException.invalid("exampleNumbers", "example_numbers_on_create",
          "can only be set when the key result is created from a draft; send false to confirm the numbers", null);
    }
    boolean kept = marked && !Boolean.FALSE.equals(requested) && isMetric(measurement)
        && sameNumber(current, "start", start) && sameNumber(current, "target", target);
    return new KeyResultInput(key, objectiveId, title, description, measurement, unitId, ownerId, ownerName, weight, start,
        target, low, high, tolerance, commit, stretch, unit, kpiId, milestones, workFrom, kept);
  }

  private static boolean sameNumber(JsonObject current, String field, BigDecimal value) {
    Object stored = current.getValue(field);
    if (stored == null || value == null) {
      return stored == null && value == null;
    }
    return new BigDecimal(stored.toString()).compareTo(value) == 0;
  }

  /**
   * Parameters $1 to $23 of the insert: id, organisation and every field. Call it after {@link
   * #withWorkFrom}, because {@code workFrom} must hold ids by then.
   */
  Tuple toTuple(UUID id, String orgId) {
    UUID[] workFromIds = workFrom.stream().map(UUID::fromString).toArray(UUID[]::new);
    return Tuple.from(new Object[] {id, orgId, key, objectiveId, title, measurement, unitId, ownerName, weight,
        start, target, low, high, tolerance, commit, stretch, unit, kpiId, milestones, description, ownerId, workFromIds,
        exampleNumbers});
  }
}
