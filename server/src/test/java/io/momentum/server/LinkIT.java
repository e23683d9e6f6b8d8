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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contribution links, impact links and impact chains through the REST API against a real node. */
class LinkIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Goals goals;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "link-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
  }

  @Test
  void contributionShowsOnBothNodes() {
    JsonObject helper = goals.objective(key("helper"), null);
    String revenue = org.keyResults.get("revenue").toString();

    HttpResponse<Buffer> response = api.post("/api/v1/contributions", new JsonObject()
        .put("fromId", helper.getString("id")).put("toId", revenue).put("note", "Sales push"));
    JsonObject from = Http.json(api.get("/api/v1/objectives/" + helper.getString("id")));
    JsonObject to = Http.json(api.get("/api/v1/key-results/" + revenue));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(from.getJsonArray("contributesTo").getJsonObject(0).getString("key")).isEqualTo("revenue");
    assertThat(from.getJsonArray("contributesTo").getJsonObject(0).getString("note")).isEqualTo("Sales push");
    assertThat(to.getJsonArray("contributions").stream().map(c -> ((JsonObject) c).getString("key"))).contains(helper.getString("key"));
  }

  @Test
  void repeatedContributionIsConflict() {
    JsonObject helper = goals.initiative(key("twice"));
    JsonObject body = new JsonObject().put("fromId", helper.getString("id")).put("toId", org.kpiId.toString());
    api.post("/api/v1/contributions", body);

    assertThat(api.post("/api/v1/contributions", body).statusCode()).isEqualTo(409);
  }

  @Test
  void contributionValidationNamesFields() {
    String objective = org.objectiveId.toString();
    List<JsonObject> bodies = List.of(
        new JsonObject().put("fromId", objective).put("toId", objective),
        new JsonObject().put("fromId", objective),
        new JsonObject().put("fromId", objective).put("toId", UUID.randomUUID().toString()),
        new JsonObject().put("fromId", "nope").put("toId", objective));
    List<List<String>> expected = List.of(List.of("toId"), List.of("toId"), List.of("toId"), List.of("fromId"));

    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = api.post("/api/v1/contributions", bodies.get(i));

      assertThat(response.statusCode()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(fields(response)).as(bodies.get(i).encode()).containsExactlyElementsOf(expected.get(i));
    }
  }

  @Test
  void deletedContributionDisappears() {
    JsonObject helper = goals.kpi(key("gone-link"));
    api.post("/api/v1/contributions", new JsonObject().put("fromId", helper.getString("id")).put("toId", org.objectiveId.toString()));

    HttpResponse<Buffer> deleted = api.delete("/api/v1/contributions/" + helper.getString("id") + "/" + org.objectiveId);
    JsonArray items = Http.json(api.get("/api/v1/contributions?from=" + helper.getString("id"))).getJsonArray("items");

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(items).isEmpty();
    assertThat(api.delete("/api/v1/contributions/" + helper.getString("id") + "/" + org.objectiveId).statusCode()).isEqualTo(404);
  }

  @Test
  void contributionsArePaged() {
    JsonObject target = goals.objective(key("popular"), null);
    for (int i = 0; i < 5; i++) {
      JsonObject helper = goals.initiative(key("fan" + i));
      api.post("/api/v1/contributions", new JsonObject().put("fromId", helper.getString("id")).put("toId", target.getString("id")));
    }

    JsonObject first = Http.json(api.get("/api/v1/contributions?to=" + target.getString("id") + "&limit=3"));
    JsonObject second = Http.json(api.get("/api/v1/contributions?to=" + target.getString("id") + "&limit=3&after="
        + first.getString("nextCursor")));

    assertThat(first.getJsonArray("items")).hasSize(3);
    assertThat(second.getJsonArray("items")).hasSize(2);
    assertThat(second.getString("nextCursor")).isNull();
  }

  /** An impact link's stages and ends, and the field its rejection must name. */
  private record StageCase(String fromKind, String fromStage, String toKind, String toStage, String field) {
  }

  @Test
  void impactStageRulesAreEnforced() {
    List<StageCase> cases = List.of(
        new StageCase("initiative", "outcome", "kpi", "impact", "fromStage"),
        new StageCase("key_result", "input", "kpi", "outcome", "fromStage"),
        new StageCase("initiative", "input", "key_result", "output", "toStage"),
        new StageCase("initiative", "output", "initiative", "input", "toStage"),
        new StageCase("kpi", "impact", "kpi", "outcome", "toStage"),
        new StageCase("initiative", "output", "key_result", "impact", "toStage"),
        new StageCase("objective", "outcome", "initiative", "outcome", "toStage"));

    for (StageCase stageCase : cases) {
      HttpResponse<Buffer> response = api.post("/api/v1/impact-links", new JsonObject()
          .put("fromId", nodeOf(stageCase.fromKind())).put("fromStage", stageCase.fromStage())
          .put("toId", nodeOf(stageCase.toKind())).put("toStage", stageCase.toStage()));

      assertThat(response.statusCode()).as(stageCase.toString()).isEqualTo(400);
      assertThat(fields(response)).as(stageCase.toString()).containsExactly(stageCase.field());
    }
  }

  @Test
  void impactLinkAcrossStagesIsCreated() {
    JsonObject epic = goals.initiative(key("epic"));

    HttpResponse<Buffer> response = api.post("/api/v1/impact-links", new JsonObject()
        .put("fromId", epic.getString("id")).put("fromStage", "output")
        .put("toId", org.keyResults.get("revenue").toString()).put("toStage", "outcome"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(Http.json(response).getJsonObject("to").getString("key")).isEqualTo("revenue");
  }

  @Test
  void impactLoopIsRejected() {
    JsonObject a = goals.kpi(key("loop-a"));
    JsonObject b = goals.kpi(key("loop-b"));
    JsonObject c = goals.kpi(key("loop-c"));
    link(a, "outcome", b, "outcome");
    link(b, "outcome", c, "outcome");

    HttpResponse<Buffer> response = api.post("/api/v1/impact-links", new JsonObject()
        .put("fromId", c.getString("id")).put("fromStage", "outcome").put("toId", a.getString("id")).put("toStage", "outcome"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("code")).isEqualTo("alignment_loop");
    assertThat(error(response).getJsonArray("loop"))
        .containsExactly(c.getString("key"), a.getString("key"), b.getString("key"), c.getString("key"));
  }

  @Test
  void chainIsWalkedBothWays() {
    JsonObject input = goals.initiative(key("chain-in"));
    JsonObject output = goals.initiative(key("chain-out"));
    JsonObject outcome = goals.kpi(key("chain-outcome"));
    JsonObject impact = goals.kpi(key("chain-impact"));
    link(input, "input", output, "output");
    link(output, "output", outcome, "outcome");
    link(outcome, "outcome", impact, "impact");

    JsonObject up = Http.json(api.get("/api/v1/impact-chains/" + output.getString("id") + "?direction=up&depth=10"));
    JsonObject down = Http.json(api.get("/api/v1/impact-chains/" + outcome.getString("id") + "?direction=down&depth=1"));
    JsonObject both = Http.json(api.get("/api/v1/impact-chains/" + output.getString("id") + "?direction=both"));

    assertThat(keys(up)).containsExactly(output.getString("key"), outcome.getString("key"), impact.getString("key"));
    assertThat(keys(down)).containsExactly(outcome.getString("key"), output.getString("key"));
    assertThat(keys(both)).containsExactlyInAnyOrder(input.getString("key"), output.getString("key"),
        outcome.getString("key"), impact.getString("key"));
    assertThat(both.getJsonArray("edges")).hasSize(3);
  }

  @Test
  void chainNodesCarryStageAndDistance() {
    JsonObject work = goals.initiative(key("staged"));
    link(work, "output", org.kpiId.toString(), "outcome");

    JsonObject chain = Http.json(api.get("/api/v1/impact-chains/" + work.getString("id") + "?direction=up"));
    JsonObject kpi = chain.getJsonArray("nodes").stream().map(n -> (JsonObject) n)
        .filter(n -> "nps".equals(n.getString("key"))).findFirst().orElseThrow();

    assertThat(kpi.getString("stage")).isEqualTo("outcome");
    assertThat(kpi.getInteger("distance")).isEqualTo(1);
    assertThat(kpi.getString("status")).isEqualTo("pending");
  }

  @Test
  void chainDepthOutOfRangeIsRejected() {
    HttpResponse<Buffer> response = api.get("/api/v1/impact-chains/" + org.kpiId + "?depth=11");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("depth");
  }

  @Test
  void deletedImpactLinkLeavesChain() {
    JsonObject work = goals.initiative(key("unlinked"));
    JsonObject link = link(work, "output", org.kpiId.toString(), "outcome");

    HttpResponse<Buffer> deleted = api.delete("/api/v1/impact-links/" + link.getString("id"));
    JsonObject chain = Http.json(api.get("/api/v1/impact-chains/" + work.getString("id")));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(keys(chain)).containsExactly(work.getString("key"));
  }

  private String nodeOf(String kind) {
    return switch (kind) {
      case "initiative" -> goals.initiative(key("stage-init")).getString("id");
      case "kpi" -> goals.kpi(key("stage-kpi")).getString("id");
      case "key_result" -> org.keyResults.get("revenue").toString();
      case "objective" -> org.objectiveId.toString();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static JsonObject link(JsonObject from, String fromStage, JsonObject to, String toStage) {
    return link(from, fromStage, to.getString("id"), toStage);
  }

  private static JsonObject link(JsonObject from, String fromStage, String toId, String toStage) {
    HttpResponse<Buffer> response = api.post("/api/v1/impact-links", new JsonObject()
        .put("fromId", from.getString("id")).put("fromStage", fromStage).put("toId", toId).put("toStage", toStage));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static List<String> keys(JsonObject chain) {
    return chain.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("key")).toList();
  }
}
