package io.momentum.server;

import static io.momentum.server.support.Goals.error;
import static io.momentum.server.support.Goals.fields;
import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REST behaviours that the OpenAPI document describes: limits, error wording, cycles and comments. */
class ApiDocumentIT {

  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Goals goals;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "apidoc-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    other = TestOrg.create(node, "apidoc-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
  }

  @Test
  void milestonesOverLimitReportOnlyLimit() {
    JsonArray milestones = new JsonArray();
    for (int i = 1; i <= 51; i++) {
      milestones.add(new JsonObject().put("title", "Step " + i));
    }

    HttpResponse<Buffer> response = api.post("/api/v1/key-results", new JsonObject().put("key", key("steps"))
        .put("objectiveId", org.objectiveId.toString()).put("title", "Ship in steps").put("measurement", "milestone")
        .put("milestones", milestones));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("milestones");
    assertThat(error(response).getString("message")).isEqualTo("milestones: has 51 items; the limit is 50");
  }

  @Test
  void driversOverLimitReportOnlyLimit() {
    JsonArray drivers = new JsonArray();
    for (int i = 0; i < 21; i++) {
      drivers.add(new JsonObject().put("driverId", UUID.randomUUID().toString()).put("variable", "d" + i));
    }

    HttpResponse<Buffer> response = api.put("/api/v1/kpis/" + org.kpiId + "/drivers",
        new JsonObject().put("drivers", drivers).put("formula", "d0 + d1"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("drivers");
    assertThat(error(response).getString("message")).contains("the limit is 20");
  }

  @Test
  void badDriverVariableReportedOnce() {
    JsonArray drivers = new JsonArray().add(new JsonObject().put("driverId", UUID.randomUUID().toString()).put("variable", "Orders"));

    HttpResponse<Buffer> response = api.put("/api/v1/kpis/" + org.kpiId + "/drivers",
        new JsonObject().put("drivers", drivers).put("formula", "orders * 2"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("drivers[0].variable");
  }

  @Test
  void targetsOverLimitAnswer400NamingLimit() {
    JsonArray targets = new JsonArray();
    LocalDate due = LocalDate.of(2027, 1, 1);
    for (int i = 0; i < 101; i++) {
      targets.add(new JsonObject().put("due", due.plusDays(i).toString()).put("value", i));
    }

    HttpResponse<Buffer> response = api.put("/api/v1/kpis/" + org.kpiId + "/targets", new JsonObject().put("targets", targets));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("targets");
    assertThat(error(response).getString("message")).isEqualTo("targets: has 101 items; the limit is 100");
  }

  @Test
  void eventWithoutTimeNamesFormat() {
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("source", "urn:service:test").put("type", "momentum.keyresult.value").put("subject", "revenue")
        .put("orgid", org.orgId).put("data", new JsonObject().put("value", 30));

    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("time");
    assertThat(error(response).getString("message")).contains("RFC 3339").contains("2026-12-01T09:00:00Z");
  }

  @Test
  void eventToInitiativeNamesKindWithArticle() {
    JsonObject initiative = goals.initiative(key("payments"));
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("source", "urn:service:test").put("type", "momentum.kpi.measurement").put("subject", initiative.getString("key"))
        .put("time", "2026-01-01T00:00:00Z").put("orgid", org.orgId).put("data", new JsonObject().put("value", 3));

    HttpResponse<Buffer> response = api.postRaw("/api/v1/events", event.encode(), "application/cloudevents+json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("message")).contains("is an initiative, not a KPI");
  }

  @Test
  void annualCycleUnderQuarterNamesKindsWithArticles() {
    HttpResponse<Buffer> response = api.post("/api/v1/cycles", new JsonObject().put("key", key("year")).put("name", "Year")
        .put("kind", "annual").put("parentId", org.quarterId.toString())
        .put("start", LocalDate.now().toString()).put("end", LocalDate.now().plusDays(30).toString()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("message"))
        .isEqualTo("parentId: an annual cycle belongs to a strategy cycle, not a quarter cycle");
  }

  @Test
  void cycleListCarriesCloserAndTimes() {
    JsonArray items = Http.json(api.get("/api/v1/cycles")).getJsonArray("items");

    assertThat(items).isNotEmpty();
    for (Object item : items) {
      JsonObject cycle = (JsonObject) item;
      assertThat(cycle.containsKey("closedBy")).as("closedBy of %s", cycle.getString("key")).isTrue();
      assertThat(cycle.getString("createdAt")).as("createdAt of %s", cycle.getString("key")).isNotNull();
      assertThat(cycle.getString("updatedAt")).as("updatedAt of %s", cycle.getString("key")).isNotNull();
    }
  }

  @Test
  void cycleByIdCarriesCloserAndTimes() {
    JsonObject cycle = Http.json(api.get("/api/v1/cycles/" + org.quarterId));

    assertThat(cycle.containsKey("closedBy")).isTrue();
    assertThat(cycle.getString("createdAt")).isNotNull();
    assertThat(cycle.getString("updatedAt")).isNotNull();
  }

  @Test
  void newCommentLocationReadsComment() {
    HttpResponse<Buffer> created = api.post("/api/v1/objectives/" + org.objectiveId + "/comments",
        new JsonObject().put("body", "Pricing page is live"));
    String location = created.getHeader("Location");

    HttpResponse<Buffer> read = api.get(location);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(location).isEqualTo("/api/v1/objectives/" + org.objectiveId + "/comments/" + Http.json(created).getString("id"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Http.json(read)).isEqualTo(Http.json(created));
  }

  @Test
  void commentOfOtherOrganisationIsNotFound() {
    HttpResponse<Buffer> created = api.post("/api/v1/objectives/" + org.objectiveId + "/comments",
        new JsonObject().put("body", "Only for us"));

    HttpResponse<Buffer> read = Http.withToken(other.token).get(created.getHeader("Location"));

    assertThat(read.statusCode()).isEqualTo(404);
  }

  @Test
  void unknownCommentIdsAreNotFound() {
    for (String id : new String[] {"999999999", "0", "abc", "-3"}) {
      HttpResponse<Buffer> response = api.get("/api/v1/objectives/" + org.objectiveId + "/comments/" + id);

      assertThat(response.statusCode()).as("comment id %s", id).isEqualTo(404);
    }
  }

  @Test
  void impactChainNamesEveryInvalidParameter() {
    HttpResponse<Buffer> response = api.get("/api/v1/impact-chains/" + org.kpiId + "?direction=sideways&depth=99&deep=1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactlyInAnyOrder("direction", "depth", "deep");
  }

  @Test
  void settingsWithTokenExplainHowToGetAdmin() {
    HttpResponse<Buffer> response = api.patch("/api/v1/settings", new JsonObject().put("version", 1).put("checkInDay", 5));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(error(response).getString("message")).contains("log in as an administrator")
        .contains("POST /api/v1/auth/login").doesNotContain("use a token with the admin scope");
  }
}
