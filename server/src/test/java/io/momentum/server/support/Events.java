package io.momentum.server.support;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** CloudEvents JSON for tests. */
public final class Events {

  private Events() {
  }

  /** A {@code momentum.keyresult.value} event with a fresh id. */
  public static JsonObject value(String orgId, String subject, double value, Instant time) {
    return event(orgId, "momentum.keyresult.value", subject, time, new JsonObject().put("value", value));
  }

  /** An event of any type with a fresh id from source {@code urn:test}. */
  public static JsonObject event(String orgId, String type, String subject, Instant time, JsonObject data) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", UUID.randomUUID().toString())
        .put("source", "urn:test")
        .put("type", type)
        .put("subject", subject)
        .put("time", time.toString())
        .put("orgid", orgId)
        .put("datacontenttype", "application/json")
        .put("data", data);
  }
}
