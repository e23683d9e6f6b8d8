package io.momentum.server.integrations;

import io.momentum.server.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;

/** Reads the work item rollup of initiatives through the REST API, waiting for the pipeline where needed. */
final class InitiativeWork {

  private final Http api;

  InitiativeWork(Http api) {
    this.api = api;
  }

  /** Polls the initiative for up to 15 seconds until its {@code workItems} rollup satisfies {@code done}. */
  JsonObject await(String id, Predicate<JsonObject> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject read = null;
    while (System.currentTimeMillis() < deadline) {
      read = Http.json(api.get("/api/v1/initiatives/" + id));
      if (read.getJsonObject("workItems") != null && done.test(read.getJsonObject("workItems"))) {
        return read;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Initiative " + id + " did not reach the expected state: " + read);
  }

  JsonObject awaitItems(String id, int count) throws InterruptedException {
    return await(id, work -> work.getInteger("items") == count);
  }

  JsonArray items(String initiativeId) {
    return Http.json(api.get("/api/v1/initiatives/" + initiativeId + "/work-items")).getJsonArray("items");
  }
}
