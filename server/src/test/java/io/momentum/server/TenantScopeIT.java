package io.momentum.server;

import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another organisation can neither read nor change goals, links or people through the new routes. */
class TenantScopeIT {

  private static TestOrg org;
  private static Http api;
  private static Http intruder;
  private static JsonObject initiative;
  private static JsonObject impactLink;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    org = TestOrg.create(node, "scope-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    TestOrg other = TestOrg.create(node, "scope-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    intruder = Http.withToken(other.token);
    Goals goals = new Goals(api, org);
    initiative = goals.initiative(key("private"));
    api.post("/api/v1/contributions", new JsonObject().put("fromId", initiative.getString("id")).put("toId", org.objectiveId.toString()));
    impactLink = Http.json(api.post("/api/v1/impact-links", new JsonObject().put("fromId", initiative.getString("id"))
        .put("fromStage", "output").put("toId", org.kpiId.toString()).put("toStage", "outcome")));
  }

  /** A request of the other organisation and the path whose version must stay as it is. */
  private record Attempt(String name, Function<Http, HttpResponse<Buffer>> send, String readBack) {
  }

  @Test
  void otherOrganisationCannotChangeAnything() {
    String objective = "/api/v1/objectives/" + org.objectiveId;
    String keyResult = "/api/v1/key-results/" + org.keyResults.get("revenue");
    String kpi = "/api/v1/kpis/" + org.kpiId;
    String unit = "/api/v1/units/" + org.teamId;
    String init = "/api/v1/initiatives/" + initiative.getString("id");
    JsonObject rename = new JsonObject().put("version", 1).put("title", "Taken over");
    List<Attempt> attempts = List.of(
        new Attempt("patch objective", http -> http.patch(objective, rename), objective),
        new Attempt("archive objective", http -> http.delete(objective + "?cascade=true"), objective),
        new Attempt("patch key result", http -> http.patch(keyResult, rename), keyResult),
        new Attempt("archive key result", http -> http.delete(keyResult), keyResult),
        new Attempt("patch KPI", http -> http.patch(kpi, rename), kpi),
        new Attempt("archive KPI", http -> http.delete(kpi), kpi),
        new Attempt("patch unit", http -> http.patch(unit, new JsonObject().put("version", 1).put("name", "Ours")), unit),
        new Attempt("archive unit", http -> http.delete(unit), unit),
        new Attempt("patch initiative", http -> http.patch(init, rename), init),
        new Attempt("archive initiative", http -> http.delete(init), init),
        new Attempt("delete contribution", http -> http.delete("/api/v1/contributions/" + initiative.getString("id") + "/" + org.objectiveId), init),
        new Attempt("delete impact link", http -> http.delete("/api/v1/impact-links/" + impactLink.getString("id")), init));

    for (Attempt attempt : attempts) {
      JsonObject before = Http.json(api.get(attempt.readBack()));

      HttpResponse<Buffer> response = attempt.send().apply(intruder);

      assertThat(response.statusCode()).as(attempt.name()).isEqualTo(404);
      assertThat(Http.json(api.get(attempt.readBack()))).as(attempt.name()).isEqualTo(before);
    }
  }

  @Test
  void otherOrganisationCannotReadAnything() {
    List<String> paths = List.of("/api/v1/initiatives/" + initiative.getString("id"), "/api/v1/impact-chains/" + org.kpiId,
        "/api/v1/units/" + org.teamId, "/api/v1/kpis/" + org.kpiId);

    for (String path : paths) {
      assertThat(intruder.get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void listsOfOtherOrganisationAreEmptyOfOurs() {
    List<String> lists = List.of("/api/v1/initiatives", "/api/v1/contributions", "/api/v1/impact-links", "/api/v1/people");

    for (String path : lists) {
      String body = intruder.get(path).bodyAsString();

      assertThat(body).as(path).doesNotContain(initiative.getString("id"), org.userId.toString());
    }
  }

  @Test
  void otherOrganisationCannotLinkOurNodes() {
    HttpResponse<Buffer> contribution = intruder.post("/api/v1/contributions", new JsonObject()
        .put("fromId", initiative.getString("id")).put("toId", org.objectiveId.toString()));
    HttpResponse<Buffer> impact = intruder.post("/api/v1/impact-links", new JsonObject()
        .put("fromId", initiative.getString("id")).put("fromStage", "output")
        .put("toId", org.keyResults.get("revenue").toString()).put("toStage", "outcome"));

    assertThat(contribution.statusCode()).isEqualTo(400);
    assertThat(impact.statusCode()).isEqualTo(400);
  }

  @Test
  void otherOrganisationCannotOwnOurGoals() {
    HttpResponse<Buffer> response = api.patch("/api/v1/objectives/" + org.objectiveId,
        new JsonObject().put("version", Http.json(api.get("/api/v1/objectives/" + org.objectiveId)).getInteger("version"))
            .put("ownerId", UUID.randomUUID().toString()));

    assertThat(response.statusCode()).isEqualTo(400);
  }
}
