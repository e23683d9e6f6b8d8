package io.momentum.server.history;

import io.momentum.server.goals.GoalJson;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stored form of definitions in {@code definition_history}: the entity's REST JSON (camelCase
 * fields such as {@code parentId}, {@code objectiveId}, {@code cycleId}, {@code start},
 * {@code target}) that {@link GoalJson} maps from table rows, turned back into the engine's
 * definitions here. Time travel reads what {@link #append} writes.
 */
public final class Definitions {

  /** Columns of {@code objectives} that a stored definition contains ({@link GoalJson#objective}). */
  public static final String OBJECTIVE_COLUMNS = "o.id, o.org_id, o.key, o.kind, o.title, o.description, o.parent_id,"
      + " o.parent_key_result_id, o.unit_id, o.cycle_id, o.owner_id, o.owner_name, o.weight, o.rollup_children,"
      + " o.carried_from, o.version, o.created_at, o.archived_at";
  /** Columns of {@code key_results k JOIN objectives o} that a stored definition contains ({@link GoalJson#keyResult}). */
  public static final String KEY_RESULT_COLUMNS = "k.id, k.org_id, k.key, k.objective_id, o.cycle_id, k.title,"
      + " k.description, k.measurement, k.unit_id, k.owner_id, k.owner_name, k.weight, k.start_value, k.target_value,"
      + " k.low_value, k.high_value, k.tolerance, k.commit_value, k.stretch_value, k.unit, k.kpi_id, k.milestones,"
      + " k.work_from, k.carried_from, k.version, k.created_at, k.archived_at, k.example_numbers";
  /** Columns of {@code kpis} that a stored definition contains ({@link GoalJson#kpi}). */
  public static final String KPI_COLUMNS = "id, org_id, key, title, unit_id, owner_name, unit, direction, start_value,"
      + " target_value, green, red, version, created_at, archived_at";
  /** Columns of {@code cycles} that a stored definition contains ({@link GoalJson#cycle}). */
  public static final String CYCLE_COLUMNS = "id, org_id, key, name, kind, parent_id, start_date, end_date, closed,"
      + " closed_at, closed_by, version, created_at, updated_at";

  private static final String APPEND = """
      INSERT INTO definition_history (org_id, entity, entity_id, version, change, changed_at, changed_by, definition)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)""";

  private Definitions() {
  }

  /**
   * Appends one version of a definition to {@code definition_history}; run it in the transaction
   * that made the change.
   *
   * @param entity {@code unit}, {@code cycle}, {@code objective}, {@code key_result}, {@code kpi} or {@code initiative}
   * @param change {@code created}, {@code updated}, {@code archived}, {@code closed} or {@code reopened}
   */
  public static Future<Void> append(SqlClient client, String orgId, String entity, UUID id, int version,
                                    String change, OffsetDateTime at, String changedBy, JsonObject definition) {
    return client.preparedQuery(APPEND)
        .execute(Tuple.from(new Object[] {orgId, entity, id, version, change, at, changedBy, definition}))
        .mapEmpty();
  }

  /**
   * Reads a stored jsonb object. A value written as a JSON string holding the object's text (a
   * Java String bound to a jsonb parameter) is parsed as well.
   */
  public static JsonObject json(Object stored) {
    if (stored instanceof JsonObject object) {
      return object;
    }
    return stored instanceof String text ? new JsonObject(text) : new JsonObject();
  }

  /** Builds the engine's cycle from its stored definition. */
  public static CycleDef toCycle(String orgId, JsonObject def, boolean closed) {
    return new CycleDef(def.getString("id"), orgId, def.getString("key"), def.getString("name"),
        CycleKind.fromWire(def.getString("kind")), def.getString("parentId"),
        LocalDate.parse(def.getString("start")), LocalDate.parse(def.getString("end")), closed);
  }

  /**
   * Builds the engine's node from a stored definition of an objective, key result or KPI.
   *
   * @param entity {@code objective}, {@code key_result} or {@code kpi}
   * @param cycleId the cycle of a key result's objective at the same instant (key results carry
   *     no cycle of their own); ignored for other entities
   */
  public static NodeDef toNode(String orgId, String entity, JsonObject def, String cycleId) {
    String id = def.getString("id");
    return switch (entity) {
      case "objective" -> NodeDef.builder(id, orgId, NodeKind.fromWire(def.getString("kind", "objective")))
          .key(def.getString("key"))
          .title(def.getString("title"))
          .parentId(def.getString("parentId") != null ? def.getString("parentId") : def.getString("parentKeyResultId"))
          .unitId(def.getString("unitId"))
          .cycleId(def.getString("cycleId"))
          .ownerName(def.getString("ownerName"))
          .weight(decimal(def, "weight"))
          .rollupChildren(def.getBoolean("rollupChildren"))
          .build();
      case "key_result" -> NodeDef.builder(id, orgId, NodeKind.KEY_RESULT)
          .key(def.getString("key"))
          .title(def.getString("title"))
          .measurement(Measurement.fromWire(def.getString("measurement")))
          .parentId(def.getString("objectiveId"))
          .unitId(def.getString("unitId"))
          .cycleId(cycleId)
          .ownerName(def.getString("ownerName"))
          .weight(decimal(def, "weight"))
          .start(decimal(def, "start"))
          .target(decimal(def, "target"))
          .low(decimal(def, "low"))
          .high(decimal(def, "high"))
          .tolerance(decimal(def, "tolerance"))
          .commit(decimal(def, "commit"))
          .stretch(decimal(def, "stretch"))
          .unit(def.getString("unit"))
          .kpiId(def.getString("kpiId"))
          .milestones(milestoneDefs(GoalJson.milestones(def.getValue("milestones"))))
          .workFrom(strings(def.getJsonArray("workFrom")))
          .exampleNumbers(def.getBoolean("exampleNumbers", false))
          .build();
      case "kpi" -> NodeDef.builder(id, orgId, NodeKind.KPI)
          .key(def.getString("key"))
          .title(def.getString("title"))
          .unitId(def.getString("unitId"))
          .ownerName(def.getString("ownerName"))
          .unit(def.getString("unit"))
          .direction(Measurement.fromWire(def.getString("direction", "increase")))
          .start(decimal(def, "start"))
          .target(decimal(def, "target"))
          .green(decimal(def, "green"))
          .red(decimal(def, "red"))
          .formula(def.getString("formula"))
          .drivers(driverDefs(def.getJsonArray("drivers")))
          .targets(targetDefs(def.getJsonArray("targets")))
          .build();
      default -> throw new IllegalArgumentException("entity " + entity + " is not a goal node");
    };
  }

  /** Returns the drivers of a stored KPI; a definition written before drivers were stored has none. */
  static List<NodeDef.DriverDef> driverDefs(JsonArray array) {
    List<NodeDef.DriverDef> result = new ArrayList<>();
    if (array == null) {
      return result;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonObject driver = array.getJsonObject(i);
      result.add(new NodeDef.DriverDef(driver.getString("driverId"), driver.getString("variable"), decimal(driver, "weight")));
    }
    return result;
  }

  private static List<NodeDef.DatedTarget> targetDefs(JsonArray array) {
    List<NodeDef.DatedTarget> result = new ArrayList<>();
    if (array == null) {
      return result;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonObject target = array.getJsonObject(i);
      result.add(new NodeDef.DatedTarget(LocalDate.parse(target.getString("due")), decimal(target, "value")));
    }
    return result;
  }

  /** Returns the strings of an array; empty for a definition stored before the array existed. */
  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        values.add(array.getString(i));
      }
    }
    return values;
  }

  private static List<MilestoneDef> milestoneDefs(JsonArray array) {
    List<MilestoneDef> result = new ArrayList<>();
    if (array == null) {
      return result;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonObject m = array.getJsonObject(i);
      result.add(new MilestoneDef(m.getString("id"), m.getString("title"), decimal(m, "weight"), m.getBoolean("done", false)));
    }
    return result;
  }

  /** Reads a decimal that JSON may hold as a number or a string, without binary rounding. */
  static BigDecimal decimal(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value == null ? null : new BigDecimal(value.toString());
  }
}
