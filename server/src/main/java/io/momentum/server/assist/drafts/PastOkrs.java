package io.momentum.server.assist.drafts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads an organisation's objectives and key results, the history the draft generator retrieves
 * from. The index contains every cycle's objectives. {@link PastObjective#citableFor} decides per
 * draft which of them it may cite, and {@link PastObjective#underWayFor} which are live work to
 * align with.
 */
final class PastOkrs {

  /** Most objectives one organisation's index holds, newest first; this bounds the index's memory. */
  static final int MAX_OBJECTIVES = 5_000;

  /**
   * A key result of a past or current objective; numbers are null where its measurement has none.
   * {@code carriedFrom} is the key result of an earlier cycle that this one was carried over from, or null.
   */
  record PastKeyResult(UUID id, String title, String measurement, BigDecimal start, BigDecimal target, String unit,
                       UUID carriedFrom) {

    PastKeyResult(UUID id, String title, String measurement, BigDecimal start, BigDecimal target, String unit) {
      this(id, title, measurement, start, target, unit, null);
    }
  }

  /**
   * An objective with its unit, its cycle and the cycle's first and last day, and its key results.
   * {@code carriedFrom} is the objective of an earlier cycle that this one was carried over from, or null.
   */
  record PastObjective(UUID id, String title, String description, UUID unitId, String unitName, UUID cycleId,
                       String cycleKey, String cycleName, LocalDate cycleStart, LocalDate cycleEnd,
                       List<PastKeyResult> keyResults, UUID carriedFrom) {

    PastObjective(UUID id, String title, String description, UUID unitId, String unitName, UUID cycleId,
                  String cycleKey, String cycleName, LocalDate cycleStart, LocalDate cycleEnd,
                  List<PastKeyResult> keyResults) {
      this(id, title, description, unitId, unitName, cycleId, cycleKey, cycleName, cycleStart, cycleEnd, keyResults, null);
    }

    /**
     * Returns true when a draft for {@code unitId} in the cycle from {@code start} to {@code end}
     * (both inclusive) may cite this objective as a source of proposals on {@code today}. The
     * unit's own objectives count only from cycles that ended before the drafted cycle starts, so
     * a unit is never offered its current OKRs back. Other units' objectives count from every
     * cycle that starts by the drafted cycle's end, unless they are {@link #underWayFor under way}.
     * Objectives of later cycles never count.
     */
    boolean citableFor(UUID unitId, UUID cycleId, LocalDate start, LocalDate end, LocalDate today) {
      if (underWayFor(unitId, cycleId, end, today)) {
        return false;
      }
      if (this.unitId.equals(unitId)) {
        return cycleEnd.isBefore(start);
      }
      return !cycleStart.isAfter(end);
    }

    /**
     * Returns true when this objective is work already under way that a draft for {@code unitId}
     * in the cycle {@code cycleId}, whose last day is {@code end}, should align with instead of
     * proposing it again: its cycle has not ended by {@code today}, starts by the drafted cycle's
     * end, and the objective belongs to another unit or to the same unit in the drafted cycle.
     */
    boolean underWayFor(UUID unitId, UUID cycleId, LocalDate end, LocalDate today) {
      if (cycleEnd.isBefore(today) || cycleStart.isAfter(end)) {
        return false;
      }
      return !this.unitId.equals(unitId) || this.cycleId.equals(cycleId);
    }

    String searchText() {
      StringBuilder text = new StringBuilder(title);
      if (description != null) {
        text.append('\n').append(description);
      }
      keyResults.forEach(kr -> text.append('\n').append(kr.title()));
      return text.toString();
    }
  }

  private static final String STAMP = """
      SELECT (SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM objectives WHERE org_id = $1)
        || '/' || (SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM key_results WHERE org_id = $1) AS stamp""";

  private static final String OBJECTIVES = """
      SELECT o.id, o.title, o.description, o.unit_id, u.name AS unit_name, o.cycle_id, c.key AS cycle_key, c.name AS cycle_name,
        c.start_date, c.end_date, o.carried_from
      FROM objectives o JOIN units u ON u.id = o.unit_id JOIN cycles c ON c.id = o.cycle_id
      WHERE o.org_id = $1 AND o.kind = 'objective' AND o.archived_at IS NULL
      ORDER BY c.end_date DESC, o.created_at DESC LIMIT $2""";

  private static final String KEY_RESULTS = """
      SELECT id, objective_id, title, measurement, start_value, target_value, unit, carried_from FROM key_results
      WHERE org_id = $1 AND objective_id = ANY($2::uuid[]) AND archived_at IS NULL ORDER BY objective_id, created_at, key""";

  private final Pool pool;

  PastOkrs(Pool pool) {
    this.pool = pool;
  }

  /**
   * Returns a text that changes whenever an objective or key result of the organisation is
   * created, changed or deleted: the counts and latest update times of both tables.
   */
  Future<String> stamp(String orgId) {
    return pool.preparedQuery(STAMP).execute(Tuple.of(orgId)).map(rows -> rows.iterator().next().getString("stamp"));
  }

  /** Loads up to {@link #MAX_OBJECTIVES} objectives, those of the latest cycles first, with their key results. */
  Future<List<PastObjective>> load(String orgId) {
    return pool.preparedQuery(OBJECTIVES).execute(Tuple.of(orgId, MAX_OBJECTIVES)).compose(rows -> {
      Map<UUID, Row> objectives = new LinkedHashMap<>();
      rows.forEach(row -> objectives.put(row.getUUID("id"), row));
      if (objectives.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      return pool.preparedQuery(KEY_RESULTS)
          .execute(Tuple.tuple().addString(orgId).addArrayOfUUID(objectives.keySet().toArray(UUID[]::new)))
          .map(krRows -> {
            Map<UUID, List<PastKeyResult>> byObjective = new LinkedHashMap<>();
            krRows.forEach(row -> byObjective.computeIfAbsent(row.getUUID("objective_id"), id -> new ArrayList<>())
                .add(new PastKeyResult(row.getUUID("id"), row.getString("title"), row.getString("measurement"),
                    row.getBigDecimal("start_value"), row.getBigDecimal("target_value"), row.getString("unit"),
                    row.getUUID("carried_from"))));
            List<PastObjective> past = new ArrayList<>();
            objectives.forEach((id, row) -> past.add(new PastObjective(id, row.getString("title"), row.getString("description"),
                row.getUUID("unit_id"), row.getString("unit_name"), row.getUUID("cycle_id"), row.getString("cycle_key"),
                row.getString("cycle_name"), row.getLocalDate("start_date"), row.getLocalDate("end_date"),
                List.copyOf(byObjective.getOrDefault(id, List.of())), row.getUUID("carried_from"))));
            return past;
          });
    });
  }
}
