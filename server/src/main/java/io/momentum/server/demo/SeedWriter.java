package io.momentum.server.demo;

import io.momentum.server.demo.SeedPlan.CheckInRow;
import io.momentum.server.demo.SeedPlan.CycleRow;
import io.momentum.server.demo.SeedPlan.KeyResultRow;
import io.momentum.server.demo.SeedPlan.KpiRow;
import io.momentum.server.demo.SeedPlan.MeasurementRow;
import io.momentum.server.demo.SeedPlan.NodeKeyRow;
import io.momentum.server.demo.SeedPlan.ObjectiveRow;
import io.momentum.server.demo.SeedPlan.UnitRow;
import io.momentum.server.demo.SeedPlan.WorkItemRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Inserts a {@link SeedPlan} with one statement per table: each column travels as an array and
 * {@code unnest} turns the arrays back into rows. Decimals travel as text, so that PostgreSQL's
 * {@code numeric} receives the exact digits.
 */
final class SeedWriter {

  private static final String INSERT_UNITS = """
      INSERT INTO units (id, org_id, key, name, kind, parent_id, created_at)
      SELECT u.id, $1, u.key, u.name, u.kind, u.parent_id, $2
      FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[]) AS u(id, key, name, kind, parent_id)""";

  private static final String INSERT_CYCLES = """
      INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date, closed, closed_at, closed_by,
                          created_at)
      SELECT c.id, $1, c.key, c.name, c.kind, c.parent_id, c.start_date, c.end_date, c.closed, c.closed_at, c.closed_by, $2
      FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::date[], $9::date[], $10::boolean[],
                  $11::timestamptz[], $12::text[])
           AS c(id, key, name, kind, parent_id, start_date, end_date, closed, closed_at, closed_by)""";

  private static final String INSERT_NODE_KEYS = """
      INSERT INTO node_keys (org_id, key, node_id, kind)
      SELECT $1, n.key, n.node_id, n.kind FROM unnest($2::text[], $3::uuid[], $4::text[]) AS n(key, node_id, kind)""";

  private static final String INSERT_OBJECTIVES = """
      INSERT INTO objectives (id, org_id, key, kind, title, description, parent_id, unit_id, cycle_id, owner_name,
                              created_at, updated_at)
      SELECT o.id, $1, o.key, o.kind, o.title, o.description, o.parent_id, o.unit_id, o.cycle_id, o.owner_name,
             o.created_at, o.created_at
      FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[], $9::uuid[],
                  $10::text[], $11::timestamptz[])
           AS o(id, key, kind, title, description, parent_id, unit_id, cycle_id, owner_name, created_at)""";

  private static final String INSERT_KPIS = """
      INSERT INTO kpis (id, org_id, key, title, unit_id, owner_name, unit, direction, start_value, target_value,
                        green, red, current_value, current_at, current_source, created_at, updated_at)
      SELECT k.id, $1, k.key, k.title, k.unit_id, k.owner_name, k.unit, k.direction, k.start_value, k.target_value,
             k.green, k.red, k.current_value, k.current_at, $2, k.created_at, k.current_at
      FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[],
                  $10::text[]::numeric[], $11::text[]::numeric[], $12::text[]::numeric[], $13::text[]::numeric[],
                  $14::text[]::numeric[], $15::timestamptz[], $16::timestamptz[])
           AS k(id, key, title, unit_id, owner_name, unit, direction, start_value, target_value, green, red,
                current_value, current_at, created_at)""";

  private static final String INSERT_KEY_RESULTS = """
      INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, unit_id, owner_name, weight,
                               start_value, target_value, low_value, high_value, tolerance, commit_value,
                               stretch_value, unit, kpi_id, milestones, current_value, current_at, current_source,
                               confidence, confidence_at, created_at, updated_at)
      SELECT k.id, $1, k.key, k.objective_id, k.title, k.measurement, k.unit_id, k.owner_name, k.weight,
             k.start_value, k.target_value, k.low_value, k.high_value, k.tolerance, k.commit_value,
             k.stretch_value, k.unit, k.kpi_id, k.milestones, k.current_value, k.current_at,
             CASE WHEN k.current_at IS NULL THEN NULL ELSE $2 END, k.confidence, k.confidence_at,
             k.created_at, k.updated_at
      FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::text[],
                  $10::text[]::numeric[], $11::text[]::numeric[], $12::text[]::numeric[], $13::text[]::numeric[],
                  $14::text[]::numeric[], $15::text[]::numeric[], $16::text[]::numeric[], $17::text[]::numeric[],
                  $18::text[], $19::uuid[], $20::text[]::jsonb[], $21::text[]::numeric[], $22::timestamptz[],
                  $23::smallint[], $24::timestamptz[], $25::timestamptz[], $26::timestamptz[])
           AS k(id, key, objective_id, title, measurement, unit_id, owner_name, weight, start_value, target_value,
                low_value, high_value, tolerance, commit_value, stretch_value, unit, kpi_id, milestones,
                current_value, current_at, confidence, confidence_at, created_at, updated_at)""";

