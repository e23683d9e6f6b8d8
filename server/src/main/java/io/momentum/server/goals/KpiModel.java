package io.momentum.server.goals;

import io.momentum.server.auth.Caller;
import io.momentum.server.db.PgOrgStateLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A KPI's formula, dated targets and drivers, which live in their own tables. The REST API shows
 * them with the KPI, and every version of a KPI in {@code definition_history} contains them, so
 * time travel evaluates a formula KPI with the drivers it had then.
 */
public final class KpiModel {

  /** Numbers travel as text inside the aggregates, so that no decimal passes through binary floating point. */
  private static final String MODEL = """
      SELECT k.formula,
             (SELECT json_agg(json_build_object('due', t.due_date, 'value', t.value::text) ORDER BY t.due_date)
              FROM kpi_targets t WHERE t.org_id = k.org_id AND t.kpi_id = k.id) AS targets,
             (SELECT json_agg(json_build_object('driverId', d.driver_id, 'driverKey', dk.key, 'variable', d.variable,
                                                'weight', d.weight::text) ORDER BY d.variable)
              FROM kpi_drivers d JOIN kpis dk ON dk.id = d.driver_id
              WHERE d.org_id = k.org_id AND d.kpi_id = k.id) AS drivers
      FROM kpis k WHERE k.org_id = $1 AND k.id = $2""";

  private static final String DRIVEN = """
      SELECT k.id, k.key, k.title FROM kpi_drivers d JOIN kpis k ON k.id = d.kpi_id AND k.archived_at IS NULL
      WHERE d.org_id = $1 AND d.driver_id = $2 ORDER BY k.key""";

  private KpiModel() {
  }

  /**
   * Completes with {@code kpi} after adding {@code drives}: the live KPIs this one is a driver of,
   * as {@code [{id, key, title}]}.
   */
  public static Future<JsonObject> attachDriven(SqlClient client, String orgId, JsonObject kpi) {
    return client.preparedQuery(DRIVEN).execute(Tuple.of(orgId, UUID.fromString(kpi.getString("id")))).map(rows -> {
      JsonArray driven = new JsonArray();
      rows.forEach(row -> driven.add(new JsonObject().put("id", row.getUUID("id").toString())
          .put("key", row.getString("key")).put("title", row.getString("title"))));
      return kpi.put("drives", driven);
    });
  }

  /** Completes with {@code kpi} after adding {@code formula}, {@code targets} and {@code drivers} from the tables. */
  public static Future<JsonObject> attach(SqlClient client, String orgId, JsonObject kpi) {
    UUID id = UUID.fromString(kpi.getString("id"));
    return client.preparedQuery(MODEL).execute(Tuple.of(orgId, id)).map(rows -> {
      Row row = rows.iterator().next();
      JsonArray targets = new JsonArray();
      for (Object item : PgOrgStateLoader.jsonArray(row.getValue("targets"))) {
        JsonObject target = (JsonObject) item;
        targets.add(new JsonObject().put("due", target.getString("due")).put("value", new BigDecimal(target.getString("value"))));
      }
      JsonArray drivers = new JsonArray();
      for (Object item : PgOrgStateLoader.jsonArray(row.getValue("drivers"))) {
        JsonObject driver = (JsonObject) item;
        drivers.add(driver.copy().put("weight", new BigDecimal(driver.getString("weight"))));
      }
      return kpi.put("formula", row.getString("formula")).put("targets", targets).put("drivers", drivers);
    });
  }

  /**
   * Appends the KPI's whole definition with its formula, targets and drivers to the history and
   * completes with it. Run it in the transaction that made the change.
   *
   * @param change {@code created} or {@code updated}
   */
  public static Future<JsonObject> record(SqlClient client, Caller caller, String change, JsonObject kpi) {
    return attach(client, caller.orgId(), kpi)
        .compose(json -> Edits.recordHistory(client, caller, "kpi", change, json).map(json));
  }

  /**
   * Reads the KPI of the caller's organisation with its model and appends it to the history as
   * {@code updated}; run it in the transaction that changed its drivers or targets.
   */
  public static Future<JsonObject> recordCurrent(SqlClient client, Caller caller, UUID kpiId) {
    return GoalRoutes.loadKpi(client, caller.orgId(), kpiId, false).compose(kpi -> record(client, caller, "updated", kpi));
  }
}
