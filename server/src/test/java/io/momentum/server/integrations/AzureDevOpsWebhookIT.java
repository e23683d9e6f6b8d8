package io.momentum.server.integrations;

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
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays Azure DevOps service hook deliveries against a real node and reads the mapped
 * initiatives through the REST API. The payloads follow the shape of the documented work item
 * events, with invented values. Each test has its own connection and initiatives, so no two tests
 * share work items.
 */
class AzureDevOpsWebhookIT {

  private static final String SECRET = "An-azure-devops-service-hook-secret";
  private static final String STORY_POINTS = "Microsoft.VSTS.Scheduling.StoryPoints";
  private static final AtomicInteger IDS = new AtomicInteger(40_000);

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  private static Goals goals;
  private static InitiativeWork rollups;
  private static WebClient azure;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = TestOrg.create(node, "ado-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
    api = Http.withToken(org.token);
    goals = new Goals(api, org);
    rollups = new InitiativeWork(api);
    azure = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(TestNode.httpPort()));
  }

  /** One connection with two initiatives, mapped by the ids of two features. */
  private record Site(String connectionId, String initiativeA, int featureA, String initiativeB, int featureB) {
  }

  private static Site site() {
    int featureA = IDS.incrementAndGet();
    int featureB = IDS.incrementAndGet();
    String initiativeA = goals.initiative(key("feature-a")).getString("id");
    String initiativeB = goals.initiative(key("feature-b")).getString("id");
    String connectionId = connection(api, "Azure DevOps " + UUID.randomUUID());
    rule(api, connectionId, "work_item", String.valueOf(featureA), initiativeA);
    rule(api, connectionId, "work_item", String.valueOf(featureB), initiativeB);
    return new Site(connectionId, initiativeA, featureA, initiativeB, featureB);
  }

  private static String connection(Http client, String name) {
    HttpResponse<Buffer> response = client.post("/api/v1/integrations/connections", new JsonObject()
        .put("kind", "azure_devops").put("name", name).put("secret", SECRET));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(Http.json(response).getString("webhookPath")).startsWith("/api/v1/integrations/azure-devops/");
    return Http.json(response).getString("id");
  }

  private static HttpResponse<Buffer> rule(Http client, String connectionId, String kind, String value, String initiativeId) {
    HttpResponse<Buffer> response = client.post("/api/v1/integrations/connections/" + connectionId + "/rules",
        new JsonObject().put("matchKind", kind).put("matchValue", value).put("initiativeId", initiativeId));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response;
  }

  /** An Azure DevOps work item as the service hook payloads carry it, built step by step. */
  private static final class WorkItem {
    final int id = IDS.incrementAndGet();
    int rev = 1;
    String title = "Let customers pay by invoice";
    String type = "User Story";
    String state = "New";
    String pointsField = STORY_POINTS;
    Object points = 5;
    Integer parent;
    boolean parentAsRelation;
    /** Leaves out both System.Parent and the relations, as some payloads do. */
    boolean parentUnstated;
    String areaPath = "Fabrikam Shop";
    Instant changed = Instant.parse("2026-11-20T09:00:00.120Z");
    Instant eventCreated;

    WorkItem under(int parentId) {
      parent = parentId;
      return this;
    }

    /** Moves to the next revision with the given state, changed at {@code instant}. */
    WorkItem next(String newState, String instant) {
      rev++;
      state = newState;
      changed = Instant.parse(instant);
      return this;
    }

    JsonObject fields() {
      JsonObject fields = new JsonObject()
          .put("System.AreaPath", areaPath)
          .put("System.TeamProject", "Fabrikam Shop")
          .put("System.IterationPath", "Fabrikam Shop\\Sprint 12")
          .put("System.WorkItemType", type)
          .put("System.State", state)
          .put("System.Reason", "New")
          .put("System.CreatedDate", "2026-11-01T08:00:00.000Z")
          .put("System.ChangedDate", changed.toString())
          .put("System.Title", title)
          .put("System.Tags", "payments; invoices");
      if (points != null) {
        fields.put(pointsField, points);
      }
      if (parent != null && !parentAsRelation && !parentUnstated) {
        fields.put("System.Parent", parent);
      }
      return fields;
    }

    JsonArray relations() {
      JsonArray relations = new JsonArray();
      if (parent != null) {
        relations.add(new JsonObject().put("rel", "System.LinkTypes.Hierarchy-Reverse")
            .put("url", "https://dev.azure.com/fabrikam/_apis/wit/workItems/" + parent)
            .put("attributes", new JsonObject().put("isLocked", false).put("name", "Parent")));
      }
      return relations;
    }

    JsonObject workItem() {
      JsonObject item = new JsonObject().put("id", id).put("rev", rev).put("fields", fields())
          .put("url", "https://dev.azure.com/fabrikam/_apis/wit/workItems/" + id);
      return parentUnstated ? item : item.put("relations", relations());
    }

    /**
     * Builds the service hook body. In an update the resource is the update, whose own id is the
     * number of the update, and the work item after it is {@code resource.revision}.
     */
    JsonObject body(String eventType) {
      JsonObject resource;
      if ("workitem.updated".equals(eventType)) {
        resource = new JsonObject()
            .put("id", rev - 1)
            .put("workItemId", id)
            .put("rev", rev)
            .put("revisedBy", new JsonObject().put("displayName", "Jamie Developer"))
            .put("revisedDate", "9999-01-01T00:00:00Z")
            .put("fields", new JsonObject().put("System.State", new JsonObject().put("oldValue", "New").put("newValue", state)))
            .put("revision", workItem())
            .put("url", "https://dev.azure.com/fabrikam/_apis/wit/workItems/" + id + "/updates/" + (rev - 1));
      } else {
        resource = workItem();
      }
      Instant created = eventCreated != null ? eventCreated : changed.plusMillis(400);
      return new JsonObject()
          .put("subscriptionId", "6f1bd6b3-0c0e-4b8e-9b53-3a3f2c4f0a11")
          .put("notificationId", 3)
          .put("id", UUID.randomUUID().toString())
          .put("eventType", eventType)
          .put("publisherId", "tfs")
          .put("message", new JsonObject().put("text", "User Story #" + id + " (" + title + ") changed"))
          .put("resource", resource)
          .put("resourceVersion", "1.0")
          .put("resourceContainers", new JsonObject().put("project", new JsonObject().put("id", "c2a4b2f4-5b6e-4d3a-9f10-1e2d3c4b5a69")))
          .put("createdDate", created.toString());
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<Buffer> deliver(String connectionId, JsonObject body) {
    return send(connectionId, body.encode(), Map.of("Authorization", basic("momentum", SECRET)));
  }

  private static HttpResponse<Buffer> send(String connectionId, String body, Map<String, String> headers) {
    HttpRequest<Buffer> request = azure.post("/api/v1/integrations/azure-devops/" + connectionId)
        .putHeader("Content-Type", "application/json; charset=utf-8");
    headers.forEach(request::putHeader);
    return request.sendBuffer(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8))).await();
  }

  private static void delivered(String connectionId, JsonObject body) {
    HttpResponse<Buffer> response = deliver(connectionId, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(response).getString("status")).as(response.bodyAsString()).isEqualTo("published");
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

  private static JsonObject workItem(String initiativeId, int externalId) {
    return workItems(initiativeId).stream().map(JsonObject.class::cast)
        .filter(i -> String.valueOf(externalId).equals(i.getString("externalId"))).findFirst().orElseThrow();
  }

  /**
   * Sends one more work item to the initiative and waits until it shows. Events of one
   * organisation are applied in order, so anything published before this marker has been applied.
   */
  private static JsonObject barrier(Site site, String initiativeId, int feature, int itemsAfter) throws InterruptedException {
    delivered(site.connectionId(), new WorkItem().under(feature).body("workitem.created"));
    return awaitItems(initiativeId, itemsAfter);
  }

  @Test
  void createdWorkItemJoinsInitiative() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());

    delivered(site.connectionId(), item.body("workitem.created"));

    JsonObject read = awaitItems(site.initiativeA(), 1);
    JsonObject stored = workItems(site.initiativeA()).getJsonObject(0);
    assertThat(read.getDouble("progress")).isEqualTo(0.0);
    assertThat(read.getJsonObject("workItems").getString("basis")).isEqualTo("points");
    assertThat(stored.getString("externalId")).isEqualTo(String.valueOf(item.id));
    assertThat(stored.getString("system")).isEqualTo("azure-devops:" + site.connectionId());
    assertThat(stored.getString("statusCategory")).isEqualTo("todo");
    assertThat(stored.getDouble("storyPoints")).isEqualTo(5.0);
    assertThat(stored.getString("parentExternalId")).isEqualTo(String.valueOf(site.featureA()));
  }

  @Test
  void updateReadsWorkItemIdNotResourceId() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitItems(site.initiativeA(), 1);

    JsonObject update = item.next("Active", "2026-11-21T10:00:00Z").body("workitem.updated");
    delivered(site.connectionId(), update);

    awaitInitiative(site.initiativeA(),
        work -> "in_progress".equals(workItems(site.initiativeA()).getJsonObject(0).getString("statusCategory")));
    JsonArray items = workItems(site.initiativeA());
    assertThat(update.getJsonObject("resource").getInteger("id")).isNotEqualTo(item.id);
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("externalId")).isEqualTo(String.valueOf(item.id));
    assertThat(items.getJsonObject(0).getString("statusCategory")).isEqualTo("in_progress");
  }

  @Test
  void stateCategoriesDriveProgress() throws InterruptedException {
    Site site = site();
    WorkItem closed = new WorkItem().under(site.featureA());
    WorkItem resolved = new WorkItem().under(site.featureA());
    resolved.points = 15;
    delivered(site.connectionId(), closed.body("workitem.created"));
    delivered(site.connectionId(), resolved.body("workitem.created"));

    delivered(site.connectionId(), closed.next("Closed", "2026-11-21T10:00:00Z").body("workitem.updated"));
    delivered(site.connectionId(), resolved.next("Resolved", "2026-11-21T10:00:00Z").body("workitem.updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    // The closed item alone satisfies the wait, so the resolved item's update may still be on its way.
    long deadline = System.currentTimeMillis() + 15_000;
    while (!"in_progress".equals(workItem(site.initiativeA(), resolved.id).getString("statusCategory"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(read.getDouble("progress")).isEqualTo(0.25);
    assertThat(workItem(site.initiativeA(), resolved.id).getString("statusCategory")).isEqualTo("in_progress");
    assertThat(workItem(site.initiativeA(), closed.id).getString("statusCategory")).isEqualTo("done");
  }

  @Test
  void deletedWorkItemLeavesRollup() throws InterruptedException {
    Site site = site();
    WorkItem closed = new WorkItem().under(site.featureA());
    closed.state = "Closed";
    WorkItem removed = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), closed.body("workitem.created"));
    delivered(site.connectionId(), removed.body("workitem.created"));
    awaitItems(site.initiativeA(), 2);

    removed.eventCreated = Instant.parse("2026-11-22T10:00:00Z");
    delivered(site.connectionId(), removed.body("workitem.deleted"));

    JsonObject read = awaitItems(site.initiativeA(), 1);
    assertThat(read.getDouble("progress")).isEqualTo(1.0);
    assertThat(workItems(site.initiativeA()).stream().map(i -> ((JsonObject) i).getString("externalId")))
        .containsExactly(String.valueOf(closed.id));
  }

  @Test
  void restoredWorkItemReturns() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitItems(site.initiativeA(), 1);
    item.eventCreated = Instant.parse("2026-11-22T10:00:00Z");
    delivered(site.connectionId(), item.body("workitem.deleted"));
    awaitItems(site.initiativeA(), 0);

    item.eventCreated = Instant.parse("2026-11-22T11:00:00Z");
    delivered(site.connectionId(), item.body("workitem.restored"));

    JsonObject read = awaitItems(site.initiativeA(), 1);
    assertThat(read.getJsonObject("workItems").getString("basis")).isEqualTo("points");
    assertThat(workItems(site.initiativeA()).getJsonObject(0).getString("externalId")).isEqualTo(String.valueOf(item.id));
  }

  @Test
  void removedStateLeavesRollup() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitItems(site.initiativeA(), 1);

    delivered(site.connectionId(), item.next("Removed", "2026-11-22T10:00:00Z").body("workitem.updated"));

    assertThat(awaitItems(site.initiativeA(), 0).getJsonObject("workItems").getInteger("items")).isEqualTo(0);
    assertThat(workItems(site.initiativeA())).isEmpty();
  }

  @Test
  void retriedDeliveryChangesNothing() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    JsonObject created = item.body("workitem.created");
    HttpResponse<Buffer> first = deliver(site.connectionId(), created);
    awaitItems(site.initiativeA(), 1);

    // A retry carries the same event id; a changed resource proves that the retry is not read.
    JsonObject retry = item.next("Closed", "2026-11-23T10:00:00Z").body("workitem.updated").put("id", created.getString("id"));
    HttpResponse<Buffer> second = deliver(site.connectionId(), retry);

    JsonObject read = barrier(site, site.initiativeA(), site.featureA(), 2);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Http.json(second).getString("status")).isEqualTo("duplicate");
    assertThat(read.getJsonObject("workItems").getInteger("done")).isEqualTo(0);
  }

  @Test
  void lowerRevisionAfterHigherIsStale() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    // Revision 2 carries a later change time than revision 3, so only the revision can order them.
    JsonObject revisionTwo = item.next("Active", "2026-11-24T11:00:00Z").body("workitem.updated");
    delivered(site.connectionId(), item.next("Closed", "2026-11-24T10:00:00Z").body("workitem.updated"));
    awaitInitiative(site.initiativeA(), work -> work.getInteger("items") == 1 && work.getDouble("done", 0.0) > 0);

    HttpResponse<Buffer> late = deliver(site.connectionId(), revisionTwo);

    barrier(site, site.initiativeA(), site.featureA(), 2);
    assertThat(Http.json(late).getString("status")).isEqualTo("stale");
    assertThat(workItem(site.initiativeA(), item.id).getString("statusCategory")).isEqualTo("done");
  }

  private static WorkItem taskUnder(int parentId) {
    WorkItem task = new WorkItem().under(parentId);
    task.type = "Task";
    task.points = 1;
    return task;
  }

  @Test
  void grandchildFollowsLateStory() throws InterruptedException {
    Site site = site();
    WorkItem story = new WorkItem().under(site.featureA());
    WorkItem task = taskUnder(story.id);
    WorkItem subTask = taskUnder(task.id);
    subTask.next("Closed", "2026-11-21T09:00:00Z");
    HttpResponse<Buffer> grandchild = deliver(site.connectionId(), subTask.body("workitem.updated"));
    HttpResponse<Buffer> child = deliver(site.connectionId(), task.body("workitem.created"));

    HttpResponse<Buffer> parent = deliver(site.connectionId(), story.body("workitem.created"));

    JsonObject read = awaitItems(site.initiativeA(), 3);
    assertThat(Http.json(grandchild).getString("status")).isEqualTo("unmapped");
    assertThat(Http.json(child).getString("status")).isEqualTo("unmapped");
    assertThat(Http.json(parent).getInteger("descendantsMoved")).isEqualTo(2);
    assertThat(read.getJsonObject("workItems").getDouble("done")).isEqualTo(1.0);
    assertThat(workItem(site.initiativeA(), subTask.id).getString("parentExternalId")).isEqualTo(String.valueOf(task.id));
    assertThat(workItem(site.initiativeA(), subTask.id).getString("statusCategory")).isEqualTo("done");
  }

  @Test
  void reparentedStoryTakesTasksAtAnyDepth() throws InterruptedException {
    Site site = site();
    WorkItem story = new WorkItem().under(site.featureA());
    WorkItem task = taskUnder(story.id);
    WorkItem subTask = taskUnder(task.id);
    delivered(site.connectionId(), story.body("workitem.created"));
    delivered(site.connectionId(), task.body("workitem.created"));
    delivered(site.connectionId(), subTask.body("workitem.created"));
    awaitItems(site.initiativeA(), 3);

    story.under(site.featureB());
    delivered(site.connectionId(), story.next("Active", "2026-11-27T10:00:00Z").body("workitem.updated"));

    awaitItems(site.initiativeB(), 3);
    awaitItems(site.initiativeA(), 0);
    assertThat(workItems(site.initiativeB()).stream().map(i -> ((JsonObject) i).getString("externalId")))
        .containsExactlyInAnyOrder(String.valueOf(story.id), String.valueOf(task.id), String.valueOf(subTask.id));
  }

  @Test
  void reparentedItemMovesInitiative() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    item.parentAsRelation = true;
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitItems(site.initiativeA(), 1);

    item.under(site.featureB());
    delivered(site.connectionId(), item.next("Active", "2026-11-27T10:00:00Z").body("workitem.updated"));

    awaitItems(site.initiativeB(), 1);
    awaitItems(site.initiativeA(), 0);
    assertThat(workItems(site.initiativeA())).isEmpty();
    assertThat(workItems(site.initiativeB()).getJsonObject(0).getString("parentExternalId"))
        .isEqualTo(String.valueOf(site.featureB()));
  }

  @Test
  void unstatedParentKeepsInitiative() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitItems(site.initiativeA(), 1);

    item.parentUnstated = true;
    HttpResponse<Buffer> update = deliver(site.connectionId(), item.next("Closed", "2026-11-27T11:00:00Z")
        .body("workitem.updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    assertThat(Http.json(update).getString("initiativeId")).isEqualTo(site.initiativeA());
    assertThat(read.getJsonObject("workItems").getInteger("items")).isEqualTo(1);
    assertThat(workItem(site.initiativeA(), item.id).getString("parentExternalId")).isEqualTo(String.valueOf(site.featureA()));
  }

  @Test
  void clearedEstimateMeansNoEstimate() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    delivered(site.connectionId(), item.body("workitem.created"));
    awaitInitiative(site.initiativeA(), work -> "points".equals(work.getString("basis")));

    // Azure DevOps leaves a cleared field out of the revision's fields.
    item.points = null;
    delivered(site.connectionId(), item.next("New", "2026-11-26T10:00:00Z").body("workitem.updated"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> "count".equals(work.getString("basis")));
    JsonObject stored = workItems(site.initiativeA()).getJsonObject(0);
    assertThat(read.getJsonObject("workItems").getInteger("items")).isEqualTo(1);
    assertThat(stored.containsKey("storyPoints")).isTrue();
    assertThat(stored.getValue("storyPoints")).isNull();
  }

  @Test
  void eachProcessEstimateFieldIsRead() throws InterruptedException {
    Site site = site();
    Map<String, Integer> estimates = Map.of(STORY_POINTS, 3, "Microsoft.VSTS.Scheduling.Effort", 5,
        "Microsoft.VSTS.Scheduling.Size", 8);
    Map<String, WorkItem> items = new java.util.HashMap<>();
    for (Map.Entry<String, Integer> estimate : estimates.entrySet()) {
      WorkItem item = new WorkItem().under(site.featureA());
      item.pointsField = estimate.getKey();
      item.points = estimate.getValue();
      items.put(estimate.getKey(), item);
      delivered(site.connectionId(), item.body("workitem.created"));
    }

    awaitItems(site.initiativeA(), 3);
    for (Map.Entry<String, WorkItem> entry : items.entrySet()) {
      assertThat(workItem(site.initiativeA(), entry.getValue().id).getDouble("storyPoints")).as(entry.getKey())
          .isEqualTo(estimates.get(entry.getKey()).doubleValue());
    }
  }

  @Test
  void areaPathRuleMapsSubAreas() throws InterruptedException {
    Site site = site();
    String initiative = goals.initiative(key("payments")).getString("id");
    rule(api, site.connectionId(), "area_path", "fabrikam shop\\Payments", initiative);
    WorkItem item = new WorkItem();
    item.areaPath = "Fabrikam Shop\\Payments\\Invoices";
    WorkItem sibling = new WorkItem();
    sibling.areaPath = "Fabrikam Shop\\PaymentsLegacy";

    delivered(site.connectionId(), item.body("workitem.created"));
    HttpResponse<Buffer> other = deliver(site.connectionId(), sibling.body("workitem.created"));

    awaitItems(initiative, 1);
    assertThat(workItems(initiative).getJsonObject(0).getString("externalId")).isEqualTo(String.valueOf(item.id));
    assertThat(Http.json(other).getString("status")).isEqualTo("unmapped");
  }

  @Test
  void featureIsNoWorkItem() {
    Site site = site();
    WorkItem feature = new WorkItem();
    feature.type = "Feature";

    HttpResponse<Buffer> response = deliver(site.connectionId(), feature.body("workitem.created"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("status")).isEqualTo("epic");
  }

  @Test
  void secretHeaderAuthenticates() throws InterruptedException {
    Site site = site();
    JsonObject body = new WorkItem().under(site.featureA()).body("workitem.created");

    HttpResponse<Buffer> response = send(site.connectionId(), body.encode(), Map.of("X-Momentum-Secret", SECRET));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(awaitItems(site.initiativeA(), 1).getJsonObject("workItems").getInteger("items")).isEqualTo(1);
  }

  @Test
  void badCredentialsAreRejected() {
    Site site = site();
    String body = new WorkItem().under(site.featureA()).body("workitem.created").encode();
    List<Map<String, String>> wrong = List.of(
        Map.of("Authorization", basic("momentum", "another-secret-of-20-chars")),
        Map.of("X-Momentum-Secret", SECRET + "x"),
        Map.of("Authorization", "Basic not-base64!"));

    for (Map<String, String> headers : wrong) {
      HttpResponse<Buffer> response = send(site.connectionId(), body, headers);
      assertThat(response.statusCode()).as(headers.toString()).isEqualTo(401);
    }
    HttpResponse<Buffer> invalid = send(site.connectionId(), body, wrong.get(0));
    assertThat(Http.json(invalid).getJsonObject("error").getString("code")).isEqualTo("credentials_invalid");
  }

  @Test
  void missingCredentialsAreRejected() {
    Site site = site();
    String body = new WorkItem().under(site.featureA()).body("workitem.created").encode();

    HttpResponse<Buffer> response = send(site.connectionId(), body, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("credentials_missing");
  }

  @Test
  void testNotificationIsAnsweredAndIgnored() throws InterruptedException {
    Site site = site();
    // The service hook dialog's "Test" button sends sample data with an all-zero subscription id.
    JsonObject sample = new WorkItem().under(site.featureA()).body("workitem.updated")
        .put("subscriptionId", "00000000-0000-0000-0000-000000000000");

    HttpResponse<Buffer> response = deliver(site.connectionId(), sample);

    barrier(site, site.initiativeA(), site.featureA(), 1);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).getString("status")).isEqualTo("test");
  }

  @Test
  void nonAsciiTitleIsAccepted() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    item.title = "Überweisung prüfen: 支払いを確認 ✓";

    delivered(site.connectionId(), item.body("workitem.created"));

    assertThat(awaitItems(site.initiativeA(), 1).getJsonObject("workItems").getInteger("items")).isEqualTo(1);
  }

  @Test
  void otherEventTypeIsIgnored() {
    Site site = site();
    JsonObject comment = new WorkItem().under(site.featureA()).body("workitem.commented");

    HttpResponse<Buffer> response = deliver(site.connectionId(), comment);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Http.json(response).getString("status")).isEqualTo("ignored");
  }

  @Test
  void unknownStateIsBadRequest() {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    item.state = "Waiting for review";

    HttpResponse<Buffer> response = deliver(site.connectionId(), item.body("workitem.created"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("resource.fields.System.State");
    assertThat(error.getString("code")).isEqualTo("unknown_state");
    assertThat(error.getString("message")).contains("\"Waiting for review\"").contains("state map on the Integrations page");
  }

  /** Replaces the connection's state map through PATCH with the current version, and returns the response. */
  private static HttpResponse<Buffer> patchStateMap(Http client, String connectionId, JsonObject stateMap) {
    String path = "/api/v1/integrations/connections/" + connectionId;
    int version = Http.json(api.get(path)).getInteger("version");
    return client.patch(path, new JsonObject().put("stateMap", stateMap).put("version", version));
  }

  @Test
  void mappedCustomStateCountsDone() throws InterruptedException {
    Site site = site();
    WorkItem item = new WorkItem().under(site.featureA());
    item.state = "Ready for QA";
    JsonObject body = item.body("workitem.created");
    HttpResponse<Buffer> unmapped = deliver(site.connectionId(), body);

    HttpResponse<Buffer> patched = patchStateMap(api, site.connectionId(), new JsonObject().put(" Ready for QA ", "completed"));
    HttpResponse<Buffer> mapped = deliver(site.connectionId(), body);

    assertThat(unmapped.statusCode()).isEqualTo(400);
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(Http.json(patched).getJsonObject("stateMap")).isEqualTo(new JsonObject().put("Ready for QA", "completed"));
    assertThat(mapped.statusCode()).as(mapped.bodyAsString()).isEqualTo(200);
    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    assertThat(read.getDouble("progress")).isEqualTo(1.0);
    assertThat(workItem(site.initiativeA(), item.id).getString("statusCategory")).isEqualTo("done");
  }

  @Test
  void stateMapMatchesIgnoringCase() throws InterruptedException {
    Site site = site();
    patchStateMap(api, site.connectionId(), new JsonObject().put("In Review", "resolved"));
    WorkItem item = new WorkItem().under(site.featureA());
    item.state = "IN REVIEW";

    delivered(site.connectionId(), item.body("workitem.created"));

    awaitItems(site.initiativeA(), 1);
    assertThat(workItem(site.initiativeA(), item.id).getString("statusCategory")).isEqualTo("in_progress");
  }

  @Test
  void stateMapOverridesStandardState() throws InterruptedException {
    Site site = site();
    patchStateMap(api, site.connectionId(), new JsonObject().put("Resolved", "completed"));
    WorkItem item = new WorkItem().under(site.featureA());
    item.state = "Resolved";

    delivered(site.connectionId(), item.body("workitem.created"));

    JsonObject read = awaitInitiative(site.initiativeA(), work -> work.getDouble("done", 0.0) == 5.0);
    assertThat(read.getDouble("progress")).isEqualTo(1.0);
  }

  @Test
  void stateMapIsReturnedOnRead() {
    String connectionId = site().connectionId();
    String path = "/api/v1/integrations/connections/" + connectionId;
    JsonObject created = Http.json(api.get(path));

    patchStateMap(api, connectionId, new JsonObject().put("In Review", "in_progress"));

    assertThat(created.getJsonObject("stateMap")).isEqualTo(new JsonObject());
    assertThat(Http.json(api.get(path)).getJsonObject("stateMap")).isEqualTo(new JsonObject().put("In Review", "in_progress"));
  }

  @Test
  void invalidStateMapsAreRejected() {
    JsonObject tooMany = new JsonObject();
    for (int i = 0; i <= StateMaps.MAX_STATES; i++) {
      tooMany.put("State " + i, "proposed");
    }
    String longName = "x".repeat(StateMaps.MAX_NAME_LENGTH + 1);
    record Case(JsonObject stateMap, String field, String code) {
    }
    List<Case> cases = List.of(
        new Case(new JsonObject().put("In Review", "done"), "stateMap.In Review", "state_category"),
        new Case(new JsonObject().put("In Review", 3), "stateMap.In Review", "state_category"),
        new Case(new JsonObject().put("  ", "completed"), "stateMap.  ", "empty"),
        new Case(new JsonObject().put(longName, "completed"), "stateMap." + longName, "too_long"),
        new Case(new JsonObject().put("In Review", "resolved").put("in review ", "completed"), "stateMap.in review ",
            "repeated"),
        new Case(tooMany, "stateMap", "too_many"));
    String connectionId = site().connectionId();

    for (Case invalid : cases) {
      HttpResponse<Buffer> response = patchStateMap(api, connectionId, invalid.stateMap());

      assertThat(response.statusCode()).as(invalid.code()).isEqualTo(400);
      JsonObject error = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
      assertThat(error.getString("field")).as(invalid.code()).isEqualTo(invalid.field());
      assertThat(error.getString("code")).as(invalid.field()).isEqualTo(invalid.code());
    }
    assertThat(Http.json(api.get("/api/v1/integrations/connections/" + connectionId)).getJsonObject("stateMap"))
        .isEqualTo(new JsonObject());
  }

  @Test
  void stateMapOnJiraConnectionIsRejected() {
    JsonObject body = new JsonObject().put("kind", "jira").put("name", "Jira " + UUID.randomUUID()).put("secret", SECRET)
        .put("stateMap", new JsonObject().put("In Review", "resolved"));

    HttpResponse<Buffer> response = api.post("/api/v1/integrations/connections", body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("stateMap");
    assertThat(error.getString("code")).isEqualTo("state_map_not_for_tracker");
  }

  @Test
  void otherOrganisationCannotChangeStateMap() {
    Site site = site();
    TestOrg other = TestOrg.create(node, "ado-map-" + UUID.randomUUID().toString().substring(0, 8));
    String path = "/api/v1/integrations/connections/" + site.connectionId();
    int version = Http.json(api.get(path)).getInteger("version");

    HttpResponse<Buffer> response = Http.withToken(other.token).patch(path, new JsonObject()
        .put("stateMap", new JsonObject().put("New", "completed")).put("version", version));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(api.get(path)).getJsonObject("stateMap")).isEqualTo(new JsonObject());
  }

  @Test
  void malformedJsonIsBadRequest() {
    Site site = site();

    HttpResponse<Buffer> response = send(site.connectionId(), "{\"eventType\": \"workitem.created\", ",
        Map.of("Authorization", basic("momentum", SECRET)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("malformed_json");
  }

  @Test
  void oversizedBodyIsRejected() {
    Site site = site();
    JsonObject body = new WorkItem().under(site.featureA()).body("workitem.created");
    int limit = (int) node.services().config().maxBodyBytes();
    body.getJsonObject("resource").getJsonObject("fields").put("System.Description", "x".repeat(limit + 1));

    HttpResponse<Buffer> response = deliver(site.connectionId(), body);

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void unknownConnectionIsNotFound() {
    HttpResponse<Buffer> response = deliver(UUID.randomUUID().toString(), new WorkItem().body("workitem.created"));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void jiraRuleKindIsRejected() {
    Site site = site();

    HttpResponse<Buffer> response = api.post("/api/v1/integrations/connections/" + site.connectionId() + "/rules",
        new JsonObject().put("matchKind", "issue_key").put("matchValue", "SHOP-1").put("initiativeId", site.initiativeA()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("kind_not_for_tracker");
  }

  @Test
  void connectionOfOtherOrganisationCannotReachInitiative() throws InterruptedException {
    Site site = site();
    TestOrg other = TestOrg.create(node, "ado-other-" + UUID.randomUUID().toString().substring(0, 8));
    Http otherApi = Http.withToken(other.token);
    String otherConnection = connection(otherApi, "Other organisation");
    HttpResponse<Buffer> foreignRule = otherApi.post("/api/v1/integrations/connections/" + otherConnection + "/rules",
        new JsonObject().put("matchKind", "work_item").put("matchValue", String.valueOf(site.featureA()))
            .put("initiativeId", site.initiativeA()));
    WorkItem item = new WorkItem().under(site.featureA());
    item.state = "Closed";
    HttpResponse<Buffer> delivery = deliver(otherConnection, item.body("workitem.created"));

    JsonObject read = barrier(site, site.initiativeA(), site.featureA(), 1);
    assertThat(foreignRule.statusCode()).isEqualTo(400);
    assertThat(Http.json(delivery).getString("status")).isEqualTo("unmapped");
    assertThat(read.getJsonObject("workItems").getInteger("done")).isEqualTo(0);
    assertThat(otherApi.get("/api/v1/integrations/connections/" + site.connectionId()).statusCode()).isEqualTo(404);
  }
}
