package io.momentum.server.db;

import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.CycleKind;
import io.momentum.streams.engine.Measurement;
import io.momentum.streams.engine.MilestoneDef;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.Observation;
import io.momentum.streams.engine.Status;
import io.momentum.streams.engine.StatusLedger;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.engine.UnitKind;
import io.momentum.streams.engine.WorkStatus;
import io.momentum.streams.ingest.OrgStateLoader;
import io.momentum.streams.signals.ActiveSignal;
import io.momentum.streams.signals.SignalLink;
import io.momentum.streams.signals.SignalSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reads goal definitions and value history from PostgreSQL to build an organisation's engine. */
public final class PgOrgStateLoader implements OrgStateLoader {

  private static final String CYCLES = """
      SELECT id, org_id, key, name, kind, parent_id, start_date, end_date, closed
      FROM cycles WHERE org_id = $1""";
  private static final String UNITS = """
      SELECT id, org_id, key, name, kind, parent_id FROM units WHERE org_id = $1 AND archived_at IS NULL""";
  private static final String OBJECTIVES = """
      SELECT id, org_id, key, kind, title, parent_id, parent_key_result_id, unit_id, cycle_id, owner_id, owner_name,
             weight, rollup_children
      FROM objectives WHERE org_id = $1 AND archived_at IS NULL""";
  private static final String KEY_RESULTS = """
      SELECT k.id, k.org_id, k.key, k.title, k.measurement, k.objective_id, k.unit_id, o.cycle_id,
             k.owner_id, k.owner_name, k.weight, k.start_value, k.target_value, k.low_value, k.high_value,
             k.tolerance, k.commit_value, k.stretch_value, k.unit, k.kpi_id, k.milestones, k.work_from, k.created_at,
             k.example_numbers
      FROM key_results k JOIN objectives o ON o.id = k.objective_id
      WHERE k.org_id = $1 AND k.archived_at IS NULL AND o.archived_at IS NULL""";
  /**
   * Live KPIs with their drivers and dated targets. Numbers inside the JSON aggregates travel as
   * text, so that no decimal passes through binary floating point.
   */
  private static final String KPIS = """
      SELECT k.id, k.org_id, k.key, k.title, k.unit_id, k.owner_id, k.owner_name, k.unit, k.direction,
             k.start_value, k.target_value, k.green, k.red, k.formula, k.expected_every_hours,
             (SELECT json_agg(json_build_object('driverId', d.driver_id, 'variable', d.variable,
                                                'weight', d.weight::text) ORDER BY d.variable)
              FROM kpi_drivers d WHERE d.org_id = k.org_id AND d.kpi_id = k.id) AS drivers,
             (SELECT json_agg(json_build_object('due', t.due_date, 'value', t.value::text) ORDER BY t.due_date)
              FROM kpi_targets t WHERE t.org_id = k.org_id AND t.kpi_id = k.id) AS targets
      FROM kpis k WHERE k.org_id = $1 AND k.archived_at IS NULL""";
  private static final String INITIATIVES = """
      SELECT id, org_id, key, title, unit_id, cycle_id, owner_id, owner_name
      FROM initiatives WHERE org_id = $1 AND archived_at IS NULL""";
  private static final String HISTORY_START = """
      SELECT min(start_date) FROM cycles
      WHERE org_id = $1 AND start_date <= $2 AND end_date >= $2""";
  // Values that arrived after their key result's cycle was closed stay in history only, so a
  // rebuilt engine shows the scores frozen at closing.
  private static final String FROZEN_AFTER_CLOSING = """
      SELECT 1 FROM key_results fk JOIN objectives fo ON fo.id = fk.objective_id
      JOIN cycles fc ON fc.id = fo.cycle_id
      WHERE fk.id = %s AND fc.closed AND fc.closed_at IS NOT NULL AND %s > fc.closed_at""";
  private static final String MEASUREMENTS = """
      SELECT node_id, value, observed_at, source FROM measurements m
      WHERE org_id = $1 AND observed_at >= $2 AND NOT EXISTS (%s) ORDER BY observed_at, id"""
      .formatted(FROZEN_AFTER_CLOSING.formatted("m.node_id", "m.created_at"));
  private static final String CHECK_INS = """
      SELECT key_result_id, value, confidence, observed_at, source FROM check_ins c
      WHERE org_id = $1 AND observed_at >= $2 AND NOT EXISTS (%s) ORDER BY observed_at, id"""
      .formatted(FROZEN_AFTER_CLOSING.formatted("c.key_result_id", "c.created_at"));
  private static final String LATEST_KEY_RESULT_VALUES = """
      SELECT id, current_value, current_at, current_source, confidence, confidence_at FROM key_results
      WHERE org_id = $1 AND (current_at IS NOT NULL OR confidence_at IS NOT NULL)""";
  private static final String LATEST_KPI_VALUES = """
      SELECT id, current_value, current_at, current_source FROM kpis
      WHERE org_id = $1 AND current_at IS NOT NULL""";
  private static final String WORK_ITEMS = """
      SELECT node_id, system, external_id, item_type, status_category, story_points, observed_at, source
      FROM work_items WHERE org_id = $1 AND node_id IS NOT NULL AND NOT deleted""";
  private static final String ORGANISATION = """
      SELECT stale_after_days, signal_stall_check_ins, signal_confidence_drop, signal_anomaly_z,
             signal_check_in_grace_days
      FROM organisations WHERE id = $1""";
  private static final String LINKS = """
      SELECT from_id, to_id, 'contribution' AS type FROM contribution_links WHERE org_id = $1
      UNION ALL
      SELECT from_id, to_id, 'impact' AS type FROM impact_links WHERE org_id = $1""";
  private static final String ACTIVE_SIGNALS = """
      SELECT fingerprint, kind, severity, params FROM signals
      WHERE org_id = $1 AND state <> 'resolved' AND kind = ANY($2::text[])""";
  private static final String NODE_BY_KEY = """
      SELECT node_id, kind FROM node_keys WHERE org_id = $1 AND (key = $2 OR node_id::text = $2)""";

