package io.momentum.server.assist.briefs;

import io.momentum.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Stores generated briefs and reads them back, always within one organisation. */
final class BriefStore {

  private static final String SUMMARY_COLUMNS = """
      b.id, b.kind, b.unit_id, u.name AS unit_name, b.cycle_id, c.name AS cycle_name, b.language, b.as_of,
      b.period_start, b.title, b.trigger, b.schedule_id, b.created_by, b.created_at""";

  private static final String INSERT = """
      INSERT INTO briefs (id, org_id, kind, unit_id, cycle_id, language, as_of, period_start, title, content, trigger,
                          schedule_id, created_by, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""";

  private static final String READ = "SELECT " + SUMMARY_COLUMNS + ", b.content FROM briefs b"
      + " JOIN units u ON u.id = b.unit_id JOIN cycles c ON c.id = b.cycle_id WHERE b.org_id = $1 AND b.id = $2";

  private static final String PAGE = "SELECT " + SUMMARY_COLUMNS + " FROM briefs b"
      + " JOIN units u ON u.id = b.unit_id JOIN cycles c ON c.id = b.cycle_id"
      + " WHERE b.org_id = $1 AND ($2::uuid IS NULL OR b.unit_id = $2) AND ($3::text IS NULL OR b.kind = $3)"
      + " AND ($4::timestamptz IS NULL OR (b.created_at, b.id) < ($4, $5))"
      + " ORDER BY b.created_at DESC, b.id DESC LIMIT $6";

  private static final String CURSOR = "SELECT created_at FROM briefs WHERE org_id = $1 AND id = $2";

  private final Pool pool;

  BriefStore(Pool pool) {
    this.pool = pool;
  }

  /** A brief to store: its request, its composed content and who or what generated it. */
  record NewBrief(UUID id, String orgId, BriefKind kind, UUID unitId, UUID cycleId, String language, Instant asOf,
                  Instant periodStart, String title, JsonObject content, String trigger, UUID scheduleId,
                  String createdBy, Instant createdAt) {
  }

  /** Inserts a brief through {@code client}, so a caller's transaction can include it. */
  static Future<Void> insert(SqlClient client, NewBrief brief) {
    return client.preparedQuery(INSERT).execute(Tuple.from(new Object[] {brief.id(), brief.orgId(), brief.kind().wire(),
        brief.unitId(), brief.cycleId(), brief.language(), utc(brief.asOf()), utc(brief.periodStart()), brief.title(),
        brief.content(), brief.trigger(), brief.scheduleId(), brief.createdBy(), utc(brief.createdAt())})).mapEmpty();
  }

  /** Reads a brief with its content; fails with 404 when the organisation has no such brief. */
  Future<JsonObject> read(String orgId, UUID id) {
    return pool.preparedQuery(READ).execute(Tuple.of(orgId, id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiException.notFound("Brief " + id));
      }
      Row row = rows.iterator().next();
      JsonObject content = (JsonObject) row.getValue("content");
      return Future.succeededFuture(summary(row).put("basis", content.getString("basis"))
          .put("sections", content.getJsonArray("sections")).put("evidence", content.getJsonObject("evidence")));
    });
  }

  /**
   * Reads a page of briefs without their content, newest first: {@code {"items": [...], "next": id or null}},
   * where {@code next} is the {@code before} value of the following page.
   */
  Future<JsonObject> page(String orgId, UUID unitId, String kind, UUID before, int limit) {
    Future<OffsetDateTime> cursor = before == null ? Future.succeededFuture(null)
        : pool.preparedQuery(CURSOR).execute(Tuple.of(orgId, before)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiException.invalid("before", "names no brief of this organisation; pass the next value of the previous page"))
            : Future.succeededFuture(rows.iterator().next().getOffsetDateTime("created_at")));
    return cursor.compose(at -> pool.preparedQuery(PAGE)
        .execute(Tuple.from(new Object[] {orgId, unitId, kind, at, before, limit + 1}))
        .map(rows -> {
          JsonArray items = new JsonArray();
          String next = null;
          for (Row row : rows) {
            if (items.size() == limit) {
              next = items.getJsonObject(limit - 1).getString("id");
              break;
            }
            items.add(summary(row));
          }
          return new JsonObject().put("items", items).put("next", next);
        }));
  }

  private static JsonObject summary(Row row) {
    UUID scheduleId = row.getUUID("schedule_id");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("kind", row.getString("kind"))
        .put("unitId", row.getUUID("unit_id").toString())
        .put("unitName", row.getString("unit_name"))
        .put("cycleId", row.getUUID("cycle_id").toString())
        .put("cycleName", row.getString("cycle_name"))
        .put("language", row.getString("language"))
        .put("asOf", row.getOffsetDateTime("as_of").toInstant().toString())
        .put("periodStart", row.getOffsetDateTime("period_start").toInstant().toString())
        .put("title", row.getString("title"))
        .put("trigger", row.getString("trigger"))
        .put("scheduleId", scheduleId == null ? null : scheduleId.toString())
        .put("createdBy", row.getString("created_by"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
