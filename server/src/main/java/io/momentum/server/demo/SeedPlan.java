package io.momentum.server.demo;

import io.momentum.server.demo.DemoSpecs.KeyResultSpec;
import io.momentum.server.demo.DemoSpecs.KpiSpec;
import io.momentum.server.demo.DemoSpecs.ObjectiveSpec;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every row the demo seed inserts, with ids assigned and history generated. */
final class SeedPlan {

  record UnitRow(UUID id, String key, String name, String kind, UUID parentId) {
  }

  record CycleRow(UUID id, String key, String name, String kind, UUID parentId, LocalDate start, LocalDate end,
                  boolean closed) {

    /** Returns the demo's close time of the cycle, the start of the day after its last day in UTC, or null while open. */
    Instant closedAt() {
      return closed ? end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
    }
  }

  record ObjectiveRow(UUID id, ObjectiveSpec spec, UUID parentId, UUID unitId, UUID cycleId, Instant createdAt) {
  }

  record KpiRow(UUID id, KpiSpec spec, UUID unitId, BigDecimal current, Instant currentAt, Instant createdAt) {
  }

  /** A key result; {@code current} and {@code confidence} repeat its latest check-in. */
  record KeyResultRow(UUID id, KeyResultSpec spec, UUID objectiveId, UUID unitId, UUID kpiId, JsonArray milestones,
                      BigDecimal current, Instant currentAt, Integer confidence, Instant confidenceAt,
                      Instant createdAt) {

    Instant updatedAt() {
      Instant latest = createdAt;
      if (currentAt != null && currentAt.isAfter(latest)) {
        latest = currentAt;
      }
      if (confidenceAt != null && confidenceAt.isAfter(latest)) {
        latest = confidenceAt;
      }
      return latest;
    }
  }

  record CheckInRow(UUID keyResultId, BigDecimal value, Integer confidence, String note, String blockers,
                    String author, Instant at) {
  }

  record MeasurementRow(UUID kpiId, BigDecimal value, Instant at) {
  }

  record WorkItemRow(String externalId, UUID keyResultId, String itemType, String status, BigDecimal storyPoints,
                     Instant at) {
  }

  /** Key of a node in the shared namespace of objectives, key results and KPIs. */
  record NodeKeyRow(String key, UUID nodeId, String kind) {
  }

  Instant organisationCreatedAt;
  /** The catalog the rows were made from. */
  DemoCatalog catalog;
  final List<UnitRow> units = new ArrayList<>();
  final List<CycleRow> cycles = new ArrayList<>();
  final List<ObjectiveRow> objectives = new ArrayList<>();
  final List<KpiRow> kpis = new ArrayList<>();
  final List<KeyResultRow> keyResults = new ArrayList<>();
  final List<CheckInRow> checkIns = new ArrayList<>();
  final List<MeasurementRow> measurements = new ArrayList<>();
  final List<WorkItemRow> workItems = new ArrayList<>();

  /** Returns the keys of every objective, key result and KPI, for the {@code node_keys} table. */
  List<NodeKeyRow> nodeKeys() {
    List<NodeKeyRow> keys = new ArrayList<>();
    objectives.forEach(o -> keys.add(new NodeKeyRow(o.spec().key(), o.id(), o.spec().kind())));
    keyResults.forEach(k -> keys.add(new NodeKeyRow(k.spec().key, k.id(), "key_result")));
    kpis.forEach(k -> keys.add(new NodeKeyRow(k.spec().key(), k.id(), "kpi")));
    return keys;
  }
}
