package io.momentum.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.momentum.server.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The external-database path: a {@code postgresql://} URL whose database does not exist yet is
 * created and migrated. Runs when {@code MOMENTUM_TEST_PG_URL} names a server, such as the
 * machine's Debian PostgreSQL (see the README); the embedded path is covered by every other
 * integration test.
 */
class ExternalPostgresIT {

  @Test
  void missingDatabaseIsCreatedAndMigrated() {
    String url = System.getenv("MOMENTUM_TEST_PG_URL");
    assumeTrue(url != null && !url.isBlank(), "MOMENTUM_TEST_PG_URL is not set");
    String database = "momentum_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.external(TestNode.withDatabase(url, database))) {
      Pool pool = db.open(vertx, 2).await();

      long tables = pool.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
          + " AND table_name IN ('organisations', 'units', 'cycles', 'objectives', 'key_results', 'kpis',"
          + " 'check_ins', 'measurements', 'events', 'dead_letters')").execute().await().iterator().next().getLong(0);
      String current = pool.query("SELECT current_database()").execute().await().iterator().next().getString(0);

      assertThat(tables).isEqualTo(10);
      assertThat(current).isEqualTo(database);
    } finally {
      vertx.close().await();
    }
  }
}
