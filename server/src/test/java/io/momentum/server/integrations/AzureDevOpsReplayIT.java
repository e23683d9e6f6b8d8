package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.integrations.Replays.Recorded;
import io.momentum.server.integrations.Replays.Side;
import io.momentum.server.integrations.Replays.Site;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays one history of Azure DevOps service hook deliveries twice against a real node: in
 * order to a connection of one organisation, and shuffled with retried duplicates to a connection
 * of a second organisation. Both organisations must end with the same initiatives. The payloads
 * follow the shape of the documented work item events, with invented values.
 */
class AzureDevOpsReplayIT {

  private static final String SECRET = "An-azure-devops-replay-secret-for-tests";
  private static final String STORY_POINTS = "Microsoft.VSTS.Scheduling.StoryPoints";
  private static final AtomicInteger IDS = new AtomicInteger(80_000);
  private static final int RETRIES = 6;

  private static Side inOrder;
  private static Side shuffled;
  private static WebClient azure;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    inOrder = Side.create(node, "ado-in-order");
    shuffled = Side.create(node, "ado-shuffled");
    azure = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(TestNode.httpPort()));
  }

  /**
   * A user story, or a task under a story or another task, whose changes are recorded as service
   * hook deliveries, one per change.
   */
  private static final class WorkItem {
    final int id = IDS.incrementAndGet();
    final List<Recorded> history;
    String type = "User Story";
    int rev = 1;
    String state = "New";
    Object points;
    int parent;
    Instant changed;

    WorkItem(List<Recorded> history, int parent, Object points, String createdAt) {
      this(history, "User Story", parent, points, createdAt);
    }

    private WorkItem(List<Recorded> history, String type, int parent, Object points, String createdAt) {
      this.history = history;
      this.type = type;
      this.parent = parent;
      this.points = points;
      this.changed = Instant.parse(createdAt);
      record("workitem.created", workItem(), changed);
    }

    static WorkItem task(List<Recorded> history, WorkItem parent, Object points, String createdAt) {
      return new WorkItem(history, "Task", parent.id, points, createdAt);
    }

    WorkItem state(String newState, String at) {
      state = newState;
      return update(at);
    }

    WorkItem estimate(Object newPoints, String at) {
      points = newPoints;
      return update(at);
    }

    WorkItem parent(int newParent, String at) {
      parent = newParent;
      return update(at);
    }

    /**
     * Deletes or restores the work item. Both events carry the fields of the last revision, so
     * only the event's {@code createdDate} orders them.
     */
    void deletedOrRestored(String eventType, String at) {
      record(eventType, workItem(), Instant.parse(at));
    }

    /** Records the next revision. In an update the resource's own id is the update's number. */
    private WorkItem update(String at) {
      rev++;
      changed = Instant.parse(at);
      JsonObject resource = new JsonObject()
          .put("id", rev - 1)
          .put("workItemId", id)
          .put("rev", rev)
          .put("fields", new JsonObject().put("System.ChangedDate", new JsonObject().put("newValue", changed.toString())))
          .put("revision", workItem());
      record("workitem.updated", resource, changed.plusMillis(300));
      return this;
    }

    private JsonObject workItem() {
      JsonObject fields = new JsonObject()
          .put("System.AreaPath", "Fabrikam Shop")
          .put("System.TeamProject", "Fabrikam Shop")
          .put("System.WorkItemType", type)
          .put("System.State", state)
          .put("System.ChangedDate", changed.toString())
          .put("System.Title", "Replay story " + id)
          .put("System.Parent", parent);
      if (points != null) {
        fields.put(STORY_POINTS, points);
      }
      JsonArray relations = new JsonArray().add(new JsonObject().put("rel", "System.LinkTypes.Hierarchy-Reverse")
          .put("url", "https://dev.azure.com/fabrikam/_apis/wit/workItems/" + parent)
          .put("attributes", new JsonObject().put("isLocked", false).put("name", "Parent")));
      return new JsonObject().put("id", id).put("rev", rev).put("fields", fields).put("relations", relations);
    }

    private void record(String eventType, JsonObject resource, Instant createdDate) {
      String eventId = UUID.randomUUID().toString();
      JsonObject body = new JsonObject()
          .put("subscriptionId", "3c7e9a51-2f4d-4b8a-a6d1-5e0f9c2b7a44")
          .put("notificationId", history.size() + 1)
          .put("id", eventId)
          .put("eventType", eventType)
          .put("publisherId", "tfs")
          .put("resource", resource)
          .put("resourceVersion", "1.0")
          .put("createdDate", createdDate.toString());
      history.add(new Recorded(eventId, body.encode()));
    }
  }

  /**
   * Builds a history of six user stories under two features: state and estimate changes, a
   * cleared estimate, a story moved to the other feature, a deleted story, a story deleted and
   * restored, and a story set to Removed. Tasks follow their story, and a task under a task
   * follows its story too, two of them to the other feature. Returns the deliveries in the order
   * Azure DevOps sent them.
   */
  private static List<Recorded> history(int featureA, int featureB) {
    List<Recorded> history = new ArrayList<>();
    WorkItem started = new WorkItem(history, featureA, 3, "2026-11-02T09:00:00.100Z");
    WorkItem reestimated = new WorkItem(history, featureA, 5, "2026-11-02T09:05:00.100Z");
    WorkItem reparented = new WorkItem(history, featureA, 2, "2026-11-02T09:10:00.100Z");
    WorkItem deleted = new WorkItem(history, featureB, 13, "2026-11-02T09:15:00.100Z");
    WorkItem restored = new WorkItem(history, featureB, null, "2026-11-02T09:20:00.100Z");
    WorkItem removed = new WorkItem(history, featureA, 1, "2026-11-02T09:25:00.100Z");
    WorkItem task = WorkItem.task(history, started, 2, "2026-11-02T09:30:00.100Z");
    WorkItem followsMove = WorkItem.task(history, reparented, null, "2026-11-02T09:35:00.100Z");
    WorkItem subTask = WorkItem.task(history, followsMove, 1, "2026-11-02T09:40:00.100Z");

    started.state("Active", "2026-11-03T10:00:00.200Z");
    reestimated.estimate(8, "2026-11-03T10:30:00.200Z");
    reparented.state("Active", "2026-11-03T11:00:00.200Z");
    deleted.state("Active", "2026-11-03T11:30:00.200Z");
    restored.estimate(5, "2026-11-03T12:00:00.200Z");
    removed.state("Active", "2026-11-03T12:30:00.200Z");
    task.state("Active", "2026-11-03T13:00:00.200Z");
    subTask.state("Active", "2026-11-03T13:30:00.200Z");

    started.state("Closed", "2026-11-04T09:00:00.300Z");
    reestimated.state("Active", "2026-11-04T09:30:00.300Z");
    reparented.parent(featureB, "2026-11-04T10:00:00.300Z");
    restored.state("Closed", "2026-11-04T10:30:00.300Z");
    removed.state("Removed", "2026-11-04T11:00:00.300Z");

    reestimated.estimate(null, "2026-11-05T09:00:00.400Z");
    reparented.state("Closed", "2026-11-05T09:30:00.400Z");
    deleted.deletedOrRestored("workitem.deleted", "2026-11-05T10:00:00.400Z");
    restored.deletedOrRestored("workitem.deleted", "2026-11-05T10:30:00.400Z");
    restored.deletedOrRestored("workitem.restored", "2026-11-05T11:00:00.400Z");
    task.state("Closed", "2026-11-05T11:30:00.400Z");
    followsMove.estimate(3, "2026-11-05T12:00:00.400Z");
    return history;
  }

  private static String deliver(String connectionId, Recorded delivery) {
    String credentials = Base64.getEncoder().encodeToString(("momentum:" + SECRET).getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> response = azure.post("/api/v1/integrations/azure-devops/" + connectionId)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Authorization", "Basic " + credentials)
        .sendBuffer(Buffer.buffer(delivery.body())).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response).getString("status");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3L, 6_151L, 20_261_205L})
  void shuffledReplayMatchesInOrder(long seed) throws InterruptedException {
    int featureA = IDS.incrementAndGet();
    int featureB = IDS.incrementAndGet();
    List<Recorded> history = history(featureA, featureB);
    List<Recorded> marker = new ArrayList<>();
    new WorkItem(marker, featureA, 1, "2026-11-06T09:00:00.500Z");
    Site first = inOrder.site("azure_devops", SECRET, "work_item", String.valueOf(featureA), String.valueOf(featureB));
    Site second = shuffled.site("azure_devops", SECRET, "work_item", String.valueOf(featureA), String.valueOf(featureB));

    Replays.assertReplayMatchesInOrder(seed, RETRIES, history, marker.get(0), AzureDevOpsReplayIT::deliver, inOrder,
        first, shuffled, second, 4, 4);
  }
}
