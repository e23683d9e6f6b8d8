package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Builds out-of-order replays of a tracker's delivery history and compares the state that two
 * organisations reach from them.
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
  static void assertSameState(String context, JsonObject inOrder, JsonArray inOrderItems, JsonObject shuffled,
                              JsonArray shuffledItems) {
    assertThat(shuffled.getDouble("progress")).as("progress of %s", context).isEqualTo(inOrder.getDouble("progress"));
    assertThat(shuffled.getJsonObject("workItems")).as("work item rollup of %s", context)
        .isEqualTo(inOrder.getJsonObject("workItems"));
    assertThat(comparable(shuffledItems)).as("work items of %s", context).isEqualTo(comparable(inOrderItems));
  }
}
