package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cadence route treats another organisation's ids as if they did not exist, and changes nothing of it. */
class ScopingIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http intruder;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "scoped");
    TestOrg other = Cadence.org(node, "intruder");
    HttpResponse<Buffer> own = Http.withToken(org.token).post("/api/v1/objectives", new JsonObject().put("key", "only-" + org.orgId)
        .put("title", "Only ours").put("unitId", org.teamId.toString()).put("cycleId", org.quarterId.toString()));
    assertThat(own.statusCode()).isEqualTo(201);
    intruder = Http.withToken(Cadence.adminToken(node, other));
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        route("PATCH cycle", http -> http.patch("/api/v1/cycles/" + org.quarterId, new JsonObject().put("name", "Mine").put("version", 1)), 404),
        route("GET close preview", http -> http.get("/api/v1/cycles/" + org.quarterId + "/close-preview"), 404),
        route("POST close", http -> http.post("/api/v1/cycles/" + org.quarterId + "/close", new JsonObject()), 404),
        route("POST reopen", http -> http.post("/api/v1/cycles/" + org.quarterId + "/reopen", null), 404),
        route("POST fiscal year", http -> http.post("/api/v1/cycles/fiscal-year",
            new JsonObject().put("strategyCycleId", org.yearId.toString()).put("year", 2026)), 400),
        route("GET export", http -> http.get("/api/v1/cycles/" + org.quarterId + "/export"), 404),
        route("GET check-ins", http -> http.get("/api/v1/key-results/" + org.keyResults.get("revenue") + "/check-ins"), 404),
        route("GET history", http -> http.get("/api/v1/key-results/" + org.keyResults.get("revenue") + "/history"), 404),
        route("GET comments", http -> http.get("/api/v1/objectives/" + org.objectiveId + "/comments"), 404),
        route("POST comment", http -> http.post("/api/v1/objectives/" + org.objectiveId + "/comments",
            new JsonObject().put("body", "Hello from outside")), 404),
        route("GET as-of", http -> http.get("/api/v1/nodes/" + org.objectiveId + "/as-of?at=" + Instant.now()), 404));
  }

  private static Arguments route(String name, Function<Http, HttpResponse<Buffer>> call, int status) {
    return Arguments.of(name, call, status);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void otherOrganisationsIdIsNotFound(String name, Function<Http, HttpResponse<Buffer>> call, int status) {
    HttpResponse<Buffer> response = call.apply(intruder);

    assertThat(response.statusCode()).isEqualTo(status);
  }

  @Test
  void cycleIsUnchangedAfterIntrusions() {
    routes().forEach(arguments -> {
      @SuppressWarnings("unchecked")
      Function<Http, HttpResponse<Buffer>> call = (Function<Http, HttpResponse<Buffer>>) arguments.get()[1];
      call.apply(intruder);
    });

    JsonObject quarter = Http.json(Http.withToken(org.token).get("/api/v1/cycles/" + org.quarterId));
    JsonArray comments = Http.json(Http.withToken(org.token).get("/api/v1/objectives/" + org.objectiveId + "/comments"))
        .getJsonArray("items");
    assertThat(quarter.getString("name")).isEqualTo("Quarter");
    assertThat(quarter.getBoolean("closed")).isFalse();
    assertThat(quarter.getInteger("version")).isEqualTo(1);
    assertThat(comments).isEmpty();
  }

  @Test
  void dueListHoldsOnlyOwnKeyResults() {
    JsonObject due = Http.json(intruder.get("/api/v1/check-ins/due?unit=" + org.teamId));
    JsonObject all = Http.json(intruder.get("/api/v1/check-ins/due"));

    assertThat(due.getJsonArray("items")).isEmpty();
    assertThat(all.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("keyResultId")))
        .doesNotContainAnyElementsOf(org.keyResults.values().stream().map(Object::toString).toList());
  }

  @Test
  void importCannotReferToOtherOrganisation() {
    JsonObject file = new JsonObject().put("format", "momentum-okrs").put("formatVersion", 1)
        .put("cycle", new JsonObject().put("key", "quarter"))
        .put("objectives", new JsonArray().add(new JsonObject().put("key", "sneaky").put("title", "Sneak").put("unitKey", "team")
            .put("parentKey", "only-" + org.orgId)));

    HttpResponse<Buffer> response = intruder.post("/api/v1/import", file);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("objectives[0].parentKey");
  }
}
