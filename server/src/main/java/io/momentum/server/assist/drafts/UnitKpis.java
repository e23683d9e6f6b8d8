package io.momentum.server.assist.drafts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a unit's KPIs with their corridor and recent measurements, which adapt proposed key results. */
final class UnitKpis {

  /** How far back measurements count for a KPI's trend. */
  static final int TREND_DAYS = 90;
  /** Most KPIs of one unit that are read. */
  static final int MAX_KPIS = 200;

  private static final String KPIS = """
      SELECT id, key, title, unit, direction, current_value, current_at, green, red FROM kpis
      WHERE org_id = $1 AND unit_id = $2 AND archived_at IS NULL ORDER BY key LIMIT $3""";

  private static final String MEASUREMENTS = """
      SELECT node_id, value, observed_at FROM measurements
      WHERE org_id = $1 AND node_kind = 'kpi' AND node_id = ANY($2::uuid[]) AND observed_at >= $3
      ORDER BY observed_at LIMIT 20000""";

  private final Pool pool;

  UnitKpis(Pool pool) {
    this.pool = pool;
  }

  /** Loads the unit's KPIs, each with its measurements of the last {@link #TREND_DAYS} days before {@code now}. */
  Future<List<KpiTargets.Kpi>> load(String orgId, UUID unitId, Instant now) {
    return pool.preparedQuery(KPIS).execute(Tuple.of(orgId, unitId, MAX_KPIS)).compose(rows -> {
      List<io.vertx.sqlclient.Row> kpiRows = new ArrayList<>();
      rows.forEach(kpiRows::add);
      if (kpiRows.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      UUID[] ids = kpiRows.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
      OffsetDateTime since = now.minusSeconds(TREND_DAYS * 86_400L).atOffset(ZoneOffset.UTC);
      return pool.preparedQuery(MEASUREMENTS)
          .execute(Tuple.tuple().addString(orgId).addArrayOfUUID(ids).addOffsetDateTime(since)).map(measurements -> {
        Map<UUID, List<KpiTargets.Point>> points = new HashMap<>();
        measurements.forEach(row -> points.computeIfAbsent(row.getUUID("node_id"), id -> new ArrayList<>())
            .add(new KpiTargets.Point(row.getOffsetDateTime("observed_at").toInstant(), row.getBigDecimal("value"))));
        List<KpiTargets.Kpi> kpis = new ArrayList<>();
        for (var row : kpiRows) {
          OffsetDateTime currentAt = row.getOffsetDateTime("current_at");
          kpis.add(new KpiTargets.Kpi(row.getUUID("id"), row.getString("key"), row.getString("title"), row.getString("unit"),
              row.getString("direction"), row.getBigDecimal("current_value"), currentAt == null ? null : currentAt.toInstant(),
              row.getBigDecimal("green"), row.getBigDecimal("red"), List.copyOf(points.getOrDefault(row.getUUID("id"), List.of()))));
        }
        return kpis;
      });
    });
  }
}
