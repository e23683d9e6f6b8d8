package io.momentum.server.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.assist.drafts.DraftService;
import io.momentum.server.assist.llm.LanguageModelSettings;
import io.momentum.server.assist.llm.OpenAiCompatibleModel;
import io.momentum.server.auth.Caller;
import io.momentum.server.auth.TokenScope;
import io.momentum.server.decisions.DecisionTrail;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The language-model polish of drafts against a fake OpenAI-compatible server this test starts on
 * loopback: redaction before the request leaves, restoration in the response, the quality re-check,
 * the fallback to the deterministic draft on junk, errors and timeouts, and the decision trail.
 */
class DraftModelIT {

  private static final String STRATEGY = "Olivia Owner (owner@example.org) wants us to win more new customers in our"
      + " core markets and raise the win rate of qualified opportunities. Ask Olivia about the partner channel.";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[PERSON_\\d+]");

  /** The kind of response the fake server sends. */
  enum Mode { POLISH, JUNK, STATUS_500, SLOW }

  private static MomentumNode node;
  private static TestOrg org;
  private static HttpServer fake;
  private static volatile Mode mode = Mode.POLISH;
  private static final List<String> received = new CopyOnWriteArrayList<>();
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();
  private static DraftService service;
  private static Caller caller;

  @BeforeAll
  static void start() {
    node = TestNode.get();
    org = TestOrg.create(node, "draft-model-" + UUID.randomUUID().toString().substring(0, 8));
    Vertx vertx = node.vertx();
    fake = vertx.createHttpServer().requestHandler(DraftModelIT::answer).listen(0, "127.0.0.1").await();
    LanguageModelSettings settings = LanguageModelSettings.of("http://127.0.0.1:" + fake.actualPort(), "fake-model",
        "test-key", Duration.ofSeconds(2));
    service = new DraftService(vertx, node.services().pool(), node.services().clock(),
        new DecisionTrail(node.services().clock()), new OpenAiCompatibleModel(vertx, settings));
    caller = new Caller("user", org.userId.toString(), org.orgId, "Olivia Owner", org.email, List.of("read", "write"),
        TokenScope.UNRESTRICTED);
  }

  @AfterAll
  static void stop() {
    if (fake != null) {
      fake.close().await();
    }
  }

  @BeforeEach
  void reset() {
    received.clear();
    authorizations.clear();
    mode = Mode.POLISH;
  }

  private static void answer(HttpServerRequest request) {
    authorizations.add(String.valueOf(request.getHeader("Authorization")));
    request.body().onSuccess(body -> {
      received.add(body.toString());
      switch (mode) {
        case JUNK -> request.response().putHeader("Content-Type", "application/json")
            .end(completion("I am sorry, I cannot rewrite these goals."));
        case STATUS_500 -> request.response().setStatusCode(500).end("{\"error\":\"overloaded\"}");
        case SLOW -> node.vertx().setTimer(5_000, id -> request.response().end(completion("{}")));
        case POLISH -> request.response().putHeader("Content-Type", "application/json").end(completion(polish(body.toJsonObject())));
      }
    });
  }

  /** Echoes the proposals with every title prefixed, and the first name placeholder added to objective titles. */
  private static String polish(JsonObject chat) {
    String user = chat.getJsonArray("messages").getJsonObject(1).getString("content");
    JsonObject request = new JsonObject(user);
    Matcher placeholder = PLACEHOLDER.matcher(request.getString("strategy"));
    String person = placeholder.find() ? placeholder.group() : "";
    JsonArray proposals = new JsonArray();
    for (Object item : request.getJsonArray("proposals")) {
      JsonObject proposal = (JsonObject) item;
      JsonArray keyResults = new JsonArray();
      for (Object kr : proposal.getJsonArray("keyResults")) {
        JsonObject keyResult = (JsonObject) kr;
        keyResults.add(new JsonObject().put("id", keyResult.getString("id")).put("title", "Clearly " + keyResult.getString("title")));
      }
      proposals.add(new JsonObject().put("id", proposal.getString("id"))
          .put("title", proposal.getString("title") + " with " + person).put("keyResults", keyResults));
    }
    return new JsonObject().put("proposals", proposals).encode();
  }

