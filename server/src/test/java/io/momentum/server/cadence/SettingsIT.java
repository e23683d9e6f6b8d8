package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET/PATCH /api/v1/settings}: defaults, admin-only writes, validation and optimistic concurrency. */
class SettingsIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http admin;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "settings");
    admin = Http.withToken(Cadence.adminToken(node, org));
  }

  @Test
  void newOrganisationHasDefaults() throws InterruptedException {
    TestOrg fresh = Cadence.org(node, "settings-fresh");

    JsonObject settings = Http.json(Http.withToken(fresh.token).get("/api/v1/settings"));

    assertThat(settings.getInteger("fiscalYearStartMonth")).isEqualTo(1);
    assertThat(settings.getInteger("checkInDay")).isEqualTo(1);
    assertThat(settings.getInteger("staleAfterDays")).isEqualTo(7);
    assertThat(settings.getInteger("version")).isEqualTo(1);
  }

  @Test
  void adminChangesSettingsAndVersionGrows() {
    int version = Http.json(admin.get("/api/v1/settings")).getInteger("version");

    HttpResponse<Buffer> response = admin.patch("/api/v1/settings",
        new JsonObject().put("fiscalYearStartMonth", 4).put("version", version));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getInteger("fiscalYearStartMonth")).isEqualTo(4);
    assertThat(Http.json(response).getInteger("version")).isEqualTo(version + 1);
    assertThat(response.getHeader("ETag")).isEqualTo("\"" + (version + 1) + "\"");
  }

  @Test
  void ifMatchHeaderCarriesVersion() {
    int version = Http.json(admin.get("/api/v1/settings")).getInteger("version");

    HttpResponse<Buffer> response = admin.patchIfMatch("/api/v1/settings", new JsonObject().put("staleAfterDays", 14),
        "\"" + version + "\"");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getInteger("staleAfterDays")).isEqualTo(14);
  }

  @Test
  void staleVersionIsRejectedWithCurrent() {
    int version = Http.json(admin.get("/api/v1/settings")).getInteger("version");
    admin.patch("/api/v1/settings", new JsonObject().put("checkInDay", 3).put("version", version));

    HttpResponse<Buffer> response = admin.patch("/api/v1/settings", new JsonObject().put("checkInDay", 5).put("version", version));

    assertThat(response.statusCode()).isEqualTo(409);
    JsonObject error = Http.json(response).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("stale_version");
    assertThat(error.getInteger("currentVersion")).isEqualTo(version + 1);
    assertThat(error.getJsonObject("current").getInteger("checkInDay")).isEqualTo(3);
  }

  @Test
  void memberCannotChangeSettings() {
    HttpResponse<Buffer> response = Http.withToken(org.token).patch("/api/v1/settings",
        new JsonObject().put("checkInDay", 2).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @ParameterizedTest(name = "{0} = {1} is rejected")
  @CsvSource({
      "fiscalYearStartMonth, 0",
      "fiscalYearStartMonth, 13",
      "checkInDay, 0",
      "checkInDay, 8",
      "staleAfterDays, 0",
      "staleAfterDays, 366",
      "weekStart, 1",
  })
  void invalidFieldIsRejected(String field, int value) {
    HttpResponse<Buffer> response = admin.patch("/api/v1/settings", new JsonObject().put(field, value).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly(field);
  }

  @Test
  void missingVersionIsRejected() {
    HttpResponse<Buffer> response = admin.patch("/api/v1/settings", new JsonObject().put("checkInDay", 2));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("version");
  }

  @Test
  void nullVersionIsRejected() {
    HttpResponse<Buffer> response = admin.patch("/api/v1/settings", new JsonObject().put("checkInDay", 2).putNull("version"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("version");
  }

  @Test
  void changeStaysInsideOrganisation() throws InterruptedException {
    TestOrg other = Cadence.org(node, "settings-other");
    Http otherAdmin = Http.withToken(Cadence.adminToken(node, other));
    int before = Http.json(admin.get("/api/v1/settings")).getInteger("version");

    otherAdmin.patch("/api/v1/settings", new JsonObject().put("checkInDay", 7).put("version", 1));

    JsonObject mine = Http.json(admin.get("/api/v1/settings"));
    assertThat(mine.getInteger("version")).isEqualTo(before);
    assertThat(List.of(mine.getInteger("checkInDay"))).doesNotContain(7);
  }

  @ParameterizedTest(name = "stale period {0} days, value 10 days old: stale {1}")
  @CsvSource({"7, true", "30, false"})
  void builtEngineUsesStalePeriod(int staleAfterDays, boolean stale) throws InterruptedException {
    TestOrg fresh = TestOrg.create(node, "settings-stale-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    io.vertx.sqlclient.Pool pool = node.services().pool();
    pool.preparedQuery("UPDATE organisations SET stale_after_days = $2 WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(fresh.orgId, (short) staleAfterDays)).await();
    pool.preparedQuery("UPDATE key_results SET current_value = 30, current_at = now() - interval '10 days', current_source = 'urn:test'"
            + " WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(fresh.keyResults.get("revenue"))).await();
    fresh.awaitLive(node);

    JsonObject revenue = Cadence.awaitNode(Http.withToken(fresh.token), fresh.keyResults.get("revenue").toString(), n -> true);

    assertThat(revenue.getBoolean("stale")).isEqualTo(stale);
  }

  @Test
  void changedStalePeriodAppliesLive() throws InterruptedException {
    TestOrg fresh = TestOrg.create(node, "settings-live-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    node.services().pool().preparedQuery("UPDATE key_results SET current_value = 30, current_at = now() - interval '10 days',"
            + " current_source = 'urn:test' WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(fresh.keyResults.get("revenue"))).await();
    fresh.awaitLive(node);
    Http freshAdmin = Http.withToken(Cadence.adminToken(node, fresh));
    String revenue = fresh.keyResults.get("revenue").toString();
    Cadence.awaitNode(freshAdmin, revenue, n -> Boolean.TRUE.equals(n.getBoolean("stale")));
    String epoch = node.vertx().executeBlocking(() -> node.services().liveState().epoch(fresh.orgId)).await();

    HttpResponse<Buffer> response = freshAdmin.patch("/api/v1/settings", new JsonObject().put("staleAfterDays", 30).put("version", 1));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    // Fails after 20 s unless the running engine applied the 30-day period.
    Cadence.awaitNode(freshAdmin, revenue, n -> Boolean.FALSE.equals(n.getBoolean("stale")));
    assertThat(node.vertx().executeBlocking(() -> node.services().liveState().epoch(fresh.orgId)).await())
        .as("the engine was not rebuilt").isEqualTo(epoch);
  }
}
