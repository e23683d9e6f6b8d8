package io.momentum.server.support;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.app.Services;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small organisation made for one test class: a company and a team, a year and a quarter
 * around today (today is its middle), one objective with a key result of every measurement kind,
 * a KPI, a user and an API token. It is written straight into PostgreSQL, and {@link #awaitLive}
 * waits until the node has built its engine.
 */
public final class TestOrg {

  public static final String PASSWORD = "correct horse battery staple";

  public final String orgId;
  public final UUID companyId = UUID.randomUUID();
  public final UUID teamId = UUID.randomUUID();
  public final UUID yearId = UUID.randomUUID();
  public final UUID quarterId = UUID.randomUUID();
  public final UUID objectiveId = UUID.randomUUID();
  public final UUID kpiId = UUID.randomUUID();
  public final UUID userId = UUID.randomUUID();
  /** Key result ids by key: revenue (increase 20 to 50), defects (decrease 12 to 4), uptime (range 95-99), launch (milestones), contract (binary), nps-kr (follows KPI nps), epic (work items). */
  public final Map<String, UUID> keyResults = Map.of(
      "revenue", UUID.randomUUID(), "defects", UUID.randomUUID(), "uptime", UUID.randomUUID(),
      "launch", UUID.randomUUID(), "contract", UUID.randomUUID(), "nps-kr", UUID.randomUUID(),
      "epic", UUID.randomUUID());
  public final String email;
  public String token;

  private TestOrg(String orgId) {
    this.orgId = orgId;
    this.email = "owner@" + orgId + ".test";
  }

  /** Creates the organisation in the node's database. */
  public static TestOrg create(MomentumNode node, String orgId) {
    TestOrg org = new TestOrg(orgId);
    org.insert(node.services());
    return org;
  }

  private void insert(Services services) {
    Pool pool = services.pool();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String hash = services.auth().hashPassword(PASSWORD);
    pool.withTransaction(c -> c.preparedQuery("INSERT INTO organisations (id, name) VALUES ($1, $2)").execute(Tuple.of(orgId, "Test " + orgId))
        .compose(v -> c.preparedQuery("INSERT INTO users (id, org_id, email, name, password_hash) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(userId, orgId, email, "Olivia Owner", hash)))
        .compose(v -> c.preparedQuery("INSERT INTO units (id, org_id, key, name, kind, parent_id) VALUES ($1, $2, 'company', 'Company', 'company', NULL), ($3, $2, 'team', 'Team', 'team', $1)")
            .execute(Tuple.of(companyId, orgId, teamId)))
        .compose(v -> c.preparedQuery("INSERT INTO cycles (id, org_id, key, name, kind, parent_id, start_date, end_date) VALUES"
                + " ($1, $2, 'year', 'Year', 'annual', NULL, $3, $4), ($5, $2, 'quarter', 'Quarter', 'quarter', $1, $6, $7)")
            .execute(Tuple.from(new Object[] {yearId, orgId, today.minusDays(180), today.plusDays(180), quarterId,
                today.minusDays(45), today.plusDays(44)})))
        .compose(v -> c.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'objective', $2, 'objective'), ($1, 'nps', $3, 'kpi')")
            .execute(Tuple.of(orgId, objectiveId, kpiId)))
        .compose(v -> c.preparedQuery("INSERT INTO objectives (id, org_id, key, title, unit_id, cycle_id, owner_name) VALUES ($1, $2, 'objective', 'Delight customers', $3, $4, 'Olivia Owner')")
            .execute(Tuple.of(objectiveId, orgId, teamId, quarterId)))
        .compose(v -> c.preparedQuery("INSERT INTO kpis (id, org_id, key, title, unit_id, unit, direction, green, red) VALUES ($1, $2, 'nps', 'Net promoter score', $3, 'NPS', 'increase', 40, 20)")
            .execute(Tuple.of(kpiId, orgId, teamId)))
        .compose(v -> c.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) SELECT $1, k, id, 'key_result' FROM unnest($2::text[], $3::uuid[]) AS t(k, id)")
            .execute(Tuple.of(orgId, keyResults.keySet().toArray(String[]::new), keyResults.values().toArray(UUID[]::new))))
        .compose(v -> c.preparedQuery("INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, start_value, target_value, low_value, high_value, tolerance, unit, kpi_id, milestones) VALUES"
                + " ($1, $8, 'revenue', $9, 'Grow revenue', 'increase', 20, 50, NULL, NULL, NULL, 'kEUR', NULL, '[]'),"
                + " ($2, $8, 'defects', $9, 'Cut defect rate', 'decrease', 12, 4, NULL, NULL, NULL, '%', NULL, '[]'),"
                + " ($3, $8, 'uptime', $9, 'Keep uptime in band', 'range', NULL, NULL, 95, 99, 4, '%', NULL, '[]'),"
                + " ($4, $8, 'launch', $9, 'Launch the app', 'milestone', NULL, NULL, NULL, NULL, NULL, NULL, NULL, $11::jsonb),"
                + " ($5, $8, 'contract', $9, 'Sign the contract', 'binary', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[]'),"
                + " ($6, $8, 'nps-kr', $9, 'Raise NPS', 'kpi', 30, 50, NULL, NULL, NULL, 'NPS', $10, '[]'),"
                + " ($7, $8, 'epic', $9, 'Ship the epic', 'work_items', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[]')")
            .execute(Tuple.from(new Object[] {keyResults.get("revenue"), keyResults.get("defects"), keyResults.get("uptime"),
                keyResults.get("launch"), keyResults.get("contract"), keyResults.get("nps-kr"), keyResults.get("epic"),
                orgId, objectiveId, kpiId, new JsonArray()
                    .add(new JsonObject().put("id", "m1").put("title", "Beta").put("weight", 1).put("done", false))
                    .add(new JsonObject().put("id", "m2").put("title", "Release").put("weight", 3).put("done", false))})))
        .mapEmpty())
        .await();
    token = services.auth().createToken(orgId, "test", List.of("read", "write"), userId).await();
  }

  /** Asks the node to build this organisation's engine and waits until its live state is readable. */
  public TestOrg awaitLive(MomentumNode node) throws InterruptedException {
    Services services = node.services();
    services.publisher().definitionChanged(orgId, "unit", teamId.toString()).await();
    long deadline = System.currentTimeMillis() + 30_000;
    while (node.vertx().executeBlocking(() -> services.liveState().epoch(orgId)).await() == null) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("The engine of organisation " + orgId + " was not built within 30 s");
      }
      Thread.sleep(50);
    }
    return this;
  }

  /** Returns the unit board reference of the team. */
  public String teamBoard() {
    return "unit:" + teamId;
  }
}
