package io.momentum.server.cycles;

import io.momentum.server.goals.GoalJson;
import io.momentum.server.auth.Caller;
import io.momentum.server.history.Definitions;
import io.momentum.server.http.ApiException;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Copies objectives with their live key results into a target cycle, inside the transaction that
 * closes their cycle. Keys get the target cycle's key as a suffix; {@code carried_from} points to
 * the original, so the history of a copy reaches back into the closed cycle.
 */
final class CarryOver {

  /** Measurements whose last value becomes the first value of the copy; the others follow a KPI, milestones or work items. */
  private static final Set<String> VALUE_MEASUREMENTS = Set.of("increase", "decrease", "range", "binary");
  private static final int MAX_KEY = 80;

  private final SqlConnection connection;
  private final Caller caller;
  private final Row target;
  private final OffsetDateTime at;
  private final List<JsonObject> firstValues = new ArrayList<>();

  CarryOver(SqlConnection connection, Caller caller, Row target, OffsetDateTime at) {
    this.connection = connection;
    this.caller = caller;
    this.target = target;
    this.at = at;
  }

  /** Returns the key result copies that start from their original's last value, as {@code {id, value}}. */
  List<JsonObject> firstValues() {
    return firstValues;
  }

  /**
   * Copies the objectives in the given order and completes with one JSON per copy, its key results
   * under {@code keyResults}.
   *
   * @param states the engine's board JSON of the originals, by id, for their last values
   */
  Future<List<JsonObject>> copy(List<UUID> objectiveIds, Map<UUID, JsonObject> states) {
    List<JsonObject> copies = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < objectiveIds.size(); i++) {
      int index = i;
      chain = chain.compose(v -> copyObjective(objectiveIds.get(index), index, states)).map(copy -> {
        copies.add(copy);
        return null;
      });
    }
    return chain.map(copies);
  }

  private Future<JsonObject> copyObjective(UUID originalId, int index, Map<UUID, JsonObject> states) {
    String orgId = caller.orgId();
    UUID copyId = UUID.randomUUID();
    return connection.preparedQuery("SELECT key FROM objectives WHERE org_id = $1 AND id = $2").execute(Tuple.of(orgId, originalId))
        .compose(rows -> {
          String key = copyKey(rows.iterator().next().getString("key"), "carryOver[" + index + "]");
          return insertKey(key, copyId, "objective", "carryOver[" + index + "]")
              .compose(v -> connection.preparedQuery("INSERT INTO objectives AS o (id, org_id, key, kind, title, description, parent_id,"
                      + " parent_key_result_id, unit_id, cycle_id, owner_id, owner_name, weight, rollup_children, carried_from)"
                      + " SELECT $3, org_id, $4, kind, title, description, parent_id, parent_key_result_id, unit_id, $5, owner_id,"
                      + " owner_name, weight, rollup_children, id FROM objectives WHERE org_id = $1 AND id = $2"
                      + " RETURNING " + Definitions.OBJECTIVE_COLUMNS)
                  .execute(Tuple.of(orgId, originalId, copyId, key, target.getUUID("id"))));
        })
        .compose(rows -> append("objective", GoalJson.objective(rows.iterator().next())))
        .compose(objective -> copyKeyResults(originalId, copyId, index, states)
            .map(keyResults -> objective.copy().put("keyResults", keyResults)));
  }

  private Future<JsonArray> copyKeyResults(UUID originalObjective, UUID copyObjective, int index, Map<UUID, JsonObject> states) {
    String orgId = caller.orgId();
    return connection.preparedQuery("SELECT id, key, measurement FROM key_results WHERE org_id = $1 AND objective_id = $2"
            + " AND archived_at IS NULL ORDER BY key")
        .execute(Tuple.of(orgId, originalObjective))
        .compose(rows -> {
          Map<UUID, Row> originals = new LinkedHashMap<>();
          rows.forEach(r -> originals.put(r.getUUID("id"), r));
          JsonArray copies = new JsonArray();
          Future<Void> chain = Future.succeededFuture();
          for (Row original : originals.values()) {
            UUID copyId = UUID.randomUUID();
            String field = "carryOver[" + index + "]";
            chain = chain
                .compose(v -> {
                  String key = copyKey(original.getString("key"), field);
                  return insertKey(key, copyId, "key_result", field)
                      .compose(x -> connection.preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, description,"
                              + " measurement, unit_id, owner_id, owner_name, weight, start_value, target_value, low_value, high_value,"
                              + " tolerance, commit_value, stretch_value, unit, kpi_id, milestones, work_from, example_numbers, carried_from)"
                              + " SELECT $3, org_id, $4, $5, title, description, measurement, unit_id, owner_id, owner_name, weight,"
                              + " start_value, target_value, low_value, high_value, tolerance, commit_value, stretch_value, unit,"
                              + " kpi_id, milestones, work_from, example_numbers, id FROM key_results WHERE org_id = $1 AND id = $2")
                          .execute(Tuple.of(orgId, original.getUUID("id"), copyId, key, copyObjective)));
                })
                .compose(x -> connection.preparedQuery("SELECT " + Definitions.KEY_RESULT_COLUMNS
                        + " FROM key_results k JOIN objectives o ON o.id = k.objective_id WHERE k.org_id = $1 AND k.id = $2")
                    .execute(Tuple.of(orgId, copyId)))
                .compose(x -> append("key_result", GoalJson.keyResult(x.iterator().next())))
                .map(json -> {
                  JsonObject state = states.get(original.getUUID("id"));
                  Object last = state == null ? null : state.getValue("current");
                  if (last != null && VALUE_MEASUREMENTS.contains(original.getString("measurement"))) {
                    firstValues.add(new JsonObject().put("id", copyId.toString()).put("value", last));
                    json.put("firstValue", last);
                  }
                  copies.add(json);
                  return null;
                });
          }
          return chain.map(copies);
        });
  }

  private String copyKey(String originalKey, String field) {
    String key = originalKey + "-" + target.getString("key");
    if (key.length() > MAX_KEY) {
      throw ApiException.invalid(field, "copy_key_too_long", "the copy's key \"" + key + "\" would be " + key.length()
          + " characters long; the limit is " + MAX_KEY + ", so shorten the key of " + originalKey + " or of the target cycle",
          new io.vertx.core.json.JsonObject().put("key", key).put("limit", MAX_KEY));
    }
    return key;
  }

  private Future<Void> insertKey(String key, UUID id, String kind, String field) {
    return connection.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(caller.orgId(), key, id, kind))
        .compose(result -> result.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new ApiException(409, "conflict", "The key \"" + key
                + "\" of a carried-over copy is already used in your organisation; was this objective carried over before?",
                List.of(FieldError.of(field, "copy_key_taken", "its copy's key " + key + " is already taken", new io.vertx.core.json.JsonObject().put("key", key))))));
  }

  private Future<JsonObject> append(String entity, JsonObject definition) {
    return Definitions.append(connection, caller.orgId(), entity, UUID.fromString(definition.getString("id")),
            definition.getInteger("version"), "created", at, caller.source(), definition)
        .map(definition);
  }
}
