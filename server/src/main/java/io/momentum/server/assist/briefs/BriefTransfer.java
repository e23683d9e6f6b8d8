package io.momentum.server.assist.briefs;

import io.momentum.server.http.BodyReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Briefs and brief schedules in the JSON export of a cycle, and schedules in its import. An export
 * carries the cycle's stored briefs as they were written, for the record, and every brief schedule
 * of the organisation, with units named by key. An import creates the schedules its units do not
 * have yet and leaves stored briefs out, because their links and numbers name the exporting
 * organisation's nodes.
 */
public final class BriefTransfer {

  /** Maximum number of briefs one cycle export carries; the newest are kept. */
  public static final int MAX_BRIEFS = 1000;
  /** Maximum number of schedules in an import file: three kinds for each of a thousand units. */
  public static final int MAX_SCHEDULES = 3000;

  private static final String BRIEFS = """
      SELECT b.id, b.kind, u.key AS unit_key, b.language, b.as_of, b.period_start, b.title, b.trigger, b.created_by,
             b.created_at, b.content
      FROM briefs b JOIN units u ON u.id = b.unit_id
      WHERE b.org_id = $1 AND b.cycle_id = $2 ORDER BY b.created_at DESC, b.id DESC LIMIT $3""";
  private static final String SCHEDULES = """
      SELECT u.key AS unit_key, s.kind, s.language, s.day_of_week, s.day_of_month, s.time_of_day, s.time_zone, s.enabled
      FROM brief_schedules s JOIN units u ON u.id = s.unit_id WHERE s.org_id = $1 ORDER BY u.key, s.kind""";
  private static final String INSERT_SCHEDULE = """
      INSERT INTO brief_schedules (id, org_id, unit_id, kind, language, day_of_week, day_of_month, time_of_day, time_zone,
                                   enabled, next_run_at, created_by, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
      ON CONFLICT (org_id, unit_id, kind) DO NOTHING""";

  private BriefTransfer() {
  }

  /** A schedule of an import file; {@code index} is its position in {@code briefSchedules}. */
  public record ImportedSchedule(int index, String unitKey, BriefKind kind, BriefSchedules.Settings settings) {
  }

  /** Reads the briefs of a cycle, newest first, with their sections and evidence. */
  public static Future<JsonArray> exportBriefs(SqlClient client, String orgId, UUID cycleId) {
    return client.preparedQuery(BRIEFS).execute(Tuple.of(orgId, cycleId, MAX_BRIEFS)).map(rows -> {
      JsonArray briefs = new JsonArray();
      for (Row row : rows) {
        JsonObject content = (JsonObject) row.getValue("content");
        briefs.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("kind", row.getString("kind"))
            .put("unitKey", row.getString("unit_key"))
            .put("language", row.getString("language"))
            .put("asOf", row.getOffsetDateTime("as_of").toInstant().toString())
            .put("periodStart", row.getOffsetDateTime("period_start").toInstant().toString())
            .put("title", row.getString("title"))
            .put("trigger", row.getString("trigger"))
            .put("createdBy", row.getString("created_by"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("basis", content.getString("basis"))
            .put("sections", content.getJsonArray("sections"))
            .put("evidence", content.getJsonObject("evidence")));
      }
      return briefs;
    });
  }

  /** Reads every brief schedule of the organisation as an import file names it. */
  public static Future<JsonArray> exportSchedules(SqlClient client, String orgId) {
    return client.preparedQuery(SCHEDULES).execute(Tuple.of(orgId)).map(rows -> {
      JsonArray schedules = new JsonArray();
      for (Row row : rows) {
        Short dayOfWeek = row.getShort("day_of_week");
        Short dayOfMonth = row.getShort("day_of_month");
        JsonObject schedule = new JsonObject().put("unitKey", row.getString("unit_key")).put("kind", row.getString("kind"))
            .put("language", row.getString("language"));
        if (dayOfWeek != null) {
          schedule.put("dayOfWeek", dayOfWeek.intValue());
        }
        if (dayOfMonth != null) {
          schedule.put("dayOfMonth", dayOfMonth.intValue());
        }
        schedules.add(schedule.put("time", row.getLocalTime("time_of_day").toString())
            .put("timeZone", row.getString("time_zone")).put("enabled", row.getBoolean("enabled")));
      }
      return schedules;
    });
  }

  /**
   * Reads {@code briefSchedules} of an import file with the checks of the schedule API; each
   * error is added to {@code root} with its path, such as {@code briefSchedules[2].timeZone}.
   */
  public static List<ImportedSchedule> readSchedules(BodyReader root) {
    List<ImportedSchedule> schedules = new ArrayList<>();
    List<BodyReader> rows = root.objects("briefSchedules", MAX_SCHEDULES, false);
    for (int i = 0; i < rows.size(); i++) {
      // Each row reader adds its errors to the root's, under the row's path.
      BodyReader row = rows.get(i);
      int errorsBefore = root.errors().size();
      String unitKey = row.key("unitKey", true);
      BriefKind kind = BriefKind.fromWire(row.oneOf("kind", BriefKind.WIRE_NAMES, true));
      BriefSchedules.Settings settings = BriefRoutes.readSettings(row, kind, null);
      row.finishNested();
      if (root.errors().size() == errorsBefore) {
        schedules.add(new ImportedSchedule(i, unitKey, kind, settings));
      }
    }
    return schedules;
  }

  /**
   * Creates the imported schedules in the caller's transaction; a unit that already has a schedule
   * of the kind keeps its own. Completes with the number created.
   *
   * @param units unit ids by key, containing every {@code unitKey} of the schedules
   */
  public static Future<Integer> importSchedules(SqlClient client, String orgId, List<ImportedSchedule> schedules,
                                                Map<String, UUID> units, String createdBy, Instant now) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (ImportedSchedule schedule : schedules) {
      BriefSchedules.Settings settings = schedule.settings();
      Instant next = BriefSchedules.timing(schedule.kind(), settings).nextRun(now);
      chain = chain.compose(created -> client.preparedQuery(INSERT_SCHEDULE).execute(Tuple.from(new Object[] {
              UUID.randomUUID(), orgId, units.get(schedule.unitKey()), schedule.kind().wire(), settings.language(),
              settings.dayOfWeek(), settings.dayOfMonth(), settings.time(), settings.zone().getId(), settings.enabled(),
              BriefStore.utc(next), createdBy, BriefStore.utc(now)}))
          .map(rows -> created + rows.rowCount()));
    }
    return chain;
  }
}
