package io.momentum.server.history;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.KpiModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the definitions of goal nodes as they stood at an instant: the latest
 * {@code definition_history} row at or before it, or, for entities whose history starts later
 * without a {@code created} row (such as seeded data), the current row when it was created by then.
 * An entity archived by then, or created after it, has no definition.
 */
final class AsOfDefinitions {

  /**
   * A definition valid at the instant.
   *
   * @param fromCurrentRow true when it is the current row, for an entity without history then
   */
  record Versioned(String entity, JsonObject definition, boolean fromCurrentRow) {
  }

  private static final String LATEST = """
      SELECT DISTINCT ON (entity_id) entity_id, entity, change, definition FROM definition_history
      WHERE org_id = $1 AND entity_id = ANY($2) AND changed_at <= $3
      ORDER BY entity_id, changed_at DESC, version DESC""";
  private static final String FIRST = """
      SELECT DISTINCT ON (entity_id) entity_id, change FROM definition_history
      WHERE org_id = $1 AND entity_id = ANY($2)
      ORDER BY entity_id, changed_at, version""";
  private static final String OBJECTIVES = "SELECT " + Definitions.OBJECTIVE_COLUMNS
      + " FROM objectives o WHERE o.org_id = $1 AND o.id = ANY($2) AND o.created_at <= $3";
  private static final String KEY_RESULTS = "SELECT " + Definitions.KEY_RESULT_COLUMNS
      + " FROM key_results k JOIN objectives o ON o.id = k.objective_id WHERE k.org_id = $1 AND k.id = ANY($2) AND k.created_at <= $3";
  private static final String KPIS = "SELECT " + Definitions.KPI_COLUMNS
      + " FROM kpis WHERE org_id = $1 AND id = ANY($2) AND created_at <= $3";
  private static final String INITIATIVES = "SELECT id, key, title, description, unit_id, cycle_id, owner_id, owner_name,"
      + " external_system, external_key, start_date, due_date, version, created_at, updated_at, archived_at"
      + " FROM initiatives WHERE org_id = $1 AND id = ANY($2) AND created_at <= $3";

  private AsOfDefinitions() {
  }

  /** Completes with the definitions of the given goal nodes valid at {@code at}, by id; ids without one are left out. */
  static Future<Map<String, Versioned>> read(SqlConnection connection, String orgId, Collection<UUID> ids, Instant at) {
    Map<String, Versioned> result = new HashMap<>();
    if (ids.isEmpty()) {
      return Future.succeededFuture(result);
    }
    UUID[] array = ids.toArray(UUID[]::new);
    OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
    Set<String> decided = new HashSet<>();
    return connection.preparedQuery(LATEST).execute(Tuple.of(orgId, array, time))
        .compose(rows -> {
          for (Row row : rows) {
            String id = row.getUUID("entity_id").toString();
            decided.add(id);
            JsonObject definition = Definitions.json(row.getValue("definition"));
            String archivedAt = definition.getString("archivedAt");
            boolean archived = "archived".equals(row.getString("change"))
                || (archivedAt != null && !Instant.parse(archivedAt).isAfter(at));
            if (!archived) {
              result.put(id, new Versioned(row.getString("entity"), definition, false));
            }
          }
          return connection.preparedQuery(FIRST).execute(Tuple.of(orgId, (Object) array));
        })
        .compose(rows -> {
          // History that starts after the instant with a created row means the entity did not exist yet.
          for (Row row : rows) {
            if ("created".equals(row.getString("change"))) {
              decided.add(row.getUUID("entity_id").toString());
            }
          }
          List<UUID> fallback = new ArrayList<>();
          for (UUID id : ids) {
            if (!decided.contains(id.toString())) {
              fallback.add(id);
            }
          }
          return currentRows(connection, orgId, fallback, time, result);
        })
        .map(result);
  }

  private static Future<Void> currentRows(SqlConnection connection, String orgId, List<UUID> ids, OffsetDateTime time,
                                          Map<String, Versioned> result) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple params = Tuple.of(orgId, ids.toArray(UUID[]::new), time);
    return connection.preparedQuery(OBJECTIVES).execute(params)
        .map(rows -> add(rows, "objective", result, time))
        .compose(v -> connection.preparedQuery(KEY_RESULTS).execute(params))
        .map(rows -> add(rows, "key_result", result, time))
        .compose(v -> connection.preparedQuery(KPIS).execute(params))
        .map(rows -> add(rows, "kpi", result, time))
        .compose(v -> connection.preparedQuery(INITIATIVES).execute(params))
        .map(rows -> add(rows, "initiative", result, time))
        .compose(v -> withKpiModels(connection, orgId, result));
  }

  /** Adds formula, targets and drivers to the KPIs read from their current rows. */
  private static Future<Void> withKpiModels(SqlConnection connection, String orgId, Map<String, Versioned> result) {
    List<Future<JsonObject>> models = new ArrayList<>();
    result.values().forEach(v -> {
      if (v.fromCurrentRow() && "kpi".equals(v.entity())) {
        models.add(KpiModel.attach(connection, orgId, v.definition()));
      }
    });
    return Future.all(models).mapEmpty();
  }

  private static Void add(Iterable<Row> rows, String entity, Map<String, Versioned> result, OffsetDateTime time) {
    for (Row row : rows) {
      OffsetDateTime archived = row.getOffsetDateTime("archived_at");
      if (archived != null && !archived.isAfter(time)) {
        continue;
      }
      JsonObject definition = switch (entity) {
        case "objective" -> GoalJson.objective(row);
        case "key_result" -> GoalJson.keyResult(row);
        case "initiative" -> GoalJson.initiative(row);
        default -> GoalJson.kpi(row);
      };
      result.put(definition.getString("id"), new Versioned(entity, definition, true));
    }
    return null;
  }
}
