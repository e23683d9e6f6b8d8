package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.integrations.Replays.Side;
import io.momentum.server.integrations.Replays.Site;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends Jira deliveries concurrently to a real node, so that they are applied in shared batches,
 * and checks that a batch keeps the guarantees of a delivery applied alone.
 */
class WebhookBatchIT {

  private static final String SECRET = "A-jira-batch-secret-for-tests";
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
      .withZone(ZoneOffset.UTC);
  private static final AtomicLong ISSUE_IDS = new AtomicLong(120_000);
  private static final Pattern BATCH_SIZE = Pattern.compile(
      "momentum_integration_batch_size_(count|sum)\\{tracker=\"jira\"[^}]*} ([0-9.E+]+)");
  private static final int CONCURRENT = 40;

  private static Side first;
  private static Side second;
  private static WebClient jira;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    MomentumNode node = TestNode.get();
    first = Side.create(node, "batch-first");
    second = Side.create(node, "batch-second");
    jira = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(TestNode.httpPort()), new PoolOptions().setHttp1MaxSize(CONCURRENT * 2));
  }

  /** A recorded delivery of one story under an epic. */
  private record Sent(String deliveryId, String issueId, String body) {
  }

  private static Sent story(String issueId, String epicKey, String category, String updated) {
    JsonObject fields = new JsonObject()
        .put("summary", "Batch story " + issueId)
        .put("project", new JsonObject().put("id", "10000").put("key", "SHOP"))
        .put("issuetype", new JsonObject().put("name", "Story").put("subtask", false).put("hierarchyLevel", 0))
        .put("status", new JsonObject().put("name", "Status " + category).put("statusCategory",
            new JsonObject().put("key", category).put("name", category)))
        .put("labels", new JsonArray())
        .put("customfield_10016", 2)
        .put("parent", new JsonObject().put("id", "9" + epicKey.hashCode()).put("key", epicKey).put("fields",
            new JsonObject().put("summary", "Epic").put("issuetype", new JsonObject().put("name", "Epic")
                .put("hierarchyLevel", 1))))
        .put("updated", updated)
        .put("created", "2026-11-01T08:00:00.000+0000");
    JsonObject body = new JsonObject()
        .put("timestamp", Instant.parse("2026-11-20T09:00:00Z").toEpochMilli())
        .put("webhookEvent", "jira:issue_created")
        .put("issue", new JsonObject().put("id", issueId).put("key", "SHOP-" + issueId).put("fields", fields));
    return new Sent(UUID.randomUUID().toString(), issueId, body.encode());
  }

  private static List<Sent> stories(String epicKey, int count) {
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(story(String.valueOf(ISSUE_IDS.incrementAndGet()), epicKey, "new", "2026-11-20T09:00:00.000+0000"));
    }
    return sent;
  }

  /** Sends every delivery at once and returns the responses in the order of {@code deliveries}. */
  private static List<HttpResponse<Buffer>> sendAll(List<String> connectionIds, List<Sent> deliveries) {
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      byte[] body = deliveries.get(i).body().getBytes(StandardCharsets.UTF_8);
      responses.add(jira.post("/api/v1/integrations/jira/" + connectionIds.get(i))
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("X-Atlassian-Webhook-Identifier", deliveries.get(i).deliveryId())
          .putHeader("X-Hub-Signature", JiraSignature.sign(SECRET, body))
          .sendBuffer(Buffer.buffer(body)));
    }
    Future.join(responses).await();
    return responses.stream().map(Future::result).toList();
  }

  private static List<HttpResponse<Buffer>> sendAll(String connectionId, List<Sent> deliveries) {
    return sendAll(deliveries.stream().map(d -> connectionId).toList(), deliveries);
  }

  private static String status(HttpResponse<Buffer> response) {
    return Http.json(response).getString("status");
  }

  private static List<String> externalIds(Side side, String initiativeId) {
    return side.rollups().items(initiativeId).stream().map(i -> ((JsonObject) i).getString("externalId")).toList();
  }

  /** Returns the sum minus the count of the Jira batch sizes: it grows only with batches of two or more. */
  private static double deliveriesBeyondFirstPerBatch() {
    Matcher matcher = BATCH_SIZE.matcher(Http.anonymous().get("/metrics").bodyAsString());
    double count = 0;
    double sum = 0;
    while (matcher.find()) {
      if (matcher.group(1).equals("count")) {
        count = Double.parseDouble(matcher.group(2));
      } else {
        sum = Double.parseDouble(matcher.group(2));
      }
    }
    return sum - count;
  }

  /** A connection whose rule on {@code epic} maps stories to the site's initiative A. */
  private record Mapped(Site site, String epic) {
  }

  private static Mapped mapped(Side side) {
    String epic = "SHOP-" + ISSUE_IDS.incrementAndGet();
    return new Mapped(side.site("jira", SECRET, "issue_key", epic, "SHOP-" + ISSUE_IDS.incrementAndGet()), epic);
  }

  @Test
  void concurrentDeliveriesShareBatches() throws InterruptedException {
    Mapped mapped = mapped(first);
    Site site = mapped.site();
    List<Sent> deliveries = stories(mapped.epic(), CONCURRENT);
    double before = deliveriesBeyondFirstPerBatch();

    List<HttpResponse<Buffer>> responses = sendAll(site.connectionId(), deliveries);

    first.rollups().awaitItems(site.initiativeA(), CONCURRENT);
    assertThat(responses).allSatisfy(response -> assertThat(status(response)).isEqualTo("published"));
    assertThat(externalIds(first, site.initiativeA()))
        .containsExactlyInAnyOrderElementsOf(deliveries.stream().map(Sent::issueId).toList());
    assertThat(deliveriesBeyondFirstPerBatch()).isGreaterThan(before);
  }

  @Test
  void concurrentRetriesApplyOnce() throws InterruptedException {
    Mapped mapped = mapped(first);
    Site site = mapped.site();
    List<Sent> deliveries = new ArrayList<>(stories(mapped.epic(), CONCURRENT));
    Sent retried = deliveries.get(0);
    deliveries.add(retried);
    deliveries.add(retried);

    List<HttpResponse<Buffer>> responses = sendAll(site.connectionId(), deliveries);

    first.rollups().awaitItems(site.initiativeA(), CONCURRENT);
    List<String> retriedStatuses = List.of(status(responses.get(0)), status(responses.get(CONCURRENT)),
        status(responses.get(CONCURRENT + 1)));
    assertThat(retriedStatuses).containsExactlyInAnyOrder("published", "duplicate", "duplicate");
    assertThat(responses.subList(1, CONCURRENT)).allSatisfy(response -> assertThat(status(response))
        .isEqualTo("published"));
  }

  @Test
  void invalidDeliveryFailsAlone() throws InterruptedException {
    Mapped mapped = mapped(first);
    Site site = mapped.site();
    List<Sent> deliveries = new ArrayList<>(stories(mapped.epic(), CONCURRENT));
    // A change time a day ahead of the clock is beyond the pipeline's clock-skew limit, so its event is invalid.
    String tomorrow = JIRA_TIME.format(Instant.now().plusSeconds(86_400));
    deliveries.add(CONCURRENT / 2, story(String.valueOf(ISSUE_IDS.incrementAndGet()), mapped.epic(), "new", tomorrow));

    List<HttpResponse<Buffer>> responses = sendAll(site.connectionId(), deliveries);

    first.rollups().awaitItems(site.initiativeA(), CONCURRENT);
    assertThat(responses.get(CONCURRENT / 2).statusCode()).as(responses.get(CONCURRENT / 2).bodyAsString())
        .isEqualTo(400);
    List<HttpResponse<Buffer>> others = new ArrayList<>(responses);
    others.remove(CONCURRENT / 2);
    assertThat(others).allSatisfy(response -> assertThat(status(response)).isEqualTo("published"));
  }

  @Test
  void newerStateWinsConcurrentReplay() throws InterruptedException {
    Mapped mapped = mapped(first);
    Site site = mapped.site();
    String issueId = String.valueOf(ISSUE_IDS.incrementAndGet());
    List<Sent> deliveries = new ArrayList<>(stories(mapped.epic(), CONCURRENT));
    deliveries.add(story(issueId, mapped.epic(), "done", "2026-11-22T09:00:00.000+0000"));
    deliveries.add(story(issueId, mapped.epic(), "indeterminate", "2026-11-21T09:00:00.000+0000"));
    deliveries.add(story(issueId, mapped.epic(), "new", "2026-11-20T09:00:00.000+0000"));

    sendAll(site.connectionId(), deliveries);

    JsonObject read = first.rollups().await(site.initiativeA(), work -> work.getInteger("items") == CONCURRENT + 1
        && work.getDouble("done", 0.0) == 2.0);
    JsonObject item = first.rollups().items(site.initiativeA()).stream().map(JsonObject.class::cast)
        .filter(i -> issueId.equals(i.getString("externalId"))).findFirst().orElseThrow();
    assertThat(item.getString("statusCategory")).isEqualTo("done");
    assertThat(read.getJsonObject("workItems").getDouble("done")).isEqualTo(2.0);
  }

  @Test
  void mixedOrganisationsStayApart() throws InterruptedException {
    Mapped firstMapped = mapped(first);
    Mapped secondMapped = mapped(second);
    Site firstSite = firstMapped.site();
    Site secondSite = secondMapped.site();
    List<Sent> firstStories = stories(firstMapped.epic(), CONCURRENT / 2);
    List<Sent> secondStories = stories(secondMapped.epic(), CONCURRENT / 2);
    List<Sent> deliveries = new ArrayList<>();
    List<String> connections = new ArrayList<>();
    for (int i = 0; i < CONCURRENT / 2; i++) {
      deliveries.add(firstStories.get(i));
      connections.add(firstSite.connectionId());
      deliveries.add(secondStories.get(i));
      connections.add(secondSite.connectionId());
    }

    sendAll(connections, deliveries);

    first.rollups().awaitItems(firstSite.initiativeA(), CONCURRENT / 2);
    second.rollups().awaitItems(secondSite.initiativeA(), CONCURRENT / 2);
    assertThat(externalIds(first, firstSite.initiativeA()))
        .containsExactlyInAnyOrderElementsOf(firstStories.stream().map(Sent::issueId).toList());
    assertThat(externalIds(second, secondSite.initiativeA()))
        .containsExactlyInAnyOrderElementsOf(secondStories.stream().map(Sent::issueId).toList());
  }
}
