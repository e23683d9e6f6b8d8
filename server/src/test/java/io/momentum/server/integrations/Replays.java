package io.momentum.server.integrations;

import static io.momentum.server.support.Goals.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Goals;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Builds out-of-order replays of a tracker's delivery history, sends them to a real node and compares the
 * state that two organisations reach from them.
 */
final class Replays {

  private Replays() {
  }

  /**
   * One delivery as a tracker sends it. A retry sends the same identifier and the same body: Jira
   * puts the identifier in a header, Azure DevOps in the body's {@code id}.
   */
  record Recorded(String id, String body) {
  }

  /** Sends one delivery to a connection and returns the {@code status} of the webhook's response. */
  @FunctionalInterface
  interface Sender {
    String send(String connectionId, Recorded delivery);
  }

  /** A connection with two initiatives, A and B, each mapped by one rule. */
  record Site(String connectionId, String initiativeA, String initiativeB) {
  }

  /** One organisation with its API client. */
  record Side(TestOrg org, Http api, Goals goals, InitiativeWork rollups) {

    static Side create(MomentumNode node, String prefix) throws InterruptedException {
      TestOrg org = TestOrg.create(node, prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(node);
      Http api = Http.withToken(org.token);
      return new Side(org, api, new Goals(api, org), new InitiativeWork(api));
    }

    /**
     * Creates a connection of {@code kind} with the given secret, and two initiatives that rules of
     * {@code matchKind} map from {@code matchA} and {@code matchB}.
     */
    Site site(String kind, String secret, String matchKind, String matchA, String matchB) {
      String initiativeA = goals.initiative(key("replay-a")).getString("id");
      String initiativeB = goals.initiative(key("replay-b")).getString("id");
      HttpResponse<Buffer> created = api.post("/api/v1/integrations/connections", new JsonObject().put("kind", kind)
          .put("name", "Replay " + UUID.randomUUID()).put("secret", secret));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      String connectionId = Http.json(created).getString("id");
      rule(connectionId, matchKind, matchA, initiativeA);
      rule(connectionId, matchKind, matchB, initiativeB);
      return new Site(connectionId, initiativeA, initiativeB);
    }

    private void rule(String connectionId, String matchKind, String value, String initiativeId) {
      HttpResponse<Buffer> response = api.post("/api/v1/integrations/connections/" + connectionId + "/rules",
          new JsonObject().put("matchKind", matchKind).put("matchValue", value).put("initiativeId", initiativeId));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    }

    JsonObject initiative(String id) {
      return Http.json(api.get("/api/v1/initiatives/" + id));
    }
  }

  /**
   * Sends {@code history} in order to {@code first} and, shuffled by {@code seed} with
   * {@code retries} repeated deliveries, to {@code second}. Then sends {@code marker}, a new item
   * for initiative A, to both and waits until A shows {@code itemsA} items. Events of one
   * organisation are applied in order, so every earlier delivery has been applied then. Asserts
   * that both initiatives A and both initiatives B are equal, and that B in order has
   * {@code itemsB} items.
   */
  static void assertReplayMatchesInOrder(long seed, int retries, List<Recorded> history, Recorded marker, Sender sender,
                                         Side inOrder, Site first, Side shuffled, Site second, int itemsA, int itemsB)
      throws InterruptedException {
    List<Recorded> replay = shuffledWithRetries(history, seed, retries);
    List<String> inOrderStatuses = new ArrayList<>();
    for (Recorded delivery : history) {
      inOrderStatuses.add(sender.send(first.connectionId(), delivery));
    }
    List<String> replayStatuses = new ArrayList<>();
    for (Recorded delivery : replay) {
      replayStatuses.add(sender.send(second.connectionId(), delivery));
    }
    String context = "seed " + seed;
    assertThat(sender.send(first.connectionId(), marker)).as(context).isEqualTo("published");
    assertThat(sender.send(second.connectionId(), marker)).as(context).isEqualTo("published");
    JsonObject firstA = inOrder.rollups().awaitItems(first.initiativeA(), itemsA);
    JsonObject secondA = shuffled.rollups().awaitItems(second.initiativeA(), itemsA);

    assertThat(inOrderStatuses).as(context).containsOnly("published");
    assertThat(replayStatuses.stream().filter("duplicate"::equals)).as(context).hasSize(retries);
    assertThat(inOrder.rollups().items(first.initiativeB())).as("in-order items of initiative B, " + context)
        .hasSize(itemsB);
    assertSameState(context + ", initiative A", firstA, inOrder.rollups().items(first.initiativeA()),
        secondA, shuffled.rollups().items(second.initiativeA()));
    assertSameState(context + ", initiative B", inOrder.initiative(first.initiativeB()),
        inOrder.rollups().items(first.initiativeB()), shuffled.initiative(second.initiativeB()),
        shuffled.rollups().items(second.initiativeB()));
  }

  /**
   * Returns the history in an order drawn from {@code seed}, with {@code retries} of its
   * deliveries sent a second time at a later random position.
   */
  static List<Recorded> shuffledWithRetries(List<Recorded> history, long seed, int retries) {
    Random random = new Random(seed);
    List<Recorded> replay = new ArrayList<>(history);
    Collections.shuffle(replay, random);
    for (int i = 0; i < retries; i++) {
      int original = random.nextInt(replay.size());
      int retryAt = original + 1 + random.nextInt(replay.size() - original);
      replay.add(retryAt, replay.get(original));
    }
    return replay;
  }

  /**
   * Returns the work items of one initiative without the fields that name the connection (which
   * differs between organisations), ordered by external id.
   */
  static List<JsonObject> comparable(JsonArray items) {
    List<JsonObject> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i).copy();
      item.remove("system");
      item.remove("source");
      result.add(item);
    }
    result.sort(Comparator.comparing(item -> item.getString("externalId")));
    return result;
  }

  /**
   * Asserts that two initiatives show the same progress, the same work item rollup and the same
   * work items. {@code context} names the seed and the initiative in failure messages.
   */
  private static void assertSameState(String context, JsonObject inOrder, JsonArray inOrderItems, JsonObject shuffled,
                              JsonArray shuffledItems) {
    assertThat(shuffled.getDouble("progress")).as("progress of %s", context).isEqualTo(inOrder.getDouble("progress"));
    assertThat(shuffled.getJsonObject("workItems")).as("work item rollup of %s", context)
        .isEqualTo(inOrder.getJsonObject("workItems"));
    assertThat(comparable(shuffledItems)).as("work items of %s", context).isEqualTo(comparable(inOrderItems));
  }
}
