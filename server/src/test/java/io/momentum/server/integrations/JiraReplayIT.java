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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays one history of Jira Cloud issue deliveries twice against a real node: in order to a
 * connection of one organisation, and shuffled with retried duplicates to a connection of a
 * second organisation. Both organisations must end with the same initiatives. The payloads follow
 * the shape of Jira Cloud's issue webhooks, with invented values.
 */
class JiraReplayIT {

  private static final String SECRET = "A-jira-replay-secret-for-tests";
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
      .withZone(ZoneOffset.UTC);
  private static final AtomicLong ISSUE_IDS = new AtomicLong(70_000);
  private static final int RETRIES = 6;

  private static Side inOrder;
  private static Side shuffled;
  private static WebClient jira;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    inOrder = Side.create(node, "jira-in-order");
    shuffled = Side.create(node, "jira-shuffled");
    jira = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(TestNode.httpPort()));
  }

  /** An epic of the history, which stories name as their parent. */
  private record Epic(String id, String key) {
    static Epic next() {
      String id = String.valueOf(ISSUE_IDS.incrementAndGet());
      return new Epic(id, "SHOP-" + id);
    }
  }

  /**
   * A story, or a sub-task of a story, whose changes are recorded as deliveries, one per change. A
   * sub-task's payload names its story but not the story's epic, so only the story maps it.
   */
  private static final class Story {
    final String id = String.valueOf(ISSUE_IDS.incrementAndGet());
    final List<Recorded> history;
    final Story story;
    String key = "SHOP-" + id;
    String category = "new";
    Object points;
    Epic epic;
    Instant updated;

    Story(List<Recorded> history, Epic epic, Object points, String createdAt) {
      this(history, epic, null, points, createdAt);
    }

    private Story(List<Recorded> history, Epic epic, Story story, Object points, String createdAt) {
      this.history = history;
      this.epic = epic;
      this.story = story;
      this.points = points;
      this.updated = Instant.parse(createdAt);
      record("jira:issue_created", updated);
    }

    static Story subTask(List<Recorded> history, Story story, Object points, String createdAt) {
      return new Story(history, null, story, points, createdAt);
    }

    Story status(String newCategory, String at) {
      category = newCategory;
      return change(at);
    }

    Story estimate(Object newPoints, String at) {
      points = newPoints;
      return change(at);
    }

    Story parent(Epic newEpic, String at) {
      epic = newEpic;
      return change(at);
    }

    Story moveProject(String newKey, String at) {
      key = newKey;
      return change(at);
    }

    /** Deletes the story. Jira keeps {@code fields.updated} and puts the time of deletion in {@code timestamp}. */
    void delete(String at) {
      record("jira:issue_deleted", Instant.parse(at));
    }

    private Story change(String at) {
      updated = Instant.parse(at);
      record("jira:issue_updated", updated);
      return this;
    }

    private void record(String event, Instant timestamp) {
      JsonObject fields = new JsonObject()
          .put("summary", "Replay story " + id)
          .put("project", new JsonObject().put("id", "10000").put("key", key.substring(0, key.indexOf('-'))))
          .put("issuetype", story == null
              ? new JsonObject().put("name", "Story").put("subtask", false).put("hierarchyLevel", 0)
              : new JsonObject().put("name", "Sub-task").put("subtask", true).put("hierarchyLevel", -1))
          .put("status", new JsonObject().put("name", "Status " + category).put("statusCategory",
              new JsonObject().put("key", category).put("name", category)))
          .put("labels", new JsonArray())
          .put("customfield_10016", points)
          .put("parent", parent())
          .put("updated", JIRA_TIME.format(updated))
          .put("created", "2026-11-01T08:00:00.000+0000");
      JsonObject body = new JsonObject()
          .put("timestamp", timestamp.toEpochMilli())
          .put("webhookEvent", event)
          .put("issue_event_type_name", "issue_generic")
          .put("issue", new JsonObject().put("id", id).put("key", key).put("fields", fields));
      history.add(new Recorded(UUID.randomUUID().toString(), body.encode()));
    }

    private JsonObject parent() {
      if (story != null) {
        return new JsonObject().put("id", story.id).put("key", story.key).put("fields", new JsonObject()
            .put("summary", "Replay story " + story.id)
            .put("issuetype", new JsonObject().put("name", "Story").put("hierarchyLevel", 0)));
      }
      return new JsonObject().put("id", epic.id()).put("key", epic.key()).put("fields", new JsonObject()
          .put("summary", "Epic " + epic.key())
          .put("issuetype", new JsonObject().put("name", "Epic").put("hierarchyLevel", 1)));
    }
  }

  /**
   * Builds a history of six stories under two epics: status and estimate changes, a cleared
   * estimate, a story moved to the other epic, a story moved to another project and a deleted
   * story. Three sub-tasks follow their story, one of them to the other epic. Returns the
   * deliveries in the order Jira sent them.
   */
  private static List<Recorded> history(Epic epicA, Epic epicB) {
    List<Recorded> history = new ArrayList<>();
    Story started = new Story(history, epicA, 3, "2026-11-02T09:00:00Z");
    Story reestimated = new Story(history, epicA, 5, "2026-11-02T09:05:00Z");
    Story reparented = new Story(history, epicA, 2, "2026-11-02T09:10:00Z");
    Story deleted = new Story(history, epicB, 13, "2026-11-02T09:15:00Z");
    Story unestimated = new Story(history, epicB, null, "2026-11-02T09:20:00Z");
    Story moved = new Story(history, epicA, 1, "2026-11-02T09:25:00Z");
    Story checklist = Story.subTask(history, started, null, "2026-11-02T09:30:00Z");
    Story estimatedTask = Story.subTask(history, reestimated, 2, "2026-11-02T09:35:00Z");
    Story followsMove = Story.subTask(history, reparented, 1, "2026-11-02T09:40:00Z");

    started.status("indeterminate", "2026-11-03T10:00:00Z");
    reestimated.estimate(8, "2026-11-03T10:30:00Z");
    reparented.status("indeterminate", "2026-11-03T11:00:00Z");
    deleted.status("indeterminate", "2026-11-03T11:30:00Z");
    unestimated.estimate(5, "2026-11-03T12:00:00Z");
    moved.moveProject("OPS-" + moved.id, "2026-11-03T12:30:00Z");
    checklist.status("indeterminate", "2026-11-03T13:00:00Z");
    followsMove.status("indeterminate", "2026-11-03T13:30:00Z");

    started.status("done", "2026-11-04T09:00:00Z");
    reestimated.status("indeterminate", "2026-11-04T09:30:00Z");
    reparented.parent(epicB, "2026-11-04T10:00:00Z");
    unestimated.status("done", "2026-11-04T10:30:00Z");
    moved.status("done", "2026-11-04T11:00:00Z");

    reestimated.estimate(null, "2026-11-05T09:00:00Z");
    reparented.status("done", "2026-11-05T09:30:00Z");
    deleted.delete("2026-11-05T10:00:00Z");
    checklist.status("done", "2026-11-05T10:30:00Z");
    estimatedTask.estimate(3, "2026-11-05T11:00:00Z");
    return history;
  }

  private static String deliver(String connectionId, Recorded delivery) {
    byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> response = jira.post("/api/v1/integrations/jira/" + connectionId)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("X-Atlassian-Webhook-Identifier", delivery.id())
        .putHeader("X-Hub-Signature", JiraSignature.sign(SECRET, body))
        .sendBuffer(Buffer.buffer(body)).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return Http.json(response).getString("status");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 7_919L, 20_261_205L})
  void shuffledReplayMatchesInOrder(long seed) throws InterruptedException {
    Epic epicA = Epic.next();
    Epic epicB = Epic.next();
    List<Recorded> history = history(epicA, epicB);
    List<Recorded> marker = new ArrayList<>();
    new Story(marker, epicA, 1, "2026-11-06T09:00:00Z");
    Site first = inOrder.site("jira", SECRET, "issue_key", epicA.key(), epicB.key());
    Site second = shuffled.site("jira", SECRET, "issue_key", epicA.key(), epicB.key());

    Replays.assertReplayMatchesInOrder(seed, RETRIES, history, marker.get(0), JiraReplayIT::deliver, inOrder, first,
        shuffled, second, 6, 3);
  }
}
