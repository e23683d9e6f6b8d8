package io.momentum.server.scale;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a large synthetic organisation for capacity benchmarks, entirely inside PostgreSQL
 * with {@code generate_series}: a company, business units and teams; a strategy cycle, the
 * current year and quarter; strategic outcomes, company, business-unit and team objectives; key
 * results of the metric kinds; KPIs per team; and check-ins and KPI measurements spread over the
 * quarter so far. With the defaults it contains 100,135 nodes.
 *
 * <p>Values come from PostgreSQL's {@code random()} after {@code setseed}, so two runs with the
 * same sizes and day produce the same numbers.
 */
public final class SyntheticOrg {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticOrg.class);

  /** Sizes of the generated organisation. */
  public record Shape(int businessUnits, int teams, int objectivesPerTeam, int keyResultsPerObjective,
                      int kpisPerTeam, int checkInsPerKeyResult) {

    /** About 100,000 nodes: 1,021 units, 18,114 objectives, 72,000 key results, 9,000 KPIs. */
    public static Shape defaults() {
      return new Shape(20, 1_000, 18, 4, 9, 6);
    }

    /** Returns the number of units, objectives, key results and KPIs together. */
    public long nodes() {
      long units = 1L + businessUnits + teams;
      long objectives = STRATEGIC_OUTCOMES + COMPANY_OBJECTIVES + (long) businessUnits * BU_OBJECTIVES
          + (long) teams * objectivesPerTeam;
      long keyResults = (long) teams * objectivesPerTeam * keyResultsPerObjective;
      return units + objectives + keyResults + (long) teams * kpisPerTeam;
    }

    void validate() {
      if (businessUnits < 1 || teams < businessUnits || objectivesPerTeam < 1 || keyResultsPerObjective < 1
          || kpisPerTeam < 0 || checkInsPerKeyResult < 0) {
        throw new IllegalArgumentException("invalid shape " + this
            + ": every count must be positive and there must be at least one team per business unit");
      }
    }
  }

  private static final int STRATEGIC_OUTCOMES = 4;
  private static final int COMPANY_OBJECTIVES = 10;
  private static final int BU_OBJECTIVES = 5;

  private final Pool pool;

  public SyntheticOrg(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates organisation {@code orgId} with the given shape in one transaction. Fails with an
   * {@link IllegalStateException} when the organisation exists already.
   *
   * @param now the instant the history leads up to; cycles are the year and quarter around it
   */
  public Future<Void> create(String orgId, Shape shape, Instant now) {
    shape.validate();
    long started = System.nanoTime();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate yearStart = today.withDayOfYear(1);
    LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
    Tuple base = Tuple.of(orgId, shape.businessUnits(), shape.teams());
    return pool.withTransaction(connection -> connection.preparedQuery(
                "INSERT INTO organisations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .execute(Tuple.of(orgId, "Synthetic organisation " + orgId))
            .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException("Organisation " + orgId
                    + " exists already; choose another id or use a fresh data directory")))
            .compose(v -> run(connection, "SELECT setseed(0.42)", Tuple.tuple()))
            .compose(v -> run(connection, UNITS, base))
            .compose(v -> run(connection, CYCLES, Tuple.of(orgId, yearStart.minusYears(1), yearStart,
                quarterStart, quarterStart.plusMonths(3).minusDays(1))))
            .compose(v -> run(connection, OBJECTIVES, Tuple.of(orgId, shape.objectivesPerTeam(), STRATEGIC_OUTCOMES,
                COMPANY_OBJECTIVES, BU_OBJECTIVES)))
            .compose(v -> run(connection, KEY_RESULTS, Tuple.of(orgId, shape.keyResultsPerObjective())))
            .compose(v -> run(connection, KPIS, Tuple.of(orgId, shape.kpisPerTeam())))
            .compose(v -> run(connection, NODE_KEYS, Tuple.of(orgId)))
            .compose(v -> run(connection, BACKDATE, Tuple.of(orgId, utc(yearStart.minusDays(1)))))
            .compose(v -> run(connection, CHECK_INS, Tuple.of(orgId, shape.checkInsPerKeyResult(),
                utc(quarterStart), utc(now))))
            .compose(v -> run(connection, LATEST_VALUES, Tuple.of(orgId)))
            .compose(v -> run(connection, MEASUREMENTS, Tuple.of(orgId, shape.checkInsPerKeyResult(),
                utc(quarterStart), utc(now))))
            .compose(v -> run(connection, LATEST_KPI_VALUES, Tuple.of(orgId))))
        .onSuccess(v -> LOG.info("Generated organisation {} with {} nodes in {} ms", orgId, shape.nodes(),
            (System.nanoTime() - started) / 1_000_000));
  }

  private static Future<Void> run(SqlConnection connection, String sql, Tuple params) {
    return connection.preparedQuery(sql).execute(params).mapEmpty();
  }

  private static OffsetDateTime utc(LocalDate date) {
    return date.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static final String UNITS = """
      WITH company AS (
        INSERT INTO units (id, org_id, key, name, kind) VALUES (gen_random_uuid(), $1::text, 'company', 'Company', 'company')
        RETURNING id
      ), bus AS (
        INSERT INTO units (id, org_id, key, name, kind, parent_id)
        SELECT gen_random_uuid(), $1::text, 'bu-' || lpad(b::text, 3, '0'), 'Business unit ' || b, 'business_unit', company.id
        FROM generate_series(1, $2::int) AS b, company
        RETURNING id, key
      )
      INSERT INTO units (id, org_id, key, name, kind, parent_id)
      SELECT gen_random_uuid(), $1::text, 'team-' || lpad(t::text, 5, '0'), 'Team ' || t, 'team', bus.id
      FROM generate_series(1, $3::int) AS t
      JOIN bus ON bus.key = 'bu-' || lpad((1 + (t - 1) % $2::int)::text, 3, '0')""";

  private static final String CYCLES = """
      WITH strategy AS (
        INSERT INTO cycles (id, org_id, key, name, kind, start_date, end_date)
        VALUES (gen_random_uuid(), $1::text, 'strategy', 'Strategy', 'strategy', $2::date, ($3::date + interval '3 years' - interval '1 day')::date)
        RETURNING id
      ), year AS (
        INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date)
        SELECT gen_random_uuid(), $1::text, 'year', 'This year', 'annual', strategy.id, $3::date,
               ($3::date + interval '1 year' - interval '1 day')::date
        FROM strategy
        RETURNING id
      )
      INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date)
      SELECT gen_random_uuid(), $1::text, 'quarter', 'This quarter', 'quarter', year.id, $4::date, $5::date FROM year""";

  /** Outcomes, then company, business-unit and team objectives, each aligned to one of the level above. */
  private static final String OBJECTIVES = """
      WITH c AS (
        SELECT max(id::text) FILTER (WHERE kind = 'strategy')::uuid AS strategy,
               max(id::text) FILTER (WHERE kind = 'annual')::uuid AS year,
               max(id::text) FILTER (WHERE kind = 'quarter')::uuid AS quarter
        FROM cycles WHERE org_id = $1::text
      ), company AS (
        SELECT id FROM units WHERE org_id = $1::text AND kind = 'company'
      ), outcomes AS (
        INSERT INTO objectives (id, org_id, key, kind, title, unit_id, cycle_id)
        SELECT gen_random_uuid(), $1::text, 'outcome-' || s, 'strategic_outcome', 'Strategic outcome ' || s, company.id, c.strategy
        FROM generate_series(1, $3::int) AS s, company, c
        RETURNING id, key
      ), company_objectives AS (
        INSERT INTO objectives (id, org_id, key, title, parent_id, unit_id, cycle_id)
        SELECT gen_random_uuid(), $1::text, 'co-' || lpad(o::text, 2, '0'), 'Company objective ' || o, outcomes.id, company.id, c.year
        FROM generate_series(1, $4::int) AS o
        JOIN outcomes ON outcomes.key = 'outcome-' || (1 + (o - 1) % $3::int)
        CROSS JOIN company CROSS JOIN c
        RETURNING id, key
      ), bu_objectives AS (
        INSERT INTO objectives (id, org_id, key, title, parent_id, unit_id, cycle_id)
        SELECT gen_random_uuid(), $1::text, u.key || '-o' || o, u.name || ' objective ' || o, co.id, u.id, c.year
        FROM units u
        CROSS JOIN generate_series(1, $5::int) AS o
        JOIN company_objectives co ON co.key = 'co-' || lpad((1 + (substr(u.key, 4)::int * $5::int + o) % $4::int)::text, 2, '0')
        CROSS JOIN c
        WHERE u.org_id = $1::text AND u.kind = 'business_unit'
        RETURNING id, key
      )
      INSERT INTO objectives (id, org_id, key, title, parent_id, unit_id, cycle_id, owner_name)
      SELECT gen_random_uuid(), $1::text, u.key || '-o' || lpad(o::text, 2, '0'), u.name || ' objective ' || o, bo.id, u.id,
             c.quarter, 'Owner ' || u.key
      FROM units u
      JOIN units bu ON bu.id = u.parent_id
      CROSS JOIN generate_series(1, $2::int) AS o
      JOIN bu_objectives bo ON bo.key = bu.key || '-o' || (1 + (o - 1) % $5::int)
      CROSS JOIN c
      WHERE u.org_id = $1::text AND u.kind = 'team'""";

  /** Key results of the metric kinds under every team objective, with start and target. */
  private static final String KEY_RESULTS = """
      INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, unit_id, owner_name, start_value,
                               target_value, low_value, high_value, tolerance, unit)
      SELECT gen_random_uuid(), $1::text, o.key || '-kr' || k, o.id, 'Key result ' || k || ' of ' || o.title,
             CASE k % 4 WHEN 0 THEN 'range' WHEN 1 THEN 'increase' WHEN 2 THEN 'decrease' ELSE 'increase' END,
             o.unit_id, o.owner_name,
             CASE k % 4 WHEN 0 THEN NULL WHEN 2 THEN 100 ELSE 0 END,
             CASE k % 4 WHEN 0 THEN NULL WHEN 2 THEN 40 ELSE 100 END,
             CASE k % 4 WHEN 0 THEN 80 END, CASE k % 4 WHEN 0 THEN 90 END, CASE k % 4 WHEN 0 THEN 10 END, '%'
      FROM objectives o
      JOIN units u ON u.id = o.unit_id AND u.kind = 'team'
      CROSS JOIN generate_series(1, $2::int) AS k
      WHERE o.org_id = $1::text""";

  private static final String KPIS = """
      INSERT INTO kpis (id, org_id, key, title, unit_id, unit, direction, start_value, target_value, green, red)
      SELECT gen_random_uuid(), $1::text, u.key || '-kpi' || k, u.name || ' KPI ' || k, u.id, 'count', 'increase',
             100, 200, 180, 120
      FROM units u CROSS JOIN generate_series(1, $2::int) AS k
      WHERE u.org_id = $1::text AND u.kind = 'team'""";

  private static final String NODE_KEYS = """
      INSERT INTO node_keys (org_id, key, node_id, kind)
      SELECT $1::text, key, id, kind FROM objectives WHERE org_id = $1::text
      UNION ALL SELECT $1::text, key, id, 'key_result' FROM key_results WHERE org_id = $1::text
      UNION ALL SELECT $1::text, key, id, 'kpi' FROM kpis WHERE org_id = $1::text""";

  /** Dates every definition before its history, as if the goals had been set up before the year began. */
  private static final String BACKDATE = """
      WITH u AS (UPDATE units SET created_at = $2, updated_at = $2 WHERE org_id = $1::text),
           c AS (UPDATE cycles SET created_at = $2, updated_at = $2 WHERE org_id = $1::text),
           o AS (UPDATE objectives SET created_at = $2, updated_at = $2 WHERE org_id = $1::text),
           k AS (UPDATE key_results SET created_at = $2, updated_at = $2 WHERE org_id = $1::text)
      UPDATE kpis SET created_at = $2, updated_at = $2 WHERE org_id = $1::text""";

  /** Check-ins evenly over the quarter so far, each key result on its own random path towards its target. */
  private static final String CHECK_INS = """
      INSERT INTO check_ins (org_id, key_result_id, value, confidence, note, author, observed_at, source, event_id, applied)
      SELECT $1::text, k.id,
             round((CASE WHEN k.measurement = 'range' THEN 75 + random() * 20
                    ELSE k.start_value + (k.target_value - k.start_value) * (i::numeric / ($2::int + 1)) * (0.5 + random())
                    END)::numeric, 2),
             (4 + floor(random() * 7))::smallint, 'Weekly check-in', k.owner_name,
             $3::timestamptz + (($4::timestamptz - $3::timestamptz) * i / ($2::int + 1)),
             'urn:momentum:synthetic', 'synthetic-' || k.id || '-' || i, true
      FROM key_results k CROSS JOIN generate_series(1, $2::int) AS i
      WHERE k.org_id = $1::text""";

  private static final String LATEST_VALUES = """
      UPDATE key_results k SET current_value = c.value, current_at = c.observed_at, current_source = c.source,
             confidence = c.confidence, confidence_at = c.observed_at
      FROM (SELECT DISTINCT ON (key_result_id) key_result_id, value, confidence, observed_at, source
            FROM check_ins WHERE org_id = $1::text ORDER BY key_result_id, observed_at DESC) c
      WHERE k.id = c.key_result_id AND k.org_id = $1::text""";

  private static final String MEASUREMENTS = """
      INSERT INTO measurements (org_id, node_id, node_kind, value, observed_at, source, event_id, applied)
      SELECT $1::text, p.id, 'kpi', round((100 + 100 * (i::numeric / ($2::int + 1)) * (0.6 + random()))::numeric, 1),
             $3::timestamptz + (($4::timestamptz - $3::timestamptz) * i / ($2::int + 1)),
             'urn:momentum:synthetic', 'synthetic-' || p.id || '-' || i, true
      FROM kpis p CROSS JOIN generate_series(1, $2::int) AS i
      WHERE p.org_id = $1::text""";

  private static final String LATEST_KPI_VALUES = """
      UPDATE kpis p SET current_value = m.value, current_at = m.observed_at, current_source = m.source
      FROM (SELECT DISTINCT ON (node_id) node_id, value, observed_at, source
            FROM measurements WHERE org_id = $1::text ORDER BY node_id, observed_at DESC) m
      WHERE p.id = m.node_id AND p.org_id = $1::text""";
}
