package io.momentum.server.goals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Maps rows of the goal model to the JSON of the REST API. */
public final class GoalJson {

  private GoalJson() {
  }

  static JsonObject unit(Row row) {
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

  static JsonObject cycle(Row row) {
    return new JsonObject()
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
  }

  static JsonObject objective(Row row) {
    return new JsonObject()
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
        .put("version", row.getInteger("version"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"))
        .put("archivedAt", time(row, "archived_at"));
  }

  static JsonObject keyResult(Row row) {
    Object milestones = row.getValue("milestones");
    return new JsonObject()
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
        .put("milestones", milestones instanceof JsonArray a ? a : new JsonArray())
        .put("current", row.getBigDecimal("current_value"))
        .put("currentAt", time(row, "current_at"))
        .put("currentSource", row.getString("current_source"))
        .put("confidence", row.getValue("confidence") == null ? null : (int) row.getShort("confidence"))
        .put("carriedFrom", uuid(row, "carried_from"))
        .put("version", row.getInteger("version"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"))
        .put("archivedAt", time(row, "archived_at"));
  }

  static JsonObject kpi(Row row) {
    return new JsonObject()
        .put("id", uuid(row, "id"))
        .put("key", row.getString("key"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("unitId", uuid(row, "unit_id"))
        .put("ownerId", uuid(row, "owner_id"))
        .put("ownerName", row.getString("owner_name"))
        .put("unit", row.getString("unit"))
        .put("direction", row.getString("direction"))
        .put("indicator", row.getString("indicator"))
        .put("expectedEveryHours", row.getInteger("expected_every_hours"))
        .put("start", row.getBigDecimal("start_value"))
        .put("target", row.getBigDecimal("target_value"))
        .put("green", row.getBigDecimal("green"))
        .put("red", row.getBigDecimal("red"))
        .put("current", row.getBigDecimal("current_value"))
        .put("currentAt", time(row, "current_at"))
        .put("currentSource", row.getString("current_source"))
        .put("version", row.getInteger("version"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"))
        .put("archivedAt", time(row, "archived_at"));
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

  /** Returns a UUID column as text, or null. */
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