  private static String completion(String content) {
    return new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion").put("choices", new JsonArray()
        .add(new JsonObject().put("index", 0).put("message", new JsonObject().put("role", "assistant").put("content", content))
            .put("finish_reason", "stop"))).encode();
  }

  private static JsonObject generate() {
    return service.generate(caller, new DraftService.DraftRequest(STRATEGY, org.teamId, org.quarterId, "en", null, true)).await();
  }

  private static List<String> notes(JsonObject draft) {
    List<String> codes = new ArrayList<>();
    draft.getJsonArray("notes").forEach(n -> codes.add(((JsonObject) n).getString("code") + ":" + ((JsonObject) n).getString("reason")));
    return codes;
  }

  private static List<Row> trail(String draftId, String kind) {
    List<Row> rows = new ArrayList<>();
    node.services().pool().preparedQuery("SELECT decision, evidence FROM decisions WHERE org_id = $1 AND ref = $2 AND kind = $3 ORDER BY id")
        .execute(Tuple.of(org.orgId, draftId, kind)).await().forEach(rows::add);
    return rows;
  }

  @Test
  void fakeProviderNeverSeesNamesOrAddresses() {
    generate();
    assertThat(received).hasSize(1);
    String sent = received.get(0);
    assertThat(sent).doesNotContain("Olivia").doesNotContain("Owner").doesNotContain(org.email)
        .doesNotContain("owner@example.org").doesNotContain("@");
    assertThat(sent).contains("[PERSON_").contains("[EMAIL_");
  }

  @Test
  void requestCarriesModelAndKey() {
    generate();
    assertThat(authorizations).containsExactly("Bearer test-key");
    assertThat(new JsonObject(received.get(0)).getString("model")).isEqualTo("fake-model");
  }

  @Test
  void polishedTitlesAreRestoredAndUsed() {
    JsonObject draft = generate();
    assertThat(draft.getJsonObject("model").getBoolean("used")).isTrue();
    JsonObject first = draft.getJsonArray("proposals").getJsonObject(0);
    assertThat(first.getBoolean("refined")).isTrue();
    assertThat(first.getString("title")).endsWith(" with Olivia Owner");
    assertThat(first.getJsonArray("keyResults").getJsonObject(0).getString("title")).startsWith("Clearly ");
    assertThat(first.getJsonObject("check").getBoolean("passed")).isTrue();
  }

  @Test
  void junkAnswerKeepsDeterministicDraft() {
    mode = Mode.JUNK;
    JsonObject draft = generate();
    assertThat(notes(draft)).contains("model_failed:invalid_response");
    assertThat(draft.getJsonObject("model").getBoolean("used")).isFalse();
    assertThat(draft.getJsonArray("proposals").getJsonObject(0).getString("title"))
        .isEqualTo("Win more new customers in our core markets");
  }

  @Test
  void serverErrorKeepsDeterministicDraft() {
    mode = Mode.STATUS_500;
    JsonObject draft = generate();
    assertThat(notes(draft)).contains("model_failed:status");
    assertThat(draft.getJsonArray("proposals")).isNotEmpty();
  }

  @Test
  void timeoutKeepsDeterministicDraft() {
    mode = Mode.SLOW;
    long started = System.nanoTime();
    JsonObject draft = generate();
    assertThat(notes(draft)).contains("model_failed:timeout");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_500);
    assertThat(draft.getJsonArray("proposals")).isNotEmpty();
  }

  @Test
  void requestAndResponseAreInTrail() {
    JsonObject draft = generate();
    List<Row> requests = trail(draft.getString("draftId"), "llm.request");
    List<Row> responses = trail(draft.getString("draftId"), "llm.response");
    assertThat(requests).hasSize(1);
    assertThat(responses).hasSize(1);
    assertThat(responses.get(0).getString("decision")).isEqualTo("responded");
    String requestEvidence = requests.get(0).getJsonObject("evidence").encode();
    assertThat(requestEvidence).contains("fake-model").doesNotContain("Olivia").doesNotContain("test-key");
  }

  @Test
  void failedResponseIsInTrail() {
    mode = Mode.STATUS_500;
    JsonObject draft = generate();
    List<Row> responses = trail(draft.getString("draftId"), "llm.response");
    assertThat(responses).hasSize(1);
    assertThat(responses.get(0).getString("decision")).isEqualTo("failed");
    assertThat(responses.get(0).getJsonObject("evidence").getString("reason")).isEqualTo("status");
  }
}
