package io.momentum.server.integrations;

import static io.momentum.server.support.Goals.key;
import static io.momentum.server.support.LiveClient.nodeByKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.LiveClient;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays Jira Cloud webhook deliveries against a real node and reads the mapped initiatives
 * through the REST API. The payloads follow the shape of Jira Cloud's issue webhooks, with
 * invented values. Each test has its own connection and initiatives, so no two tests share
 * work items.
 */
class JiraWebhookIT {

  private static final String SECRET = "It5-a-jira-webhook-secret-for-tests";
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
      .withZone(ZoneOffset.UTC);
  private static final AtomicLong ISSUE_IDS = new AtomicLong(10_000);
  private static final Duration BOARD_WAIT = Duration.ofSeconds(15);

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Goals goals;
  private static InitiativeWork rollups;
  private static WebClient jira;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "jira-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
    rollups = new InitiativeWork(api);
    jira = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(TestNode.httpPort()));
  }

  /** One connection with two initiatives, mapped by the keys of two epics. */
  private record Site(String connectionId, String initiativeA, String epicA, String initiativeB, String epicB) {
  }

  private static Site site() {
    String epicA = "SHOP-" + ISSUE_IDS.incrementAndGet();
    String epicB = "SHOP-" + ISSUE_IDS.incrementAndGet();
    String initiativeA = goals.initiative(key("epic-a")).getString("id");
    String initiativeB = goals.initiative(key("epic-b")).getString("id");
    String connectionId = connection(api, "Jira " + UUID.randomUUID());
    rule(api, connectionId, "issue_key", epicA, initiativeA);
    rule(api, connectionId, "issue_key", epicB, initiativeB);
    return new Site(connectionId, initiativeA, epicA, initiativeB, epicB);
  }

  private static String connection(Http client, String name) {
    HttpResponse<Buffer> response = client.post("/api/v1/integrations/connections", new JsonObject().put("kind", "jira")
        .put("name", name).put("secret", SECRET));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response).getString("id");
  }

  private static void rule(Http client, String connectionId, String kind, String value, String initiativeId) {
    HttpResponse<Buffer> response = client.post("/api/v1/integrations/connections/" + connectionId + "/rules",
        new JsonObject().put("matchKind", kind).put("matchValue", value).put("initiativeId", initiativeId));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** A Jira issue as a webhook body carries it, built step by step. */
  private static final class Issue {
    final String id = String.valueOf(ISSUE_IDS.incrementAndGet());
    String key = "SHOP-" + id;
    String summary = "Let customers pay by invoice";
    String type = "Story";
    int level = 0;
    String category = "new";
    Object points = 5;
    JsonObject parent;
    Instant updated = Instant.parse("2026-11-20T09:00:00Z");

    Issue under(String parentId, String parentKey, String parentType, int parentLevel) {
      parent = new JsonObject().put("id", parentId).put("key", parentKey).put("fields", new JsonObject()
          .put("summary", "Parent " + parentKey)
          .put("issuetype", new JsonObject().put("name", parentType).put("hierarchyLevel", parentLevel)));
      return this;
    }

    Issue underEpic(String epicKey) {
      return under(String.valueOf(9_000 + Math.abs(epicKey.hashCode() % 999)), epicKey, "Epic", 1);
    }

    Issue at(String instant) {
      updated = Instant.parse(instant);
      return this;
    }

    Issue status(String statusCategory) {
      category = statusCategory;
      return this;
    }

    JsonObject body(String event) {
      JsonObject fields = new JsonObject()
          .put("summary", summary)
          .put("project", new JsonObject().put("id", "10000").put("key", key.substring(0, key.indexOf('-'))))
          .put("issuetype", new JsonObject().put("name", type).put("subtask", level < 0).put("hierarchyLevel", level))
          .put("status", new JsonObject().put("name", "In Bearbeitung").put("statusCategory",
              new JsonObject().put("id", 4).put("key", category).put("name", "In Arbeit")))
          .put("labels", new JsonArray())
          .put("customfield_10016", points)
          .put("updated", JIRA_TIME.format(updated))
          .put("created", "2026-11-01T08:00:00.000+0000");
      if (parent != null) {
        fields.put("parent", parent);
      }
      return new JsonObject()
          .put("timestamp", updated.toEpochMilli())
          .put("webhookEvent", event)
          .put("issue_event_type_name", "issue_generic")
          .put("user", new JsonObject().put("accountId", "5b10ac8d82e05b22cc7d4ef5").put("displayName", "Dana Developer"))
          .put("issue", new JsonObject().put("id", id).put("self", "https://example.atlassian.net/rest/api/2/issue/" + id)
              .put("key", key).put("fields", fields));
    }
  }

  private static HttpResponse<Buffer> deliver(String connectionId, JsonObject body) {
    return deliver(connectionId, body.encode(), UUID.randomUUID().toString());
  }

  private static HttpResponse<Buffer> deliver(String connectionId, String body, String deliveryId) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(connectionId, bytes, deliveryId, JiraSignature.sign(SECRET, bytes));
  }

  private static HttpResponse<Buffer> send(String connectionId, byte[] body, String deliveryId, String signature) {
    HttpRequest<Buffer> request = jira.post("/api/v1/integrations/jira/" + connectionId)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("X-Atlassian-Webhook-Flow", "Primary");
    if (deliveryId != null) {
      request.putHeader("X-Atlassian-Webhook-Identifier", deliveryId);
    }
    if (signature != null) {
      request.putHeader("X-Hub-Signature", signature);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  private static void delivered(String connectionId, JsonObject body) {
    HttpResponse<Buffer> response = deliver(connectionId, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getString("status")).isEqualTo("published");
  }

  private static JsonObject awaitInitiative(String id, Predicate<JsonObject> done) throws InterruptedException {
    return rollups.await(id, done);
  }

  private static JsonObject awaitItems(String id, int count) throws InterruptedException {
    return rollups.awaitItems(id, count);
  }

  private static JsonArray workItems(String initiativeId) {
    return rollups.items(initiativeId);
  }

  /** Polls the initiative's work item list for up to 15 seconds until it satisfies {@code done}. */
  private static JsonArray awaitItemList(String initiativeId, Predicate<JsonArray> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonArray items = workItems(initiativeId);
    while (!done.test(items) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      items = workItems(initiativeId);
    }
    return items;
  }

  /**
   * Sends one more issue to the initiative and waits until it shows. Events of one organisation
   * are applied in order, so anything published before this marker has been applied by then.
   */
  private static JsonObject barrier(Site site, String initiativeId, String epicKey, int itemsAfter) throws InterruptedException {
    delivered(site.connectionId(), new Issue().underEpic(epicKey).status("new").body("jira:issue_created"));
    return awaitItems(initiativeId, itemsAfter);
  }

  @Test
  void createdIssueJoinsInitiative() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());

    delivered(site.connectionId(), issue.body("jira:issue_created"));

    JsonObject read = awaitItems(site.initiativeA(), 1);
    JsonArray items = workItems(site.initiativeA());
    assertThat(read.getDouble("progress")).isEqualTo(0.0);
    assertThat(read.getJsonObject("workItems").getString("basis")).isEqualTo("points");
    assertThat(items.getJsonObject(0).getString("externalId")).isEqualTo(issue.id);
    assertThat(items.getJsonObject(0).getString("system")).isEqualTo("jira:" + site.connectionId());
    assertThat(items.getJsonObject(0).getString("statusCategory")).isEqualTo("todo");
    assertThat(items.getJsonObject(0).getDouble("storyPoints")).isEqualTo(5.0);
  }

  @Test
  void updatedIssueMovesProgressByStatusCategory() throws InterruptedException {
    Site site = site();
    Issue done = new Issue().underEpic(site.epicA());
    Issue open = new Issue().underEpic(site.epicA());
    open.points = 15;
    delivered(site.connectionId(), done.body("jira:issue_created"));
    delivered(site.connectionId(), open.body("jira:issue_created"));

    delivered(site.connectionId(), done.status("done").at("2026-11-21T10:00:00Z").body("jira:issue_updated"));
    delivered(site.connectionId(), open.status("indeterminate").at("2026-11-21T10:00:00Z").body("jira:issue_updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    // The done story alone moves the rollup, so the other story's update may still be on its way.
    JsonArray items = awaitItemList(site.initiativeA(), list -> list.stream()
        .anyMatch(i -> "in_progress".equals(((JsonObject) i).getString("statusCategory"))));
    assertThat(read.getDouble("progress")).isEqualTo(0.25);
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("statusCategory")))
        .containsExactlyInAnyOrder("done", "in_progress");
  }

  @Test
  void deletedIssueLeavesRollup() throws InterruptedException {
    Site site = site();
    Issue kept = new Issue().underEpic(site.epicA()).status("done");
    Issue removed = new Issue().underEpic(site.epicA());
    delivered(site.connectionId(), kept.body("jira:issue_created"));
    delivered(site.connectionId(), removed.body("jira:issue_created"));
    awaitItems(site.initiativeA(), 2);

    delivered(site.connectionId(), removed.at("2026-11-22T10:00:00Z").body("jira:issue_deleted"));

    JsonObject read = awaitItems(site.initiativeA(), 1);
    assertThat(read.getDouble("progress")).isEqualTo(1.0);
    assertThat(workItems(site.initiativeA()).stream().map(i -> ((JsonObject) i).getString("externalId")))
        .containsExactly(kept.id);
  }

  @Test
  void retriedDeliveryChangesNothing() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());
    String deliveryId = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = deliver(site.connectionId(), issue.body("jira:issue_created").encode(), deliveryId);
    awaitItems(site.initiativeA(), 1);

    // A retry carries the same identifier; a different body proves that the retry is not read.
    HttpResponse<Buffer> retry = deliver(site.connectionId(), issue.status("done").at("2026-11-23T10:00:00Z")
        .body("jira:issue_updated").encode(), deliveryId);

    JsonObject read = barrier(site, site.initiativeA(), site.epicA(), 2);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(Http.json(retry).getString("status")).isEqualTo("duplicate");
    assertThat(read.getJsonObject("workItems").getInteger("done")).isEqualTo(0);
  }

  @Test
  void lateDeliveryKeepsNewerState() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());
    String older = issue.status("indeterminate").at("2026-11-24T09:00:00Z").body("jira:issue_updated").encode();
    delivered(site.connectionId(), issue.status("done").at("2026-11-24T10:00:00Z").body("jira:issue_updated"));
    awaitInitiative(site.initiativeA(), work -> work.getInteger("items") == 1 && work.getDouble("done", 0.0) > 0);

    HttpResponse<Buffer> late = deliver(site.connectionId(), older, UUID.randomUUID().toString());

    barrier(site, site.initiativeA(), site.epicA(), 2);
    assertThat(Http.json(late).getString("status")).isEqualTo("stale");
    assertThat(workItems(site.initiativeA()).stream().map(JsonObject.class::cast)
        .filter(i -> issue.id.equals(i.getString("externalId"))).map(i -> i.getString("statusCategory")))
        .containsExactly("done");
  }

  @Test
  void movedIssueKeepsItsWorkItem() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());
    delivered(site.connectionId(), issue.body("jira:issue_created"));
    awaitItems(site.initiativeA(), 1);

    issue.key = "OPS-" + ISSUE_IDS.incrementAndGet();
    delivered(site.connectionId(), issue.status("done").at("2026-11-25T10:00:00Z").body("jira:issue_updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    assertThat(read.getJsonObject("workItems").getInteger("items")).isEqualTo(1);
    assertThat(workItems(site.initiativeA()).getJsonObject(0).getString("externalId")).isEqualTo(issue.id);
  }

  @Test
  void clearedEstimateMeansNoEstimate() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());
    delivered(site.connectionId(), issue.body("jira:issue_created"));
    awaitInitiative(site.initiativeA(), work -> "points".equals(work.getString("basis")));

    issue.points = null;
    delivered(site.connectionId(), issue.at("2026-11-26T10:00:00Z").body("jira:issue_updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> "count".equals(work.getString("basis")));
    JsonObject item = workItems(site.initiativeA()).getJsonObject(0);
    assertThat(read.getJsonObject("workItems").getInteger("items")).isEqualTo(1);
    assertThat(item.containsKey("storyPoints")).isTrue();
    assertThat(item.getValue("storyPoints")).isNull();
  }

  @Test
  void subTaskFollowsItsStory() throws InterruptedException {
    Site site = site();
    Issue story = new Issue().underEpic(site.epicA());
    Issue subTask = new Issue().under(story.id, story.key, "Story", 0);
    subTask.type = "Sub-task";
    subTask.level = -1;
    subTask.points = 2;
    delivered(site.connectionId(), story.body("jira:issue_created"));

    delivered(site.connectionId(), subTask.status("done").body("jira:issue_created"));

    JsonObject read = awaitItems(site.initiativeA(), 2);
    JsonObject item = workItems(site.initiativeA()).stream().map(JsonObject.class::cast)
        .filter(i -> subTask.id.equals(i.getString("externalId"))).findFirst().orElseThrow();
    assertThat(read.getDouble("progress")).isEqualTo(0.2857);
    assertThat(item.getString("parentExternalId")).isEqualTo(story.id);
    assertThat(item.getString("type")).isEqualTo("Sub-task");
  }

  private static Issue subTaskOf(Issue story) {
    Issue subTask = new Issue().under(story.id, story.key, "Story", 0);
    subTask.type = "Sub-task";
    subTask.level = -1;
    subTask.points = 2;
    return subTask;
  }

  @Test
  void subTaskBeforeStoryFollowsLater() throws InterruptedException {
    Site site = site();
    Issue story = new Issue().underEpic(site.epicA());
    Issue subTask = subTaskOf(story).status("done");
    HttpResponse<Buffer> early = deliver(site.connectionId(), subTask.body("jira:issue_created"));

    HttpResponse<Buffer> parent = deliver(site.connectionId(), story.at("2026-11-19T09:00:00Z").body("jira:issue_created"));

    JsonObject read = awaitItems(site.initiativeA(), 2);
    JsonObject item = workItems(site.initiativeA()).stream().map(JsonObject.class::cast)
        .filter(i -> subTask.id.equals(i.getString("externalId"))).findFirst().orElseThrow();
    assertThat(Http.json(early).getString("status")).isEqualTo("unmapped");
    assertThat(Http.json(parent).getInteger("descendantsMoved")).isEqualTo(1);
    assertThat(read.getDouble("progress")).isEqualTo(0.2857);
    assertThat(item.getString("statusCategory")).isEqualTo("done");
    assertThat(item.getDouble("storyPoints")).isEqualTo(2.0);
    assertThat(item.getString("parentExternalId")).isEqualTo(story.id);
  }

  @Test
  void reparentedStoryTakesItsSubTasks() throws InterruptedException {
    Site site = site();
    Issue story = new Issue().underEpic(site.epicA());
    Issue first = subTaskOf(story);
    Issue second = subTaskOf(story).status("done");
    delivered(site.connectionId(), story.body("jira:issue_created"));
    delivered(site.connectionId(), first.body("jira:issue_created"));
    delivered(site.connectionId(), second.body("jira:issue_created"));
    awaitItems(site.initiativeA(), 3);

    delivered(site.connectionId(), story.underEpic(site.epicB()).at("2026-11-27T10:00:00Z").body("jira:issue_updated"));

    JsonObject moved = awaitItems(site.initiativeB(), 3);
    awaitItems(site.initiativeA(), 0);
    assertThat(workItems(site.initiativeA())).isEmpty();
    assertThat(workItems(site.initiativeB()).stream().map(i -> ((JsonObject) i).getString("externalId")))
        .containsExactlyInAnyOrder(story.id, first.id, second.id);
    assertThat(moved.getJsonObject("workItems").getDouble("done")).isEqualTo(2.0);
  }

  @Test
  void ruleMappedSubTaskStaysBehind() throws InterruptedException {
    Site site = site();
    Issue story = new Issue().underEpic(site.epicA());
    Issue subTask = subTaskOf(story);
    subTask.parent.getJsonObject("fields").put("parent", new JsonObject().put("id", "9999").put("key", site.epicA()));
    delivered(site.connectionId(), story.body("jira:issue_created"));
    delivered(site.connectionId(), subTask.body("jira:issue_created"));
    awaitItems(site.initiativeA(), 2);

    delivered(site.connectionId(), story.underEpic(site.epicB()).at("2026-11-27T10:00:00Z").body("jira:issue_updated"));

    awaitItems(site.initiativeB(), 1);
    JsonObject initiativeA = barrier(site, site.initiativeA(), site.epicA(), 2);
    assertThat(initiativeA.getJsonObject("workItems").getInteger("items")).isEqualTo(2);
    assertThat(workItems(site.initiativeA()).stream().map(i -> ((JsonObject) i).getString("externalId")))
        .contains(subTask.id)
        .doesNotContain(story.id);
  }

  @Test
  void editedRuleMapsNextDelivery() throws InterruptedException {
    Site site = site();
    delivered(site.connectionId(), new Issue().underEpic(site.epicA()).body("jira:issue_created"));
    awaitItems(site.initiativeA(), 1);
    String rules = "/api/v1/integrations/connections/" + site.connectionId() + "/rules";
    JsonObject ruleA = Http.json(api.get(rules)).getJsonArray("items").getJsonObject(0);

    HttpResponse<Buffer> edited = api.patch(rules + "/" + ruleA.getString("id"), new JsonObject()
        .put("version", ruleA.getInteger("version")).put("initiativeId", site.initiativeB()));
    Issue next = new Issue().underEpic(site.epicA());
    HttpResponse<Buffer> response = deliver(site.connectionId(), next.body("jira:issue_created"));

    assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getString("initiativeId")).isEqualTo(site.initiativeB());
    assertThat(awaitItems(site.initiativeB(), 1).getJsonObject("workItems").getInteger("items")).isEqualTo(1);
  }

  @Test
  void archivedInitiativeRuleIsSkipped() throws InterruptedException {
    Site site = site();
    rule(api, site.connectionId(), "project", "SHOP", site.initiativeB());
    delivered(site.connectionId(), new Issue().underEpic(site.epicA()).body("jira:issue_created"));
    awaitItems(site.initiativeA(), 1);

    HttpResponse<Buffer> archived = api.delete("/api/v1/initiatives/" + site.initiativeA());
    HttpResponse<Buffer> response = deliver(site.connectionId(), new Issue().underEpic(site.epicA())
        .body("jira:issue_created"));

    assertThat(archived.statusCode()).as(archived.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getString("initiativeId")).isEqualTo(site.initiativeB());
  }

  @Test
  void reparentedStoryMovesInitiative() throws InterruptedException {
    Site site = site();
    Issue story = new Issue().underEpic(site.epicA());
    delivered(site.connectionId(), story.body("jira:issue_created"));
    awaitItems(site.initiativeA(), 1);

    delivered(site.connectionId(), story.underEpic(site.epicB()).at("2026-11-27T10:00:00Z").body("jira:issue_updated"));

    awaitItems(site.initiativeB(), 1);
    JsonObject oldInitiative = awaitItems(site.initiativeA(), 0);
    assertThat(oldInitiative.getDouble("progress")).isEqualTo(0.0);
    assertThat(workItems(site.initiativeA())).isEmpty();
    assertThat(workItems(site.initiativeB()).getJsonObject(0).getString("externalId")).isEqualTo(story.id);
  }

  @Test
  void badSignatureIsRejected() {
    Site site = site();
    byte[] body = new Issue().underEpic(site.epicA()).body("jira:issue_created").encode().getBytes(StandardCharsets.UTF_8);

    HttpResponse<Buffer> response = send(site.connectionId(), body, UUID.randomUUID().toString(),
        JiraSignature.sign("another-secret-of-20-chars", body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("signature_invalid");
  }

  @Test
  void rotatedSecretAppliesToNextDelivery() {
    Site site = site();
    byte[] body = new Issue().underEpic(site.epicA()).body("jira:issue_created").encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> before = send(site.connectionId(), body, UUID.randomUUID().toString(), JiraSignature.sign(SECRET, body));
    JsonObject connection = Http.json(api.get("/api/v1/integrations/connections/" + site.connectionId()));
    String rotated = "a-rotated-jira-webhook-secret";

    HttpResponse<Buffer> patched = api.patch("/api/v1/integrations/connections/" + site.connectionId(), new JsonObject()
        .put("version", connection.getInteger("version")).put("secret", rotated));
    HttpResponse<Buffer> oldSecret = send(site.connectionId(), body, UUID.randomUUID().toString(),
        JiraSignature.sign(SECRET, body));
    HttpResponse<Buffer> newSecret = send(site.connectionId(), body, UUID.randomUUID().toString(),
        JiraSignature.sign(rotated, body));

    assertThat(before.statusCode()).as(before.bodyAsString()).isEqualTo(200);
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(oldSecret.statusCode()).as(oldSecret.bodyAsString()).isEqualTo(401);
    assertThat(newSecret.statusCode()).as(newSecret.bodyAsString()).isEqualTo(200);
  }

  @Test
  void secretChangedElsewhereReachesCache() throws InterruptedException {
    Site site = site();
    byte[] body = new Issue().underEpic(site.epicA()).body("jira:issue_created").encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> cached = send(site.connectionId(), body, UUID.randomUUID().toString(), JiraSignature.sign(SECRET, body));
    String changed = "a-jira-secret-changed-by-another-node";

    // Another node's change reaches this node only through the database's notification.
    node.services().pool().preparedQuery("UPDATE integration_connections SET secret = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(site.connectionId()), changed)).await();
    long deadline = System.nanoTime() + ConnectionCache.TTL_NANOS;
    int status = 0;
    while (System.nanoTime() < deadline) {
      status = send(site.connectionId(), body, UUID.randomUUID().toString(), JiraSignature.sign(changed, body)).statusCode();
      if (status == 200) {
        break;
      }
      Thread.sleep(20);
    }
    long waitedMillis = (System.nanoTime() - deadline + ConnectionCache.TTL_NANOS) / 1_000_000;

    assertThat(cached.statusCode()).as(cached.bodyAsString()).isEqualTo(200);
    assertThat(status).isEqualTo(200);
    assertThat(waitedMillis).as("time until the changed secret was used").isLessThan(1_000);
  }

  @Test
  void missingSignatureIsRejected() {
    Site site = site();
    byte[] body = new Issue().underEpic(site.epicA()).body("jira:issue_created").encode().getBytes(StandardCharsets.UTF_8);

    HttpResponse<Buffer> response = send(site.connectionId(), body, UUID.randomUUID().toString(), null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("signature_missing");
  }

  @Test
  void unknownConnectionIsNotFound() {
    HttpResponse<Buffer> response = deliver(UUID.randomUUID().toString(), new Issue().body("jira:issue_created"));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void nonAsciiSummaryIsVerifiedOnRawBytes() throws InterruptedException {
    Site site = site();
    Issue issue = new Issue().underEpic(site.epicA());
    issue.summary = "Überweisung prüfen: 支払いを確認 ✓";

    delivered(site.connectionId(), issue.body("jira:issue_created"));

    assertThat(awaitItems(site.initiativeA(), 1).getJsonObject("workItems").getInteger("items")).isEqualTo(1);
  }

  @Test
  void otherEventTypeIsIgnored() {
    Site site = site();
    JsonObject comment = new JsonObject().put("timestamp", 1_764_000_000_000L).put("webhookEvent", "comment_created")
        .put("comment", new JsonObject().put("id", "20001").put("body", "Looks good"));

    HttpResponse<Buffer> response = deliver(site.connectionId(), comment);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Http.json(response).getString("status")).isEqualTo("ignored");
  }

  @Test
  void malformedJsonIsBadRequest() {
    Site site = site();

    HttpResponse<Buffer> response = deliver(site.connectionId(), "{\"webhookEvent\": \"jira:issue_created\", ", "d-1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("malformed_json");
  }

  @Test
  void oversizedBodyIsRejected() {
    Site site = site();
    JsonObject body = new Issue().underEpic(site.epicA()).body("jira:issue_created");
    int limit = (int) node.services().config().maxBodyBytes();
    body.getJsonObject("issue").getJsonObject("fields").put("description", "x".repeat(limit + 1));

    HttpResponse<Buffer> response = deliver(site.connectionId(), body);

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void unmappedIssueChangesNoInitiative() throws InterruptedException {
    Site site = site();
    JsonObject body = new Issue().underEpic("NONE-1").body("jira:issue_created");

    HttpResponse<Buffer> response = deliver(site.connectionId(), body);

    barrier(site, site.initiativeA(), site.epicA(), 1);
    assertThat(Http.json(response).getString("status")).isEqualTo("unmapped");
  }

  @Test
  void connectionOfOtherOrganisationCannotReachInitiative() throws InterruptedException {
    Site site = site();
    TestOrg other = TestOrg.create(node, "jira-other-" + UUID.randomUUID().toString().substring(0, 8));
    Http otherApi = Http.withToken(other.token);
    String otherConnection = connection(otherApi, "Other site");
    HttpResponse<Buffer> foreignRule = otherApi.post("/api/v1/integrations/connections/" + otherConnection + "/rules",
        new JsonObject().put("matchKind", "issue_key").put("matchValue", site.epicA()).put("initiativeId", site.initiativeA()));
    HttpResponse<Buffer> delivery = deliver(otherConnection, new Issue().underEpic(site.epicA()).status("done")
        .body("jira:issue_created"));

    JsonObject read = barrier(site, site.initiativeA(), site.epicA(), 1);
    assertThat(foreignRule.statusCode()).isEqualTo(400);
    assertThat(Http.json(delivery).getString("status")).isEqualTo("unmapped");
    assertThat(read.getJsonObject("workItems").getInteger("done")).isEqualTo(0);
    assertThat(otherApi.get("/api/v1/integrations/connections/" + site.connectionId()).statusCode()).isEqualTo(404);
  }

  /** Creates a key result measured by work items that follows the work of the given initiatives. */
  private static JsonObject followingKeyResult(String key, String objectiveId, String... initiativeIds) {
    HttpResponse<Buffer> response = api.post("/api/v1/key-results", new JsonObject().put("key", key)
        .put("objectiveId", objectiveId).put("title", "Key result " + key).put("measurement", "work_items")
        .put("workFrom", new JsonArray(java.util.List.of((Object[]) initiativeIds))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return Http.json(response);
  }

  private static LiveClient teamBoard() throws InterruptedException {
    LiveClient client = LiveClient.connect(node.vertx(), TestNode.httpPort(), org.token);
    client.subscribe(org.teamBoard(), null, null);
    client.next("snapshot", BOARD_WAIT);
    return client;
  }

  /** Waits for a delta that shows the node with the given key at the given progress. */
  private static JsonObject deltaWithProgress(LiveClient board, String key, double progress) throws InterruptedException {
    return board.next(m -> "delta".equals(m.getString("type")) && nodeByKey(m, key) != null
        && nodeByKey(m, key).getDouble("progress") == progress, BOARD_WAIT);
  }

  @Test
  void deliveryMovesFollowingKeyResultOnBoard() throws InterruptedException {
    Site site = site();
    JsonObject objective = goals.objective(key("follow-o"), null);
    String keyResult = key("follow-kr");
    followingKeyResult(keyResult, objective.getString("id"), site.initiativeA());
    delivered(site.connectionId(), new Issue().underEpic(site.epicA()).status("new").body("jira:issue_created"));
    awaitItems(site.initiativeA(), 1);

    try (LiveClient board = teamBoard()) {
      Issue done = new Issue().underEpic(site.epicA()).status("done");
      done.points = 3;
      delivered(site.connectionId(), done.body("jira:issue_created"));

      JsonObject delta = deltaWithProgress(board, keyResult, 0.375);
      assertThat(nodeByKey(delta, objective.getString("key")).getDouble("progress")).isEqualTo(0.375);
      assertThat(nodeByKey(delta, keyResult).getJsonObject("workItems").getInteger("items")).isEqualTo(2);
    }
    JsonObject initiative = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 3.0);
    assertThat(initiative.getDouble("progress")).isEqualTo(0.375);
  }

  @Test
  void moveToUnfollowedEpicLeavesKeyResult() throws InterruptedException {
    Site site = site();
    JsonObject objective = goals.objective(key("move-o"), null);
    String keyResult = key("move-kr");
    followingKeyResult(keyResult, objective.getString("id"), site.initiativeA());
    Issue moving = new Issue().underEpic(site.epicA()).status("done");
    delivered(site.connectionId(), moving.body("jira:issue_created"));
    delivered(site.connectionId(), new Issue().underEpic(site.epicA()).status("new").body("jira:issue_created"));
    awaitItems(site.initiativeA(), 2);

    try (LiveClient board = teamBoard()) {
      delivered(site.connectionId(), moving.underEpic(site.epicB()).at("2026-11-27T10:00:00Z").body("jira:issue_updated"));

      JsonObject delta = deltaWithProgress(board, keyResult, 0.0);
      assertThat(nodeByKey(delta, keyResult).getJsonObject("workItems").getInteger("items")).isEqualTo(1);
      assertThat(nodeByKey(delta, objective.getString("key")).getDouble("progress")).isEqualTo(0.0);
    }
    JsonObject moved = awaitInitiative(site.initiativeB(), work -> work.getInteger("items") == 1);
    assertThat(moved.getDouble("progress")).isEqualTo(1.0);
  }
}
