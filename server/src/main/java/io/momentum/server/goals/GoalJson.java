package io.momentum.server.goals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Maps rows of the goal model to the JSON of the REST API. The same JSON, read from the columns
 * of the definition, is what {@code definition_history} stores and time travel reads back.
 */
public final class GoalJson {

  private GoalJson() {
  }

  /** Maps a unit row. */
  public static JsonObject unit(Row row) {
    return new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("name", row.getString("name"))
        .put("kind", row.getString("kind"))
        .put("parentId", uuid(row, "parent_id"))
        .put("version", row.getInteger("version"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"))
        .put("archivedAt", time(row, "archived_at"));
  }

  /** Maps a cycle row; {@code closed_by}, {@code created_at} and {@code updated_at} when selected. */
  public static JsonObject cycle(Row row) {
    JsonObject json = new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("name", row.getString("name"))
        .put("kind", row.getString("kind"))
        .put("parentId", uuid(row, "parent_id"))
        .put("start", date(row, "start_date"))
        .put("end", date(row, "end_date"))
        .put("closed", row.getBoolean("closed"))
        .put("closedAt", time(row, "closed_at"))
        .put("version", row.getInteger("version"));
    if (selected(row, "closed_by")) {
      json.put("closedBy", row.getString("closed_by"));
    }
    return withTimes(json, row);
  }

  /** Maps an objective or strategic outcome row. */
  public static JsonObject objective(Row row) {
    JsonObject json = new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("kind", row.getString("kind"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("parentId", uuid(row, "parent_id"))
        .put("parentKeyResultId", uuid(row, "parent_key_result_id"))
        .put("unitId", uuid(row, "unit_id"))
        .put("cycleId", uuid(row, "cycle_id"))
        .put("ownerId", uuid(row, "owner_id"))
        .put("ownerName", row.getString("owner_name"))
        .put("weight", row.getBigDecimal("weight"))
        .put("rollupChildren", row.getBoolean("rollup_children"))
        .put("carriedFrom", uuid(row, "carried_from"))
        .put("version", row.getInteger("version"));
    return withTimes(json, row);
  }

  /**
   * Maps a key result row. The cycle ({@code cycle_id} of the joined objective) and the latest
   * value ({@code current_value}, {@code current_at}, {@code current_source}, {@code confidence})
   * are mapped when selected.
   */
  public static JsonObject keyResult(Row row) {
    JsonObject json = new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("objectiveId", uuid(row, "objective_id"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("measurement", row.getString("measurement"))
        .put("unitId", uuid(row, "unit_id"))
        .put("ownerId", uuid(row, "owner_id"))
        .put("ownerName", row.getString("owner_name"))
        .put("weight", row.getBigDecimal("weight"))
        .put("start", row.getBigDecimal("start_value"))
        .put("target", row.getBigDecimal("target_value"))
        .put("low", row.getBigDecimal("low_value"))
        .put("high", row.getBigDecimal("high_value"))
        .put("tolerance", row.getBigDecimal("tolerance"))
        .put("commit", row.getBigDecimal("commit_value"))
        .put("stretch", row.getBigDecimal("stretch_value"))
        .put("unit", row.getString("unit"))
        .put("kpiId", uuid(row, "kpi_id"))
        .put("milestones", milestones(row.getValue("milestones")))
        .put("workFrom", workFrom(row))
        .put("carriedFrom", uuid(row, "carried_from"))
        .put("version", row.getInteger("version"));
    if (selected(row, "cycle_id")) {
      json.put("cycleId", uuid(row, "cycle_id"));
    }
    if (selected(row, "example_numbers")) {
      json.put("exampleNumbers", row.getBoolean("example_numbers"));
    }
    if (selected(row, "confidence")) {
      json.put("confidence", row.getValue("confidence") == null ? null : (int) row.getShort("confidence"));
    }
    return withTimes(withCurrent(json, row), row);
  }

  /**
   * Maps a KPI row. Description, owner id, indicator, expected frequency and the latest value are
   * mapped when selected.
   */
  public static JsonObject kpi(Row row) {
    JsonObject json = new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("title", row.getString("title"))
        .put("unitId", uuid(row, "unit_id"))
        .put("ownerName", row.getString("owner_name"))
        .put("unit", row.getString("unit"))
        .put("direction", row.getString("direction"))
        .put("start", row.getBigDecimal("start_value"))
        .put("target", row.getBigDecimal("target_value"))
        .put("green", row.getBigDecimal("green"))
        .put("red", row.getBigDecimal("red"))
        .put("version", row.getInteger("version"));
    if (selected(row, "description")) {
      json.put("description", row.getString("description"))
          .put("ownerId", uuid(row, "owner_id"))
          .put("indicator", row.getString("indicator"))
          .put("expectedEveryHours", row.getInteger("expected_every_hours"));
    }
    return withTimes(withCurrent(json, row), row);
  }

  /** Maps an initiative row. */
  public static JsonObject initiative(Row row) {
    return new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("unitId", uuid(row, "unit_id"))
        .put("cycleId", uuid(row, "cycle_id"))
        .put("ownerId", uuid(row, "owner_id"))
        .put("ownerName", row.getString("owner_name"))
        .put("externalSystem", row.getString("external_system"))
        .put("externalKey", row.getString("external_key"))
        .put("start", date(row, "start_date"))
        .put("due", date(row, "due_date"))
        .put("version", row.getInteger("version"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"))
        .put("archivedAt", time(row, "archived_at"));
  }

  /**
   * Reads a stored milestone list: an array, or a JSON string holding one (a Java String bound to
   * a jsonb parameter).
   */
  public static JsonArray milestones(Object stored) {
    if (stored instanceof JsonArray array) {
      return array;
    }
    return stored instanceof String text && text.startsWith("[") ? new JsonArray(text) : new JsonArray();
  }

  private static JsonObject withCurrent(JsonObject json, Row row) {
    if (selected(row, "current_value")) {
      json.put("current", row.getBigDecimal("current_value"))
          .put("currentAt", time(row, "current_at"))
          .put("currentSource", row.getString("current_source"));
    }
    return json;
  }

  private static JsonObject withTimes(JsonObject json, Row row) {
    if (selected(row, "created_at")) {
      json.put("createdAt", time(row, "created_at"));
    }
    if (selected(row, "updated_at")) {
      json.put("updatedAt", time(row, "updated_at"));
    }
    if (selected(row, "archived_at")) {
      json.put("archivedAt", time(row, "archived_at"));
    }
    return json;
  }

  private static boolean selected(Row row, String column) {
    return row.getColumnIndex(column) >= 0;
  }

  /** Returns a UUID column as text, or null. */
  /** Returns the ids of the initiatives a key result follows, empty when the row has no such column. */
  static JsonArray workFrom(Row row) {
    JsonArray ids = new JsonArray();
    if (selected(row, "work_from")) {
      UUID[] values = row.getArrayOfUUIDs("work_from");
      for (UUID value : values == null ? new UUID[0] : values) {
        ids.add(value.toString());
      }
    }
    return ids;
  }

  public static String uuid(Row row, String column) {
    UUID value = row.getUUID(column);
    return value == null ? null : value.toString();
  }

  /** Returns a timestamp column as an ISO instant, or null. */
  public static String time(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().toString();
  }

  /** Returns a date column as an ISO date, or null. */
  public static String date(Row row, String column) {
    LocalDate value = row.getLocalDate(column);
    return value == null ? null : value.toString();
  }
}