  private static final String INSERT_CHECK_INS = """
      INSERT INTO check_ins (org_id, key_result_id, value, confidence, note, blockers, author, observed_at, source,
                             event_id, applied, created_at)
      SELECT $1, c.key_result_id, c.value, c.confidence, c.note, c.blockers, c.author, c.observed_at, $2,
             c.event_id, true, c.observed_at
      FROM unnest($3::uuid[], $4::text[]::numeric[], $5::smallint[], $6::text[], $7::text[], $8::text[],
                  $9::timestamptz[], $10::text[])
           AS c(key_result_id, value, confidence, note, blockers, author, observed_at, event_id)""";

  private static final String INSERT_MEASUREMENTS = """
      INSERT INTO measurements (org_id, node_id, node_kind, value, observed_at, source, event_id, applied, created_at)
      SELECT $1, m.node_id, 'kpi', m.value, m.observed_at, $2, m.event_id, true, m.observed_at
      FROM unnest($3::uuid[], $4::text[]::numeric[], $5::timestamptz[], $6::text[])
           AS m(node_id, value, observed_at, event_id)""";

  private static final String INSERT_WORK_ITEMS = """
      INSERT INTO work_items (org_id, system, external_id, node_id, item_type, status_category, story_points,
                              deleted, observed_at, source)
      SELECT $1, 'jira', w.external_id, w.node_id, w.item_type, w.status_category, w.story_points, false,
             w.observed_at, $2
      FROM unnest($3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]::numeric[], $8::timestamptz[])
           AS w(external_id, node_id, item_type, status_category, story_points, observed_at)""";

  private final SqlConnection connection;
  private final String orgId;
  private final String source;

  SeedWriter(SqlConnection connection, String orgId, String source) {
    this.connection = connection;
    this.orgId = orgId;
    this.source = source;
  }

  /** Inserts every row of the plan, parents before the rows that refer to them. */
  Future<Void> write(SeedPlan plan) {
    OffsetDateTime created = utc(plan.organisationCreatedAt);
    return insert(INSERT_UNITS, plan.units, created,
            column(UUID.class, UnitRow::id), column(String.class, UnitRow::key), column(String.class, UnitRow::name),
            column(String.class, UnitRow::kind), column(UUID.class, UnitRow::parentId))
        .compose(v -> insert(INSERT_CYCLES, plan.cycles, created,
            column(UUID.class, CycleRow::id), column(String.class, CycleRow::key),
            column(String.class, CycleRow::name), column(String.class, CycleRow::kind),
            column(UUID.class, CycleRow::parentId), column(LocalDate.class, CycleRow::start),
            column(LocalDate.class, CycleRow::end), column(Boolean.class, CycleRow::closed),
            time(CycleRow::closedAt), column(String.class, c -> c.closed() ? source : null)))
        .compose(v -> insert(INSERT_NODE_KEYS, plan.nodeKeys(), null,
            column(String.class, NodeKeyRow::key), column(UUID.class, NodeKeyRow::nodeId),
            column(String.class, NodeKeyRow::kind)))
        .compose(v -> insertObjectives(plan.objectives))
        .compose(v -> insertKpis(plan.kpis))
        .compose(v -> insertKeyResults(plan.keyResults))
        .compose(v -> insert(INSERT_CHECK_INS, plan.checkIns, source,
            column(UUID.class, CheckInRow::keyResultId), number(CheckInRow::value),
            column(Short.class, c -> c.confidence() == null ? null : c.confidence().shortValue()),
            column(String.class, CheckInRow::note), column(String.class, CheckInRow::blockers),
            column(String.class, CheckInRow::author), time(CheckInRow::at), eventId()))
        .compose(v -> insert(INSERT_MEASUREMENTS, plan.measurements, source,
            column(UUID.class, MeasurementRow::kpiId), number(MeasurementRow::value), time(MeasurementRow::at),
            eventId()))
        .compose(v -> insert(INSERT_WORK_ITEMS, plan.workItems, source,
            column(String.class, WorkItemRow::externalId), column(UUID.class, WorkItemRow::keyResultId),
            column(String.class, WorkItemRow::itemType), column(String.class, WorkItemRow::status),
            number(WorkItemRow::storyPoints), time(WorkItemRow::at)));
  }

