package io.momentum.streams.event;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A validated CloudEvents 1.0 event in structured JSON mode, with the Momentum extension
 * attribute {@code orgid}. {@code json} is the event as received, kept for the event table.
 */
public record CloudEvent(String id, String source, EventType type, String subject, Instant time,
                         String orgId, EventData data, JsonObject json) {
}