  private final Pool pool;

  public PgOrgStateLoader(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<String>> organisationIds() {
    return pool.query("SELECT id FROM organisations ORDER BY id").execute()
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString(0)));
          return ids;
        });
  }

  @Override
  public Future<List<ActiveSignal>> activeSignals(String orgId, List<String> kinds) {
    return pool.preparedQuery(ACTIVE_SIGNALS).execute(Tuple.tuple().addString(orgId).addArrayOfString(kinds.toArray(String[]::new)))
        .map(rows -> {
          List<ActiveSignal> active = new ArrayList<>();
          for (Row row : rows) {
            active.add(new ActiveSignal(row.getString("fingerprint"), row.getString("kind"), row.getString("severity"),
                row.getJsonObject("params")));
          }
          return active;
        });
  }

  @Override
  public Future<Map<String, StatusLedger.Recorded>> recordedStatuses(String orgId) {
    return pool.preparedQuery("SELECT node_id, status, sequence FROM key_result_status WHERE org_id = $1")
        .execute(Tuple.of(orgId))
        .map(rows -> {
          Map<String, StatusLedger.Recorded> recorded = new HashMap<>(Math.max(16, rows.size() * 2));
          for (Row row : rows) {
            Status status = Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
            recorded.put(row.getUUID("node_id").toString(), new StatusLedger.Recorded(status, row.getLong("sequence")));
          }
          return recorded;
        });
  }

  @Override
  public Future<OrgState> load(String orgId, Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    return pool.withConnection(connection -> connection
        .preparedQuery(ORGANISATION).execute(Tuple.of(orgId))
        .compose(exists -> {
          if (exists.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row organisation = exists.iterator().next();
          int staleAfterDays = organisation.getShort("stale_after_days");
          SignalSettings signalSettings = signalSettings(organisation);
          Tuple org = Tuple.of(orgId);
          Future<List<CycleDef>> cycles = connection.preparedQuery(CYCLES).execute(org).map(rows -> map(rows, PgOrgStateLoader::cycle));
          Future<List<UnitDef>> units = connection.preparedQuery(UNITS).execute(org).map(rows -> map(rows, PgOrgStateLoader::unit));
          Future<List<NodeDef>> objectives = connection.preparedQuery(OBJECTIVES).execute(org).map(rows -> map(rows, PgOrgStateLoader::objective));
          Future<List<NodeDef>> keyResults = connection.preparedQuery(KEY_RESULTS).execute(org).map(rows -> map(rows, PgOrgStateLoader::keyResult));
          Future<List<NodeDef>> kpis = connection.preparedQuery(KPIS).execute(org).map(rows -> map(rows, PgOrgStateLoader::kpi));
          Future<List<NodeDef>> initiatives = connection.preparedQuery(INITIATIVES).execute(org)
              .map(rows -> map(rows, PgOrgStateLoader::initiative));
          Future<OffsetDateTime> historyStart = connection.preparedQuery(HISTORY_START).execute(Tuple.of(orgId, today))
              .map(rows -> {
                LocalDate start = rows.iterator().next().getLocalDate(0);
                return (start == null ? today.minusDays(90) : start).atStartOfDay().atOffset(ZoneOffset.UTC);
              });
          Future<List<Observation>> observations = historyStart.compose(from -> observations(connection, orgId, from));
          Future<List<SignalLink>> links = connection.preparedQuery(LINKS).execute(org).map(rows -> map(rows, PgOrgStateLoader::link));
          return Future.all(List.of(cycles, units, objectives, keyResults, kpis, initiatives, observations, links)).map(all -> {
            List<NodeDef> nodes = new ArrayList<>(kpis.result());
            nodes.addAll(initiatives.result());
            nodes.addAll(objectives.result());
            nodes.addAll(keyResults.result());
            return new OrgState(cycles.result(), units.result(), nodes, observations.result(), staleAfterDays,
                signalSettings, links.result());
          });
        }));
  }

  @Override
  public Future<EngineSettings> loadSettings(String orgId) {
    return pool.preparedQuery(ORGANISATION).execute(Tuple.of(orgId))
        .map(rows -> rows.size() == 0 ? null : engineSettings(rows.iterator().next()));
  }

  @Override
  public Future<List<SignalLink>> loadLinks(String orgId) {
    return pool.preparedQuery(LINKS).execute(Tuple.of(orgId)).map(rows -> map(rows, PgOrgStateLoader::link));
  }

  private static EngineSettings engineSettings(Row organisation) {
    return new EngineSettings(organisation.getShort("stale_after_days"), signalSettings(organisation));
  }

  private static SignalLink link(Row row) {
    return new SignalLink(row.getUUID("from_id").toString(), row.getUUID("to_id").toString(), row.getString("type"));
  }

  /** Reads the signal thresholds of an organisation row; the table's checks keep them in range. */
  static SignalSettings signalSettings(Row row) {
    return new SignalSettings(row.getShort("signal_stall_check_ins"), row.getShort("signal_confidence_drop"),
        row.getBigDecimal("signal_anomaly_z").doubleValue(), row.getShort("signal_check_in_grace_days"));
  }

  private Future<List<Observation>> observations(io.vertx.sqlclient.SqlConnection connection, String orgId,
                                                 OffsetDateTime from) {
    Tuple range = Tuple.of(orgId, from);
    Tuple org = Tuple.of(orgId);
    List<Observation> result = new ArrayList<>();
    // The latest values come from the nodes' own columns as well as from history, so a value
    // older than the history window, or one stored without a history row, is not lost. The
    // engine adds no second point for a value repeated at the same instant.
    return connection.preparedQuery(LATEST_KEY_RESULT_VALUES).execute(org)
        .map(rows -> {
          for (Row row : rows) {
            String id = row.getUUID("id").toString();
            OffsetDateTime at = row.getOffsetDateTime("current_at");
            if (at != null) {
              result.add(new Observation.Value(id, row.getBigDecimal("current_value"), null, false,
                  at.toInstant(), row.getString("current_source")));
            }
            OffsetDateTime confidenceAt = row.getOffsetDateTime("confidence_at");
            if (confidenceAt != null && row.getValue("confidence") != null) {
              result.add(new Observation.Value(id, null, (int) row.getShort("confidence"), true,
                  confidenceAt.toInstant(), "urn:momentum:history"));
            }
          }
          return null;
        })
        .compose(v -> connection.preparedQuery(LATEST_KPI_VALUES).execute(org))
        .map(rows -> {
          rows.forEach(row -> result.add(new Observation.Value(row.getUUID("id").toString(),
              row.getBigDecimal("current_value"), null, false,
              row.getOffsetDateTime("current_at").toInstant(), row.getString("current_source"))));
          return null;
        })
        .compose(v -> connection.preparedQuery(MEASUREMENTS).execute(range))
        .map(rows -> {
          rows.forEach(row -> result.add(new Observation.Value(row.getUUID("node_id").toString(),
              row.getBigDecimal("value"), null, false, row.getOffsetDateTime("observed_at").toInstant(),
              row.getString("source"))));
          return null;
        })
        .compose(v -> connection.preparedQuery(CHECK_INS).execute(range))
        .map(rows -> {
          rows.forEach(row -> result.add(new Observation.Value(row.getUUID("key_result_id").toString(),
              row.getBigDecimal("value"),
              row.getValue("confidence") == null ? null : (int) row.getShort("confidence"), true,
              row.getOffsetDateTime("observed_at").toInstant(), row.getString("source"))));
          return null;
        })
        .compose(v -> connection.preparedQuery(WORK_ITEMS).execute(org))
        .map(rows -> {
          rows.forEach(row -> result.add(new Observation.WorkItem(row.getUUID("node_id").toString(),
              row.getString("system"), row.getString("external_id"), row.getString("item_type"),
              WorkStatus.fromWire(row.getString("status_category")), row.getBigDecimal("story_points"),
              false, row.getOffsetDateTime("observed_at").toInstant(), row.getString("source"))));
          // A stable sort keeps the stored order of observations made at the same instant.
          result.sort(Comparator.comparing(Observation::time));
          return result;
        });
  }

  @Override
  public Future<NodeDef> findNode(String orgId, String subject) {
    return pool.preparedQuery(NODE_BY_KEY).execute(Tuple.of(orgId, subject))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row row = rows.iterator().next();
          return loadDefinition(orgId, "node", row.getUUID("node_id").toString()).map(def -> (NodeDef) def);
        });
  }

  @Override
  public Future<Object> loadDefinition(String orgId, String entity, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(null);
    }
    Tuple params = Tuple.of(orgId, uuid);
    return switch (entity) {
      case "cycle" -> first(CYCLES + " AND id = $2", params, PgOrgStateLoader::cycle);
      case "unit" -> first(UNITS + " AND id = $2", params, PgOrgStateLoader::unit);
      case "node" -> first(OBJECTIVES + " AND id = $2", params, PgOrgStateLoader::objective)
          .compose(def -> def != null ? Future.succeededFuture(def)
              : first(KEY_RESULTS + " AND k.id = $2", params, PgOrgStateLoader::keyResult))
          .compose(def -> def != null ? Future.succeededFuture(def)
              : first(KPIS + " AND k.id = $2", params, PgOrgStateLoader::kpi))
          .compose(def -> def != null ? Future.succeededFuture(def)
              : first(INITIATIVES + " AND id = $2", params, PgOrgStateLoader::initiative));
      default -> Future.succeededFuture(null);
    };
  }

  /**
   * Loads the live (not archived) KPIs of an organisation with the given ids, with their drivers,
   * formula, dated targets and expected update period; ids of other organisations are skipped.
   */
  public Future<List<NodeDef>> loadKpis(String orgId, List<UUID> ids) {
    return pool.preparedQuery(KPIS + " AND k.id = ANY($2)")
        .execute(Tuple.of(orgId, (Object) ids.toArray(UUID[]::new)))
        .map(rows -> map(rows, PgOrgStateLoader::kpi));
  }

  private <T> Future<Object> first(String sql, Tuple params, java.util.function.Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(params)
        .map(rows -> rows.size() == 0 ? null : mapper.apply(rows.iterator().next()));
  }

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
    List<T> result = new ArrayList<>(rows.size());
    rows.forEach(row -> result.add(mapper.apply(row)));
    return result;
  }

  static CycleDef cycle(Row row) {
    return new CycleDef(row.getUUID("id").toString(), row.getString("org_id"), row.getString("key"),
        row.getString("name"), CycleKind.fromWire(row.getString("kind")), uuid(row, "parent_id"),
        row.getLocalDate("start_date"), row.getLocalDate("end_date"), row.getBoolean("closed"));
  }

  static UnitDef unit(Row row) {
    return new UnitDef(row.getUUID("id").toString(), row.getString("org_id"), row.getString("key"),
        row.getString("name"), UnitKind.fromWire(row.getString("kind")), uuid(row, "parent_id"));
  }

  /**
   * Maps an objective. An objective aligned to a key result has that key result as its parent in
   * the engine, so it shows below it. The engine rolls objectives up into objectives and strategic
   * outcomes only, so the key result's progress stays its own.
   */
  static NodeDef objective(Row row) {
    String parentId = uuid(row, "parent_id");
    return NodeDef.builder(row.getUUID("id").toString(), row.getString("org_id"), NodeKind.fromWire(row.getString("kind")))
        .key(row.getString("key"))
        .title(row.getString("title"))
        .parentId(parentId != null ? parentId : uuid(row, "parent_key_result_id"))
        .unitId(uuid(row, "unit_id"))
        .cycleId(uuid(row, "cycle_id"))
        .ownerId(uuid(row, "owner_id"))
        .ownerName(row.getString("owner_name"))
        .weight(row.getBigDecimal("weight"))
        .rollupChildren(row.getBoolean("rollup_children"))
        .build();
  }

  static NodeDef keyResult(Row row) {
    return NodeDef.builder(row.getUUID("id").toString(), row.getString("org_id"), NodeKind.KEY_RESULT)
        .key(row.getString("key"))
        .title(row.getString("title"))
        .measurement(Measurement.fromWire(row.getString("measurement")))
        .parentId(uuid(row, "objective_id"))
        .unitId(uuid(row, "unit_id"))
        .cycleId(uuid(row, "cycle_id"))
        .ownerId(uuid(row, "owner_id"))
        .ownerName(row.getString("owner_name"))
        .weight(row.getBigDecimal("weight"))
        .start(row.getBigDecimal("start_value"))
        .target(row.getBigDecimal("target_value"))
        .low(row.getBigDecimal("low_value"))
        .high(row.getBigDecimal("high_value"))
        .tolerance(row.getBigDecimal("tolerance"))
        .commit(row.getBigDecimal("commit_value"))
        .stretch(row.getBigDecimal("stretch_value"))
        .unit(row.getString("unit"))
        .kpiId(uuid(row, "kpi_id"))
        .milestones(milestones(row.getValue("milestones")))
        .workFrom(Arrays.stream(row.getArrayOfUUIDs("work_from")).map(UUID::toString).toList())
        .createdAt(row.getOffsetDateTime("created_at").toInstant())
        .exampleNumbers(Boolean.TRUE.equals(row.getBoolean("example_numbers")))
        .build();
  }

  static NodeDef kpi(Row row) {
    return NodeDef.builder(row.getUUID("id").toString(), row.getString("org_id"), NodeKind.KPI)
        .key(row.getString("key"))
        .title(row.getString("title"))
        .unitId(uuid(row, "unit_id"))
        .ownerName(row.getString("owner_name"))
        .unit(row.getString("unit"))
        .direction(Measurement.fromWire(row.getString("direction")))
        .start(row.getBigDecimal("start_value"))
        .target(row.getBigDecimal("target_value"))
        .green(row.getBigDecimal("green"))
        .red(row.getBigDecimal("red"))
        .ownerId(uuid(row, "owner_id"))
        .formula(row.getString("formula"))
        .drivers(drivers(row.getValue("drivers")))
        .targets(targets(row.getValue("targets")))
        .expectedEvery(row.getInteger("expected_every_hours") == null ? null
            : Duration.ofHours(row.getInteger("expected_every_hours")))
        .build();
  }

  /** Maps an initiative: a node without a parent whose progress comes from its work items. */
  static NodeDef initiative(Row row) {
    return NodeDef.builder(row.getUUID("id").toString(), row.getString("org_id"), NodeKind.INITIATIVE)
        .key(row.getString("key"))
        .title(row.getString("title"))
        .unitId(uuid(row, "unit_id"))
        .cycleId(uuid(row, "cycle_id"))
        .ownerId(uuid(row, "owner_id"))
        .ownerName(row.getString("owner_name"))
        .build();
  }

  private static List<NodeDef.DriverDef> drivers(Object value) {
    List<NodeDef.DriverDef> result = new ArrayList<>();
    for (Object item : jsonArray(value)) {
      JsonObject driver = (JsonObject) item;
      result.add(new NodeDef.DriverDef(driver.getString("driverId"), driver.getString("variable"),
          new BigDecimal(driver.getString("weight"))));
    }
    return result;
  }

  private static List<NodeDef.DatedTarget> targets(Object value) {
    List<NodeDef.DatedTarget> result = new ArrayList<>();
    for (Object item : jsonArray(value)) {
      JsonObject target = (JsonObject) item;
      result.add(new NodeDef.DatedTarget(LocalDate.parse(target.getString("due")),
          new BigDecimal(target.getString("value"))));
    }
    return result;
  }

  /**
   * Returns a JSON aggregate column as an array: the client gives a {@code json} column as a
   * string and a {@code jsonb} one as an array, and an empty aggregate is null.
   */
  public static JsonArray jsonArray(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof String text) {
      return new JsonArray(text);
    }
    return new JsonArray();
  }

  private static List<MilestoneDef> milestones(Object value) {
    JsonArray array = value instanceof JsonArray a ? a : value instanceof String s ? new JsonArray(s) : new JsonArray();
    List<MilestoneDef> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject m = array.getJsonObject(i);
      Object weight = m.getValue("weight");
      result.add(new MilestoneDef(m.getString("id"), m.getString("title"),
          weight == null ? null : new BigDecimal(weight.toString()), m.getBoolean("done", false)));
    }
    return result;
  }

  private static String uuid(Row row, String column) {
    UUID value = row.getUUID(column);
    return value == null ? null : value.toString();
  }
}
