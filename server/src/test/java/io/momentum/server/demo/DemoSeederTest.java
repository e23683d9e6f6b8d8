package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.db.PgOrgStateLoader;
import io.momentum.streams.engine.CycleDef;
import io.momentum.streams.engine.GoalEngine;
import io.momentum.streams.engine.NodeDef;
import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.engine.NodeState;
import io.momentum.streams.engine.Status;
import io.momentum.streams.engine.UnitDef;
import io.momentum.streams.signals.Finding;
import io.momentum.streams.signals.SignalChange;
import io.momentum.streams.signals.SignalDetector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds the demo into a real PostgreSQL server on 14 May 2026, in the second quarter, so that the
 * first quarter is there as a closed cycle. Every test seeds first; seeding an existing demo only
 * refreshes the user and token, so the tests do not depend on their order.
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class DemoSeederTest {

  static final Instant NOW = Instant.parse("2026-05-14T10:00:00Z");
  static final String PASSWORD = "demo-password";
  private static final String ORG = " org_id = 'demo' ";

  @TempDir
  static Path dataDir;
  static DemoDatabase db;
  static DemoSeeder seeder;

  @BeforeAll
  static void startDatabase(Vertx vertx) throws Exception {
    db = DemoDatabase.start(vertx, dataDir);
    seeder = new DemoSeeder(db.pool, db.auth, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stopDatabase() {
    if (db != null) {
      db.close();
    }
  }

  private static Future<DemoSeeder.Login> seed() {
    return seeder.seed(PASSWORD, "");
  }

  @Test
  void seedCreatesCompanyUnitsAndTeams(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT kind, count(*) FROM units WHERE" + ORG + "GROUP BY kind"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Map<String, Long> byKind = countsByFirstColumn(rows);
          assertThat(byKind).containsEntry("company", 1L);
          assertThat(byKind).containsEntry("business_unit", 3L);
          assertThat(byKind.get("team")).isBetween(10L, 14L);
          ctx.completeNow();
        })));
  }

  @Test
  void seedCreatesCyclesAroundToday(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT c.key, c.kind, c.closed, p.key FROM cycles c"
            + " LEFT JOIN cycles p ON p.id = c.parent_id WHERE c.org_id = 'demo' ORDER BY c.start_date, c.kind"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          List<String> cycles = rows.stream().map(r -> r.getString(0) + " " + r.getString(1) + " closed="
              + r.getBoolean(2) + " parent=" + r.getString(3)).toList();
          assertThat(cycles).containsExactly(
              "strategy-2025-2028 strategy closed=false parent=null",
              "2026 annual closed=false parent=strategy-2025-2028",
              "2026-q1 quarter closed=true parent=2026",
              "2026-q2 quarter closed=false parent=2026");
          ctx.completeNow();
        })));
  }

  @Test
  void closedQuarterHasCloseTimeAndCloser(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT closed_at, closed_by FROM cycles WHERE" + ORG + "AND key = '2026-q1'"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(1);
          assertThat(rows.get(0).getOffsetDateTime("closed_at").toInstant()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
          assertThat(rows.get(0).getString("closed_by")).isEqualTo(DemoSeeder.SOURCE);
          ctx.completeNow();
        })));
  }

  @Test
  void reseedDatesClosedQuarterWithoutCloseTime(VertxTestContext ctx) {
    String closing = "SELECT to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || closed_by FROM cycles"
        + " WHERE" + ORG + "AND key = '2026-q1'";
    seed().compose(first -> db.rows("UPDATE cycles SET closed_at = NULL, closed_by = NULL WHERE" + ORG + "AND key = '2026-q1'"))
        .compose(cleared -> db.strings(closing))
        .compose(before -> seed().compose(second -> db.strings(closing)).map(after -> List.of(before.get(0) == null ? "null" : before.get(0), after.get(0))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.get(0)).as("after clearing").isEqualTo("null");
          assertThat(result.get(1)).as("after seeding again").isEqualTo("2026-04-01 00:00 " + DemoSeeder.SOURCE);
          ctx.completeNow();
        })));
  }

  @Test
  void seedCreatesAboutFortyObjectives(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT o.kind, c.kind, (o.parent_id IS NOT NULL), count(*) FROM objectives o"
            + " JOIN cycles c ON c.id = o.cycle_id WHERE o.org_id = 'demo' GROUP BY 1, 2, 3"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Map<String, Long> groups = new HashMap<>();
          rows.forEach(r -> groups.put(r.getString(0) + "/" + r.getString(1) + "/aligned=" + r.getBoolean(2),
              r.getLong(3)));
          long total = groups.values().stream().mapToLong(Long::longValue).sum();
          assertThat(total).isEqualTo(44);
          assertThat(groups).containsEntry("strategic_outcome/strategy/aligned=false", 4L);
          assertThat(groups).containsEntry("objective/annual/aligned=true", 4L);
          assertThat(groups.get("objective/quarter/aligned=true")).isGreaterThanOrEqualTo(25L);
          ctx.completeNow();
        })));
  }

  @Test
  void everyOwnerIsAPersonOfTheOrganisation(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT (SELECT count(*) FROM objectives WHERE org_id = 'demo' AND owner_name IS NOT NULL AND owner_id IS NULL),
                   (SELECT count(*) FROM key_results WHERE org_id = 'demo' AND owner_name IS NOT NULL AND owner_id IS NULL),
                   (SELECT count(*) FROM users WHERE org_id = 'demo' AND email LIKE '%@northwind.example' AND unit_id IS NOT NULL),
                   (SELECT email FROM users WHERE org_id = 'demo' AND name = 'Tomás Herrera')"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.get(0);
          assertThat(row.getLong(0)).as("objectives with an owner name but no owner").isZero();
          assertThat(row.getLong(1)).as("key results with an owner name but no owner").isZero();
          assertThat(row.getLong(2)).isGreaterThanOrEqualTo(40L);
          assertThat(row.getString(3)).isEqualTo("tomas.herrera@northwind.example");
          ctx.completeNow();
        })));
  }

  @Test
  void cascadeObjectivesAlignToCompanyKeyResults(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT o.key, k.key, o.parent_id IS NULL FROM objectives o JOIN key_results k ON k.id = o.parent_key_result_id
            WHERE o.org_id = 'demo' ORDER BY o.key"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).extracting(r -> r.getString(0) + "->" + r.getString(1))
              .containsExactly("resale-grading->circular-revenue-share", "review-moments->verified-reviews");
          assertThat(rows).allSatisfy(r -> assertThat(r.getBoolean(2)).isTrue());
          ctx.completeNow();
        })));
  }

  @Test
  void everyDriverImpactAndContributionFindsItsNodes(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT (SELECT count(*) FROM kpi_drivers WHERE org_id = 'demo'),
                   (SELECT count(*) FROM impact_links WHERE org_id = 'demo'),
                   (SELECT count(*) FROM contribution_links WHERE org_id = 'demo'),
                   (SELECT count(*) FROM initiatives WHERE org_id = 'demo' AND owner_id IS NOT NULL AND cycle_id IS NOT NULL),
                   (SELECT formula FROM kpis WHERE org_id = 'demo' AND key = 'gross-profit'),
                   (SELECT count(*) FROM node_keys WHERE org_id = 'demo' AND kind = 'initiative')"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.get(0);
          assertThat(row.getLong(0)).isEqualTo(OutcomeSeed.DRIVERS.size());
          assertThat(row.getLong(1)).isEqualTo(OutcomeSeed.IMPACTS.size());
          assertThat(row.getLong(2)).isEqualTo(OutcomeSeed.CONTRIBUTIONS.size());
          assertThat(row.getLong(3)).isEqualTo(OutcomeSeed.INITIATIVES.size());
          assertThat(row.getString(4)).isEqualTo("revenue * margin / 100");
          assertThat(row.getLong(5)).isEqualTo(OutcomeSeed.INITIATIVES.size());
          ctx.completeNow();
        })));
  }

  @Test
  void initiativesTrackTheirWorkItems(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT i.key, count(*) FILTER (WHERE w.status_category = 'done'), count(*)
            FROM initiatives i JOIN work_items w ON w.node_id = i.id AND w.org_id = i.org_id
            WHERE i.org_id = 'demo' GROUP BY i.key"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Map<String, long[]> counts = new HashMap<>();
          rows.forEach(r -> counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
          assertThat(counts).hasSize(OutcomeSeed.INITIATIVES.size());
          OutcomeSeed.INITIATIVES.forEach(spec -> assertThat(counts.get(spec.key())).as(spec.key())
              .containsExactly(spec.done(), spec.done() + spec.inProgress() + spec.todo()));
          ctx.completeNow();
        })));
  }

  @Test
  void kpisHaveDatedTargetsEndingAtTheYearTarget(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT k.key, t.due_date, t.value, k.target_value, k.start_value FROM kpi_targets t JOIN kpis k ON k.id = t.kpi_id
            WHERE k.org_id = 'demo' AND k.key = 'net-revenue' ORDER BY t.due_date"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(2);
          assertThat(rows.get(0).getLocalDate(1)).isEqualTo(java.time.LocalDate.of(2026, 6, 30));
          assertThat(rows.get(0).getBigDecimal(2)).isBetween(rows.get(0).getBigDecimal(4), rows.get(0).getBigDecimal(3));
          assertThat(rows.get(1).getLocalDate(1)).isEqualTo(java.time.LocalDate.of(2026, 12, 31));
          assertThat(rows.get(1).getBigDecimal(2)).isEqualByComparingTo(rows.get(1).getBigDecimal(3));
          ctx.completeNow();
        })));
  }

  @Test
  void previousQuarterObjectiveIsCarriedOver(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT copy.key, copy_cycle.closed, original_cycle.closed,
                   (SELECT count(*) FROM key_results k JOIN key_results o ON o.id = k.carried_from
                    WHERE k.objective_id = copy.id AND k.current_value = o.current_value AND k.start_value = o.start_value),
                   (SELECT count(*) FROM node_keys n WHERE n.node_id = copy.id)
            FROM objectives copy
            JOIN objectives original ON original.id = copy.carried_from
            JOIN cycles copy_cycle ON copy_cycle.id = copy.cycle_id
            JOIN cycles original_cycle ON original_cycle.id = original.cycle_id
            WHERE copy.org_id = 'demo'"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(1);
          Row row = rows.get(0);
          assertThat(row.getString(0)).isEqualTo("guest-checkout-2026-q2");
          assertThat(row.getBoolean(1)).as("the copy's quarter is open").isFalse();
          assertThat(row.getBoolean(2)).as("the original's quarter is closed").isTrue();
          assertThat(row.getLong(3)).as("metric key results carried with their values").isEqualTo(2L);
          assertThat(row.getLong(4)).isEqualTo(1L);
          ctx.completeNow();
        })));
  }

  @Test
  void openTeamObjectivesHaveComments(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT count(DISTINCT c.objective_id), count(*), count(*) FILTER (WHERE c.author_id IS NULL)
            FROM objective_comments c WHERE c.org_id = 'demo'"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.get(0);
          assertThat(row.getLong(0)).isGreaterThanOrEqualTo(20L);
          assertThat(row.getLong(1)).isEqualTo(2 * row.getLong(0));
          assertThat(row.getLong(2)).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void teamObjectivesAlignToBusinessUnitObjectives(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT u.kind, pu.kind, count(*) FROM objectives o"
            + " JOIN units u ON u.id = o.unit_id JOIN objectives p ON p.id = o.parent_id"
            + " JOIN units pu ON pu.id = p.unit_id WHERE o.org_id = 'demo' GROUP BY 1, 2"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Map<String, Long> edges = new HashMap<>();
          rows.forEach(r -> edges.put(r.getString(0) + "->" + r.getString(1), r.getLong(2)));
          assertThat(edges.get("team->business_unit")).isGreaterThanOrEqualTo(18L);
          assertThat(edges.get("business_unit->company")).isEqualTo(6L);
          assertThat(edges.get("company->company")).isEqualTo(4L);
          ctx.completeNow();
        })));
  }

  @Test
  void seedCreatesKeyResultsOfEveryKind(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT measurement, count(*) FROM key_results WHERE" + ORG + "GROUP BY 1"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Map<String, Long> byKind = countsByFirstColumn(rows);
          long total = byKind.values().stream().mapToLong(Long::longValue).sum();
          assertThat(total).isEqualTo(127);
          assertThat(byKind).containsOnlyKeys("increase", "decrease", "range", "milestone", "binary", "kpi",
              "work_items");
          assertThat(byKind.values()).allMatch(count -> count >= 5);
          ctx.completeNow();
        })));
  }

  @Test
  void seedCreatesTwentyMeasuredKpisAndOneComputedWithCorridors(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT key, unit, direction, green, red, unit_id, formula FROM kpis WHERE" + ORG))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(21);
          assertThat(rows).filteredOn(r -> r.getString("formula") != null).hasSize(1);
          assertThat(rows).allMatch(r -> r.getString("unit") != null && r.getUUID("unit_id") != null);
          assertThat(rows).allMatch(r -> r.getBigDecimal("green") != null && r.getBigDecimal("red") != null);
          assertThat(rows).allMatch(r -> "increase".equals(r.getString("direction"))
              ? r.getBigDecimal("green").compareTo(r.getBigDecimal("red")) > 0
              : r.getBigDecimal("green").compareTo(r.getBigDecimal("red")) < 0);
          assertThat(rows.stream().map(r -> r.getString("direction")).distinct()).contains("increase", "decrease");
          ctx.completeNow();
        })));
  }

  @Test
  void checkoutConversionIsInCheckoutTeam(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT k.measurement, k.unit, k.start_value, k.target_value, u.key"
            + " FROM key_results k JOIN objectives o ON o.id = k.objective_id JOIN units u ON u.id = o.unit_id"
            + " WHERE k.org_id = 'demo' AND k.key = 'checkout-conversion'"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(1);
          Row row = rows.get(0);
          assertThat(row.getString(0)).isEqualTo("increase");
          assertThat(row.getString(1)).isEqualTo("%");
          assertThat(row.getBigDecimal(2)).isEqualByComparingTo("2.1");
          assertThat(row.getBigDecimal(3)).isEqualByComparingTo("3.0");
          assertThat(row.getString(4)).isEqualTo("checkout");
          ctx.completeNow();
        })));
  }

  @Test
  void keyResultsUseWeightsLevelsAndNegativeValues(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT count(*) FILTER (WHERE weight = 0), count(*) FILTER (WHERE weight = 2),"
            + " count(*) FILTER (WHERE commit_value IS NOT NULL AND stretch_value IS NOT NULL),"
            + " count(*) FILTER (WHERE start_value < 0), count(*) FILTER (WHERE start_value <> round(start_value)),"
            + " count(DISTINCT unit), count(*) FILTER (WHERE owner_name IS NULL)"
            + " FROM key_results WHERE" + ORG))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.get(0);
          assertThat(row.getLong(0)).as("weight 0").isPositive();
          assertThat(row.getLong(1)).as("weight 2").isPositive();
          assertThat(row.getLong(2)).as("commit and stretch").isPositive();
          assertThat(row.getLong(3)).as("negative start").isPositive();
          assertThat(row.getLong(4)).as("decimal start").isPositive();
          assertThat(row.getLong(5)).as("distinct units").isGreaterThanOrEqualTo(10);
          assertThat(row.getLong(6)).as("without owner").isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void milestoneListsHaveIdsWeightsAndProgress(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT key, milestones FROM key_results WHERE" + ORG
            + "AND measurement = 'milestone'"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          int done = 0;
          int open = 0;
          for (Row row : rows) {
            JsonArray milestones = (JsonArray) row.getValue("milestones");
            assertThat(milestones.size()).as(row.getString("key")).isBetween(3, 5);
            for (int i = 0; i < milestones.size(); i++) {
              JsonObject milestone = milestones.getJsonObject(i);
              assertThat(milestone.getString("id")).isEqualTo("m" + (i + 1));
              assertThat(milestone.getString("title")).isNotBlank();
              assertThat(Double.parseDouble(milestone.getValue("weight").toString())).isPositive();
              if (milestone.getBoolean("done")) {
                done++;
              } else {
                open++;
              }
            }
          }
          assertThat(done).isPositive();
          assertThat(open).isPositive();
          ctx.completeNow();
        })));
  }

  @Test
  void currentValuesMatchLatestCheckIn(VertxTestContext ctx) {
    seed().compose(login -> db.count("""
            SELECT count(*) FROM key_results k
            LEFT JOIN LATERAL (SELECT value, observed_at, source FROM check_ins c
                               WHERE c.key_result_id = k.id AND c.value IS NOT NULL
                               ORDER BY observed_at DESC LIMIT 1) latest ON true
            WHERE k.org_id = 'demo' AND k.carried_from IS NULL AND (k.current_value IS DISTINCT FROM latest.value
              OR k.current_at IS DISTINCT FROM latest.observed_at
              OR k.current_source IS DISTINCT FROM latest.source)"""))
        .onComplete(ctx.succeeding(mismatches -> ctx.verify(() -> {
          assertThat(mismatches).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void confidenceMatchesLatestCheckIn(VertxTestContext ctx) {
    seed().compose(login -> db.count("""
            SELECT count(*) FROM key_results k
            LEFT JOIN LATERAL (SELECT confidence, observed_at FROM check_ins c
                               WHERE c.key_result_id = k.id AND c.confidence IS NOT NULL
                               ORDER BY observed_at DESC LIMIT 1) latest ON true
            WHERE k.org_id = 'demo' AND (k.confidence IS DISTINCT FROM latest.confidence
              OR k.confidence_at IS DISTINCT FROM latest.observed_at)"""))
        .onComplete(ctx.succeeding(mismatches -> ctx.verify(() -> {
          assertThat(mismatches).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void kpiCurrentMatchesLatestMeasurement(VertxTestContext ctx) {
    seed().compose(login -> db.count("""
            SELECT count(*) FROM kpis k
            LEFT JOIN LATERAL (SELECT value, observed_at, source FROM measurements m
                               WHERE m.node_id = k.id ORDER BY observed_at DESC LIMIT 1) latest ON true
            WHERE k.org_id = 'demo' AND k.formula IS NULL AND (latest.value IS NULL OR k.current_value IS DISTINCT FROM latest.value
              OR k.current_at IS DISTINCT FROM latest.observed_at
              OR k.current_source IS DISTINCT FROM latest.source)"""))
        .onComplete(ctx.succeeding(mismatches -> ctx.verify(() -> {
          assertThat(mismatches).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void historyRowsAreAppliedSeedEvents(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT (SELECT count(*) FROM check_ins WHERE org_id = 'demo'),
                   (SELECT count(DISTINCT event_id) FROM check_ins WHERE org_id = 'demo'),
                   (SELECT count(*) FROM check_ins WHERE org_id = 'demo' AND (NOT applied OR source <> $1)),
                   (SELECT count(*) FROM check_ins WHERE org_id = 'demo' AND note IS NOT NULL),
                   (SELECT count(*) FROM measurements WHERE org_id = 'demo' AND node_kind = 'kpi'),
                   (SELECT count(DISTINCT event_id) FROM measurements WHERE org_id = 'demo' AND node_kind = 'kpi'),
                   (SELECT count(*) FROM measurements WHERE org_id = 'demo' AND node_kind = 'kpi' AND (NOT applied OR source <> $1)),
                   (SELECT count(*) FROM measurements WHERE org_id = 'demo' AND node_kind = 'key_result'
                      AND source = 'urn:momentum:carry-over' AND applied)"""
            .replace("$1", "'" + DemoSeeder.SOURCE + "'")))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.get(0);
          assertThat(row.getLong(0)).as("check-ins").isGreaterThan(500);
          assertThat(row.getLong(1)).as("distinct check-in event ids").isEqualTo(row.getLong(0));
          assertThat(row.getLong(2)).as("check-ins not applied or from elsewhere").isZero();
          assertThat(row.getLong(3)).as("check-ins with a note").isPositive();
          assertThat(row.getLong(4)).as("KPI measurements").isGreaterThan(400);
          assertThat(row.getLong(5)).as("distinct measurement event ids").isEqualTo(row.getLong(4));
          assertThat(row.getLong(6)).as("measurements not applied or from elsewhere").isZero();
          assertThat(row.getLong(7)).as("first values of the carried-over key results").isEqualTo(2L);
          ctx.completeNow();
        })));
  }

  @Test
  void workItemsCoverEveryStatus(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT k.key, w.system, w.external_id, w.status_category, w.story_points
            FROM key_results k LEFT JOIN work_items w ON w.node_id = k.id
            WHERE k.org_id = 'demo' AND k.measurement = 'work_items'"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).allMatch(r -> "jira".equals(r.getString("system")));
          assertThat(rows).allMatch(r -> r.getString("external_id").matches("[A-Z]+-\\d+"));
          assertThat(rows.stream().map(r -> r.getString("status_category")).collect(Collectors.toSet()))
              .containsExactlyInAnyOrder("todo", "in_progress", "done");
          assertThat(rows).anyMatch(r -> r.getBigDecimal("story_points") == null);
          assertThat(rows).anyMatch(r -> r.getBigDecimal("story_points") != null);
          ctx.completeNow();
        })));
  }

  @Test
  void timestampsLieBeforeTheClock(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT greatest((SELECT max(observed_at) FROM check_ins WHERE org_id = 'demo'),
                            (SELECT max(observed_at) FROM measurements WHERE org_id = 'demo'),
                            (SELECT max(observed_at) FROM work_items WHERE org_id = 'demo'),
                            (SELECT max(updated_at) FROM key_results WHERE org_id = 'demo'),
                            (SELECT max(updated_at) FROM objectives WHERE org_id = 'demo'),
                            (SELECT max(updated_at) FROM kpis WHERE org_id = 'demo'),
                            (SELECT created_at FROM organisations WHERE id = 'demo'))"""))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows.get(0).getOffsetDateTime(0).toInstant()).isBefore(NOW);
          ctx.completeNow();
        })));
  }

  @Test
  void nodeKeysMatchTheirNodes(VertxTestContext ctx) {
    seed().compose(login -> db.rows("""
            SELECT n.key, n.kind, coalesce(o.key, k.key, p.key, i.key), coalesce(o.kind, CASE WHEN k.id IS NOT NULL
                   THEN 'key_result' END, CASE WHEN p.id IS NOT NULL THEN 'kpi' END,
                   CASE WHEN i.id IS NOT NULL THEN 'initiative' END)
            FROM node_keys n
            LEFT JOIN objectives o ON o.id = n.node_id
            LEFT JOIN key_results k ON k.id = n.node_id
            LEFT JOIN kpis p ON p.id = n.node_id
            LEFT JOIN initiatives i ON i.id = n.node_id
            WHERE n.org_id = 'demo'"""))
        .compose(keys -> db.count("SELECT (SELECT count(*) FROM objectives WHERE org_id = 'demo')"
            + " + (SELECT count(*) FROM key_results WHERE org_id = 'demo')"
            + " + (SELECT count(*) FROM kpis WHERE org_id = 'demo')"
            + " + (SELECT count(*) FROM initiatives WHERE org_id = 'demo')").map(nodes -> Map.entry(keys, nodes)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          List<Row> keys = result.getKey();
          assertThat((long) keys.size()).isEqualTo(result.getValue());
          for (Row row : keys) {
            assertThat(row.getString(0)).matches("^[a-z0-9][a-z0-9._-]{0,79}$");
            assertThat(row.getString(2)).as("node of key %s", row.getString(0)).isEqualTo(row.getString(0));
            assertThat(row.getString(3)).as("kind of key %s", row.getString(0)).isEqualTo(row.getString(1));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void secondSeedAddsNothing(VertxTestContext ctx) {
    String counts = """
        SELECT concat_ws(',', (SELECT count(*) FROM organisations), (SELECT count(*) FROM units),
          (SELECT count(*) FROM cycles), (SELECT count(*) FROM objectives), (SELECT count(*) FROM key_results),
          (SELECT count(*) FROM kpis), (SELECT count(*) FROM node_keys), (SELECT count(*) FROM check_ins),
          (SELECT count(*) FROM measurements), (SELECT count(*) FROM work_items), (SELECT count(*) FROM users))""";
    seed().compose(first -> db.strings(counts))
        .compose(before -> seed().compose(second -> db.strings(counts)).map(after -> List.of(before, after)))
        .compose(both -> db.auth.login(DemoSeeder.EMAIL, PASSWORD).map(caller -> Map.entry(both, caller != null)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey().get(1)).isEqualTo(result.getKey().get(0));
          assertThat(result.getValue()).as("login after the second seed").isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void changedPasswordReplacesTheHash(VertxTestContext ctx) {
    seeder.seed("another-password", "")
        .compose(login -> db.auth.login(DemoSeeder.EMAIL, "another-password"))
        .compose(withNew -> db.auth.login(DemoSeeder.EMAIL, PASSWORD).map(withOld -> List.of(
            withNew != null, withOld != null)))
        .compose(result -> seed().map(result))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.get(0)).as("login with the new password").isTrue();
          assertThat(result.get(1)).as("login with the old password").isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void demoUserIsAnAdmin(VertxTestContext ctx) {
    seed().compose(login -> db.rows("SELECT org_id, name, role FROM users WHERE email = '" + DemoSeeder.EMAIL + "'"))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows).hasSize(1);
          assertThat(rows.get(0).getString("org_id")).isEqualTo("demo");
          assertThat(rows.get(0).getString("name")).isEqualTo("Dana Demo");
          assertThat(rows.get(0).getString("role")).isEqualTo("admin");
          ctx.completeNow();
        })));
  }

  @Test
  void createdTokenAuthenticates(VertxTestContext ctx) {
    seed().compose(login -> db.auth.authenticateToken(login.token()).map(caller -> Map.entry(login, caller)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey().email()).isEqualTo(DemoSeeder.EMAIL);
          assertThat(result.getKey().password()).isEqualTo(PASSWORD);
          assertThat(result.getKey().token()).startsWith("mtm_");
          assertThat(result.getValue()).isNotNull();
          assertThat(result.getValue().orgId()).isEqualTo("demo");
          assertThat(result.getValue().scopes()).containsExactlyInAnyOrder("read", "write");
          ctx.completeNow();
        })));
  }

  @Test
  void newRandomTokenRevokesThePrevious(VertxTestContext ctx) {
    seed().compose(first -> seed().map(second -> List.of(first.token(), second.token())))
        .compose(tokens -> db.auth.authenticateToken(tokens.get(0)).map(oldCaller -> oldCaller == null))
        .onComplete(ctx.succeeding(oldRevoked -> ctx.verify(() -> {
          assertThat(oldRevoked).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void givenTokenIsStoredAndAuthenticates(VertxTestContext ctx) {
    String token = "mtm_demo_test_token_0123456789";
    seeder.seed(PASSWORD, token)
        .compose(login -> db.auth.authenticateToken(token).map(caller -> Map.entry(login.token(), caller)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isEqualTo(token);
          assertThat(result.getValue()).isNotNull();
          assertThat(result.getValue().orgId()).isEqualTo("demo");
          ctx.completeNow();
        })));
  }

  @Test
  void tokenWithoutPrefixIsRejected(VertxTestContext ctx) {
    seeder.seed(PASSWORD, "not-a-momentum-token")
        .onComplete(ctx.failing(error -> ctx.verify(() -> {
          assertThat(error).isInstanceOf(IllegalArgumentException.class);
          assertThat(error.getMessage()).contains("MOMENTUM_DEMO_TOKEN").contains("mtm_");
          ctx.completeNow();
        })));
  }

  @Test
  void boardsShowEveryStatus(VertxTestContext ctx) {
    seed().compose(login -> new PgOrgStateLoader(db.pool).load("demo", NOW))
        .onComplete(ctx.succeeding(state -> ctx.verify(() -> {
          GoalEngine engine = new GoalEngine("demo", Clock.fixed(NOW, ZoneOffset.UTC));
          state.cycles().forEach((CycleDef cycle) -> engine.upsertCycle(cycle));
          state.units().forEach((UnitDef unit) -> engine.upsertUnit(unit));
          state.nodes().forEach((NodeDef node) -> engine.upsertNode(node));
          engine.applyAll(state.observations());
          engine.tick(NOW);

          List<NodeState> keyResults = engine.nodes().stream().filter(n -> n.kind() == NodeKind.KEY_RESULT).toList();
          Map<Status, Long> statuses = keyResults.stream()
              .collect(Collectors.groupingBy(NodeState::status, Collectors.counting()));
          assertThat(statuses.keySet()).containsExactlyInAnyOrder(Status.values());
          assertThat(statuses.get(Status.ON_TRACK)).isGreaterThan(statuses.get(Status.OFF_TRACK));
          assertThat(keyResults).anyMatch(NodeState::stale);
          assertThat(keyResults).anyMatch(n -> n.confidence() != null && n.confidence() <= 3);
          Set<Status> kpiStatuses = engine.nodes().stream().filter(n -> n.kind() == NodeKind.KPI)
              .map(NodeState::status).collect(Collectors.toSet());
          assertThat(kpiStatuses).contains(Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK);
          ctx.completeNow();
        })));
  }

  /**
   * Time travel and the live engine read the same demo: the carried-over copies, whose values are
   * stored on their rows, and a work-item key result whose seeded item later gets an unchanged
   * event from a tracker, as the demo traffic sends them, agree an hour before that event.
   */
  @Test
  void timeTravelMatchesLiveEngine(Vertx vertx, VertxTestContext ctx) {
    Instant at = NOW.minusSeconds(3600);
    Instant eventTime = NOW.minusSeconds(60);
    String itemQuery = """
        SELECT w.node_id, w.system, w.external_id, w.item_type, w.status_category, w.story_points, k.objective_id
        FROM work_items w JOIN key_results k ON k.id = w.node_id
        WHERE w.org_id = 'demo' AND w.status_category = 'done' AND w.story_points > 0 ORDER BY w.external_id LIMIT 1""";
    seed().compose(login -> db.rows(itemQuery)).compose(items -> {
      Row item = items.get(0);
      JsonObject event = new JsonObject().put("specversion", "1.0").put("id", "tracker-edit").put("source", "urn:test:tracker")
          .put("type", "momentum.workitem.changed").put("time", eventTime.toString()).put("orgid", "demo")
          .put("data", new JsonObject().put("system", item.getString("system")).put("externalId", item.getString("external_id"))
              .put("itemType", item.getString("item_type")).put("statusCategory", "done")
              .put("storyPoints", item.getBigDecimal("story_points")).put("deleted", false));
      return db.pool.preparedQuery("""
              INSERT INTO events (org_id, source, id, type, subject, node_id, time, received_at, data)
              VALUES ('demo', 'urn:test:tracker', 'tracker-edit', 'momentum.workitem.changed', $1::text, $1, $2, $2, $3)
              ON CONFLICT DO NOTHING""")
          .execute(io.vertx.sqlclient.Tuple.of(item.getUUID("node_id"), eventTime.atOffset(ZoneOffset.UTC), event))
          .compose(v -> db.pool.preparedQuery("UPDATE work_items SET observed_at = $3 WHERE org_id = 'demo' AND system = $1"
                  + " AND external_id = $2")
              .execute(io.vertx.sqlclient.Tuple.of(item.getString("system"), item.getString("external_id"),
                  eventTime.atOffset(ZoneOffset.UTC))))
          .compose(v -> db.rows("SELECT id FROM objectives WHERE org_id = 'demo' AND carried_from IS NOT NULL"))
          .map(carried -> List.of(carried.get(0).getUUID("id"), item.getUUID("objective_id")));
    }).compose(objectiveIds -> new PgOrgStateLoader(db.pool).load("demo", at).compose(state -> {
      GoalEngine engine = new GoalEngine("demo", Clock.fixed(at, ZoneOffset.UTC));
      state.cycles().forEach((CycleDef cycle) -> engine.upsertCycle(cycle));
      state.units().forEach((UnitDef unit) -> engine.upsertUnit(unit));
      state.nodes().forEach((NodeDef node) -> engine.upsertNode(node));
      engine.applyAll(state.observations());
      engine.tick(at);
      io.momentum.server.history.TimeTravel timeTravel = new io.momentum.server.history.TimeTravel(vertx, db.pool);
      return timeTravel.evaluate("demo", objectiveIds.get(0), at)
          .compose(carried -> timeTravel.evaluate("demo", objectiveIds.get(1), at).map(work -> List.of(carried, work)))
          .map(evaluated -> Map.entry(engine, evaluated));
    })).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      int compared = 0;
      for (JsonObject evaluated : result.getValue()) {
        for (Object item : evaluated.getJsonArray("nodes")) {
          JsonObject then = (JsonObject) item;
          if (!"key_result".equals(then.getString("kind"))) {
            continue;
          }
          NodeState live = result.getKey().node(then.getString("id")).orElseThrow();
          assertThat(then.getValue("progress").toString()).as("progress of %s", then.getString("title"))
              .isEqualTo(live.toJson().getValue("progress").toString());
          assertThat(then.getString("status")).as("status of %s", then.getString("title"))
              .isEqualTo(live.toJson().getString("status"));
          compared++;
        }
      }
      assertThat(compared).isGreaterThanOrEqualTo(3);
      ctx.completeNow();
    })));
  }

  /**
   * The demo has a key result whose value stayed flat over its last check-ins while the work of
   * its linked initiative got done, so the detector, loaded as the live engine loads it, reports it
   * as stalled despite effort.
   */
  @Test
  void detectorFindsTheStalledKeyResult(VertxTestContext ctx) {
    String idQuery = "SELECT id FROM key_results WHERE" + ORG + "AND key = '" + DemoCatalog.STALLED_KEY_RESULT + "'";
    seed().compose(login -> db.rows(idQuery)).compose(rows -> new PgOrgStateLoader(db.pool).load("demo", NOW)
        .map(state -> Map.entry(rows.get(0).getUUID("id").toString(), state)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          var state = result.getValue();
          GoalEngine engine = new GoalEngine("demo", Clock.fixed(NOW, ZoneOffset.UTC), state.staleAfterDays());
          SignalDetector detector = new SignalDetector(state.signalSettings(), state.links(), List.of());
          state.cycles().forEach((CycleDef cycle) -> {
            engine.upsertCycle(cycle);
            detector.defineCycle(cycle);
          });
          state.units().forEach((UnitDef unit) -> engine.upsertUnit(unit));
          state.nodes().forEach((NodeDef node) -> {
            engine.upsertNode(node);
            detector.defineNode(node);
          });
          engine.applyAll(state.observations());
          state.observations().forEach(observation -> detector.observe(observation, null));
          engine.tick(NOW);

          List<Finding> stalled = detector.sweep(engine, NOW).stream()
              .filter(change -> change instanceof SignalChange.Raise)
              .map(change -> ((SignalChange.Raise) change).finding())
              .filter(finding -> "stalled_despite_effort".equals(finding.kind()))
              .toList();
          assertThat(stalled).extracting(finding -> finding.nodeIds().get(0)).contains(result.getKey());
          Finding finding = stalled.stream().filter(f -> f.nodeIds().get(0).equals(result.getKey())).findFirst().orElseThrow();
          assertThat(finding.params().getInteger("checkIns")).isGreaterThanOrEqualTo(3);
          assertThat(finding.params().getInteger("doneRecent")).isGreaterThan(finding.params().getInteger("donePrevious"));
          ctx.completeNow();
        })));
  }

  private static Map<String, Long> countsByFirstColumn(List<Row> rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }
}
