package io.momentum.streams.event;

import io.vertx.core.json.JsonObject;

/**
 * One invalid field of an input: its path (such as {@code [2].data.value}) and a message that
 * says what is wrong and how to fix it.
 */
public record FieldError(String field, String message) {

  /** Returns the error as {@code {"field": ..., "message": ...}}. */
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }

  /** Returns a copy whose field path starts with {@code prefix}. */
  public FieldError prefixed(String prefix) {
    return new FieldError(prefix + (field.startsWith("[") ? "" : ".") + field, message);
  }
}
