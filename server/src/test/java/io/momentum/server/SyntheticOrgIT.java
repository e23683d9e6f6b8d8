package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.scale.SyntheticOrg;
import io.momentum.server.support.TestNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic organisation of the capacity benchmarks, generated small into the real database. */
class SyntheticOrgIT {

  private static final SyntheticOrg.Shape SHAPE = new SyntheticOrg.Shape(2, 5, 3, 2, 2, 3);
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static MomentumNode node;
  private static String orgId;

  @BeforeAll
  static void generate() {
    node = TestNode.get();
    orgId = "synthetic-" + UUID.randomUUID().toString().substring(0, 8);
    new SyntheticOrg(node.services().pool()).create(orgId, SHAPE, NOW).await();
  }

  @Test
  void nodeCountMatchesTheShape() {
    Row row = one("""
        SELECT (SELECT count(*) FROM units WHERE org_id = $1) + (SELECT count(*) FROM objectives WHERE org_id = $1)
             + (SELECT count(*) FROM key_results WHERE org_id = $1) + (SELECT count(*) FROM kpis WHERE org_id = $1),
               (SELECT count(*) FROM node_keys WHERE org_id = $1)""");

    assertThat(row.getLong(0)).isEqualTo(SHAPE.nodes());
    assertThat(row.getLong(1)).isEqualTo(SHAPE.nodes() - (1 + SHAPE.businessUnits() + SHAPE.teams()));
  }

  @Test
  void everyTeamObjectiveAlignsToItsBusinessUnit() {
    Row row = one("""
        SELECT count(*), count(*) FILTER (WHERE pu.id = u.parent_id)
        FROM objectives o JOIN units u ON u.id = o.unit_id AND u.kind = 'team'
        JOIN objectives p ON p.id = o.parent_id JOIN units pu ON pu.id = p.unit_id
        WHERE o.org_id = $1""");

    assertThat(row.getLong(0)).isEqualTo((long) SHAPE.teams() * SHAPE.objectivesPerTeam());
    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
  }

  @Test
  void keyResultsCarryTheirLatestCheckIn() {
    Row row = one("""
        SELECT count(*), count(*) FILTER (WHERE k.current_value = c.value AND k.current_at = c.observed_at),
               (SELECT count(*) FROM check_ins WHERE org_id = $1)
        FROM key_results k
        JOIN LATERAL (SELECT value, observed_at FROM check_ins WHERE key_result_id = k.id
                      ORDER BY observed_at DESC LIMIT 1) c ON true
        WHERE k.org_id = $1""");

    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
    assertThat(row.getLong(2)).isEqualTo(row.getLong(0) * SHAPE.checkInsPerKeyResult());
  }

  @Test
  void historyStaysInsideTheQuarterBeforeNow() {
    Row row = one("""
        SELECT min(observed_at) >= '2026-10-01T00:00:00Z', max(observed_at) < '2026-11-20T12:00:00Z'
        FROM check_ins WHERE org_id = $1""");

    assertThat(row.getBoolean(0)).isTrue();
    assertThat(row.getBoolean(1)).isTrue();
  }

  @Test
  void definitionsPredateTheirHistory() {
    Row row = one("""
        SELECT (SELECT max(created_at) FROM key_results WHERE org_id = $1)
             < (SELECT min(observed_at) FROM check_ins WHERE org_id = $1)""");

    assertThat(row.getBoolean(0)).as("key results exist before their first check-in").isTrue();
  }

  @Test
  void existingOrganisationIsRejected() {
    SyntheticOrg generator = new SyntheticOrg(node.services().pool());

    assertThatThrownBy(() -> generator.create(orgId, SHAPE, NOW).await())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exists already");
  }

  private static Row one(String sql) {
    return node.services().pool().preparedQuery(sql).execute(Tuple.of(orgId)).await().iterator().next();
  }
}
