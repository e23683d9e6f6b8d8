package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds the demo on 10 February 2027: in the first quarter there is no earlier quarter of the year,
 * so the closed cycle and its objectives are left out.
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class DemoSeederFirstQuarterTest {

  static final Instant NOW = Instant.parse("2027-02-10T12:00:00Z");

  @TempDir
  static Path dataDir;
  static DemoDatabase db;

  @BeforeAll
  static void seed(Vertx vertx) throws Exception {
    db = DemoDatabase.start(vertx, dataDir);
    new DemoSeeder(db.pool, db.auth, Clock.fixed(NOW, ZoneOffset.UTC)).seed("demo-password", "")
        .await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void firstQuarterHasNoClosedCycle(VertxTestContext ctx) {
    db.strings("SELECT key || ' ' || kind || ' closed=' || closed FROM cycles WHERE org_id = 'demo' ORDER BY start_date, kind")
        .onComplete(ctx.succeeding(cycles -> ctx.verify(() -> {
          assertThat(cycles).containsExactly(
              "strategy-2026-2029 strategy closed=false",
              "2027 annual closed=false",
              "2027-q1 quarter closed=false");
          ctx.completeNow();
        })));
  }

  @Test
  void firstQuarterLeavesOutPreviousObjectives(VertxTestContext ctx) {
    db.strings("SELECT (SELECT count(*) FROM objectives WHERE org_id = 'demo') || '/'"
            + " || (SELECT count(*) FROM key_results WHERE org_id = 'demo') || '/'"
            + " || (SELECT count(DISTINCT measurement) FROM key_results WHERE org_id = 'demo') || '/'"
            + " || (SELECT count(*) FROM kpis WHERE org_id = 'demo')")
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat(counts).isEqualTo(List.of("40/117/7/21"));
          ctx.completeNow();
        })));
  }

  @Test
  void historyStartsAtTheQuarter(VertxTestContext ctx) {
    db.rows("""
            SELECT min(c.observed_at), max(c.observed_at) FROM check_ins c
            JOIN key_results k ON k.id = c.key_result_id JOIN objectives o ON o.id = k.objective_id
            JOIN cycles y ON y.id = o.cycle_id WHERE c.org_id = 'demo' AND y.kind = 'quarter'""")
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows.get(0).getOffsetDateTime(0).toInstant()).isAfter(Instant.parse("2027-01-01T00:00:00Z"));
          assertThat(rows.get(0).getOffsetDateTime(1).toInstant()).isBefore(NOW);
          ctx.completeNow();
        })));
  }
}
