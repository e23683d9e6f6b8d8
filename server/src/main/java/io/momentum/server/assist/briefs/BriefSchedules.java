package io.momentum.server.assist.briefs;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stores brief schedules, one per unit and kind in an organisation. */
final class BriefSchedules {

  static final String COLUMNS = """
      s.id, s.org_id, s.unit_id, u.name AS unit_name, s.kind, s.language, s.day_of_week, s.day_of_month, s.time_of_day,
      s.time_zone, s.enabled, s.next_run_at, s.last_run_at, s.last_brief_id, s.last_error, s.created_by, s.created_at,
      s.updated_at, s.version""";

  private static final String LIST = "SELECT " + COLUMNS + " FROM brief_schedules s JOIN units u ON u.id = s.unit_id"
      + " WHERE s.org_id = $1 AND ($2::uuid IS NULL OR s.unit_id = $2) ORDER BY u.name, s.kind";
  private static final String READ = "SELECT " + COLUMNS + " FROM brief_schedules s JOIN units u ON u.id = s.unit_id"
      + " WHERE s.org_id = $1 AND s.id = $2";
  private static final String UNIT_EXISTS = "SELECT 1 FROM units WHERE org_id = $1 AND id = $2";
  private static final String INSERT = """
      INSERT INTO brief_schedules (id, org_id, unit_id, kind, language, day_of_week, day_of_month, time_of_day, time_zone,
                                   enabled, next_run_at, created_by, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)""";
  private static final String UPDATE = """
      UPDATE brief_schedules SET language = $3, day_of_week = $4, day_of_month = $5, time_of_day = $6, time_zone = $7,
        enabled = $8, next_run_at = $9, updated_at = $10, version = version + 1
      WHERE org_id = $1 AND id = $2""";
  private static final String DELETE = "DELETE FROM brief_schedules WHERE org_id = $1 AND id = $2";
  /** Due schedules, locked so that a second claimer in the same instant skips them. */
  private static final String DUE = "SELECT " + COLUMNS + " FROM brief_schedules s JOIN units u ON u.id = s.unit_id"
      + " WHERE s.enabled AND s.next_run_at <= $1 ORDER BY s.next_run_at, s.id LIMIT $2 FOR UPDATE OF s SKIP LOCKED";
  private static final String ADVANCE = "UPDATE brief_schedules SET next_run_at = $2, last_run_at = $3 WHERE id = $1";
  private static final String RESULT = "UPDATE brief_schedules SET last_brief_id = coalesce($2, last_brief_id), last_error = $3 WHERE id = $1";

  private final Pool pool;

  BriefSchedules(Pool pool) {
    this.pool = pool;
  }

  /** A schedule's settings as a person sets them. */
  record Settings(String language, Integer dayOfWeek, Integer dayOfMonth, LocalTime time, ZoneId zone, boolean enabled) {
  }