  private Future<Void> insertObjectives(List<ObjectiveRow> rows) {
    return insert(INSERT_OBJECTIVES, rows, null,
        column(UUID.class, ObjectiveRow::id), column(String.class, o -> o.spec().key()),
        column(String.class, o -> o.spec().kind()), column(String.class, o -> o.spec().title()),
        column(String.class, o -> o.spec().description()), column(UUID.class, ObjectiveRow::parentId),
        column(UUID.class, ObjectiveRow::unitId), column(UUID.class, ObjectiveRow::cycleId),
        column(String.class, o -> o.spec().owner()), time(ObjectiveRow::createdAt));
  }

  private Future<Void> insertKpis(List<KpiRow> rows) {
    return insert(INSERT_KPIS, rows, source,
        column(UUID.class, KpiRow::id), column(String.class, k -> k.spec().key()),
        column(String.class, k -> k.spec().title()), column(UUID.class, KpiRow::unitId),
        column(String.class, k -> k.spec().owner()), column(String.class, k -> k.spec().unit()),
        column(String.class, k -> k.spec().direction()), number(k -> k.spec().start()),
        number(k -> k.spec().target()), number(k -> k.spec().green()), number(k -> k.spec().red()),
        number(KpiRow::current), time(KpiRow::currentAt), time(KpiRow::createdAt));
  }

  private Future<Void> insertKeyResults(List<KeyResultRow> rows) {
    return insert(INSERT_KEY_RESULTS, rows, source,
        column(UUID.class, KeyResultRow::id), column(String.class, k -> k.spec().key),
        column(UUID.class, KeyResultRow::objectiveId), column(String.class, k -> k.spec().title),
        column(String.class, k -> k.spec().measurement), column(UUID.class, KeyResultRow::unitId),
        column(String.class, k -> k.spec().owner), number(k -> k.spec().weight),
        number(k -> k.spec().start), number(k -> k.spec().target), number(k -> k.spec().low),
        number(k -> k.spec().high), number(k -> k.spec().tolerance), number(k -> k.spec().commit),
        number(k -> k.spec().stretch), column(String.class, k -> k.spec().unit),
        column(UUID.class, KeyResultRow::kpiId), column(String.class, k -> k.milestones().encode()),
        number(KeyResultRow::current), time(KeyResultRow::currentAt),
        column(Short.class, k -> k.confidence() == null ? null : k.confidence().shortValue()),
        time(KeyResultRow::confidenceAt), time(KeyResultRow::createdAt), time(KeyResultRow::updatedAt));
  }

  /** One column of a batch: the array element type and how a row gives its value. */
  private record Column<T>(Class<?> type, Function<T, Object> value) {
  }

  private static <T> Column<T> column(Class<?> type, Function<T, Object> value) {
    return new Column<>(type, value);
  }

  private static <T> Column<T> number(Function<T, BigDecimal> value) {
    return new Column<>(String.class, row -> {
      BigDecimal number = value.apply(row);
      return number == null ? null : number.toPlainString();
    });
  }

  private static <T> Column<T> time(Function<T, Instant> value) {
    return new Column<>(OffsetDateTime.class, row -> {
      Instant instant = value.apply(row);
      return instant == null ? null : utc(instant);
    });
  }

  /** Creates a fresh event id per row, because each seeded row is an event that was accepted once. */
  private static <T> Column<T> eventId() {
    return new Column<>(String.class, row -> "seed-" + UUID.randomUUID());
  }

  /**
   * Runs one insert whose parameters are the organisation id, then {@code second} unless it is
   * null, then one array per column.
   */
  @SafeVarargs
  private <T> Future<Void> insert(String sql, List<T> rows, Object second, Column<T>... columns) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple params = Tuple.tuple().addValue(orgId);
    if (second != null) {
      params.addValue(second);
    }
    for (Column<T> column : columns) {
      Object[] array = (Object[]) Array.newInstance(column.type(), rows.size());
      for (int i = 0; i < rows.size(); i++) {
        array[i] = column.value().apply(rows.get(i));
      }
      params.addValue(array);
    }
    return connection.preparedQuery(sql).execute(params).mapEmpty();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