  Future<JsonArray> list(String orgId, UUID unitId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(orgId, unitId)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(json(row)));
      return items;
    });
  }

  Future<JsonObject> read(String orgId, UUID id) {
    return pool.preparedQuery(READ).execute(Tuple.of(orgId, id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiException.notFound("Brief schedule " + id))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  /** Creates a schedule; fails with 404 for a unit of another organisation and 409 when the unit has one of this kind. */
  Future<JsonObject> create(String orgId, UUID unitId, BriefKind kind, Settings settings, String createdBy, Instant now) {
    UUID id = UUID.randomUUID();
    Instant next = timing(kind, settings).nextRun(now);
    return pool.preparedQuery(UNIT_EXISTS).execute(Tuple.of(orgId, unitId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("Unit " + unitId))
            : pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, orgId, unitId, kind.wire(),
                settings.language(), settings.dayOfWeek(), settings.dayOfMonth(), settings.time(), settings.zone().getId(),
                settings.enabled(), BriefStore.utc(next), createdBy, BriefStore.utc(now)})))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiException.conflict("Unit " + unitId + " already has a " + kind.wire()
                + " brief schedule; change that one with PATCH /api/v1/assist/brief-schedules/{id}"))
            : Future.failedFuture(e))
        .compose(v -> read(orgId, id));
  }

  /** Replaces a schedule's settings and moves its next run to match them. */
  Future<JsonObject> update(String orgId, UUID id, BriefKind kind, Settings settings, Instant now) {
    Instant next = timing(kind, settings).nextRun(now);
    return pool.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {orgId, id, settings.language(), settings.dayOfWeek(),
            settings.dayOfMonth(), settings.time(), settings.zone().getId(), settings.enabled(), BriefStore.utc(next),
            BriefStore.utc(now)}))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(ApiException.notFound("Brief schedule " + id))
            : read(orgId, id));
  }

  Future<Void> delete(String orgId, UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(orgId, id)).compose(rows -> rows.rowCount() == 0
        ? Future.failedFuture(ApiException.notFound("Brief schedule " + id)) : Future.succeededFuture());
  }

  /**
   * Claims up to {@code limit} due schedules in the caller's transaction: moves each one's next
   * run past {@code now} and returns them as they were before the move.
   */
  static Future<List<JsonObject>> claimDue(SqlConnection connection, Instant now, int limit) {
    return connection.preparedQuery(DUE).execute(Tuple.of(BriefStore.utc(now), limit)).compose(rows -> {
      List<JsonObject> due = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        JsonObject schedule = json(row);
        due.add(schedule);
        Instant next = timing(schedule).nextRun(now);
        chain = chain.compose(v -> connection.preparedQuery(ADVANCE)
            .execute(Tuple.of(row.getUUID("id"), BriefStore.utc(next), BriefStore.utc(now))).mapEmpty());
      }
      return chain.map(v -> due);
    });
  }

  /** Records the outcome of a scheduled run: the brief it generated, or the error. */
  Future<Void> recordResult(UUID id, UUID briefId, String error) {
    return pool.preparedQuery(RESULT).execute(Tuple.of(id, briefId, error)).mapEmpty();
  }

  static BriefTiming timing(BriefKind kind, Settings settings) {
    return new BriefTiming(kind, settings.dayOfWeek(), settings.dayOfMonth(), settings.time(), settings.zone());
  }

  static BriefTiming timing(JsonObject schedule) {
    return new BriefTiming(BriefKind.fromWire(schedule.getString("kind")), schedule.getInteger("dayOfWeek"),
        schedule.getInteger("dayOfMonth"), LocalTime.parse(schedule.getString("time")), ZoneId.of(schedule.getString("timeZone")));
  }

  private static JsonObject json(Row row) {
    Short dayOfWeek = row.getShort("day_of_week");
    Short dayOfMonth = row.getShort("day_of_month");
    UUID lastBrief = row.getUUID("last_brief_id");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("orgId", row.getString("org_id"))
        .put("unitId", row.getUUID("unit_id").toString())
        .put("unitName", row.getString("unit_name"))
        .put("kind", row.getString("kind"))
        .put("language", row.getString("language"))
        .put("dayOfWeek", dayOfWeek == null ? null : dayOfWeek.intValue())
        .put("dayOfMonth", dayOfMonth == null ? null : dayOfMonth.intValue())
        .put("time", row.getLocalTime("time_of_day").toString())
        .put("timeZone", row.getString("time_zone"))
        .put("enabled", row.getBoolean("enabled"))
        .put("nextRunAt", instant(row, "next_run_at"))
        .put("lastRunAt", instant(row, "last_run_at"))
        .put("lastBriefId", lastBrief == null ? null : lastBrief.toString())
        .put("lastError", row.getString("last_error"))
        .put("createdBy", row.getString("created_by"))
        .put("createdAt", instant(row, "created_at"))
        .put("updatedAt", instant(row, "updated_at"))
        .put("version", row.getInteger("version"));
  }

  private static String instant(Row row, String column) {
    return row.getOffsetDateTime(column) == null ? null : row.getOffsetDateTime(column).toInstant().toString();
  }
}
