package io.momentum.streams.event;

import io.vertx.core.json.JsonObject;

/**
 * One invalid field of an input: its path (such as {@code [2].data.value}) and a stable
 * machine-readable {@code code} (such as {@code missing} or {@code taken}) that clients translate.
 * The English message states what is wrong and how to fix it, and {@code params} contains the
 * values it names (such as the limit of a length), so a translation can name them too.
 */
public record FieldError(String field, String message, String code, JsonObject params) {

  /** Code of a field error that has no more specific one. */
  public static final String INVALID = "invalid";

  public FieldError {
    code = code == null ? INVALID : code;
    params = params == null ? new JsonObject() : params.copy();
  }

  /** Creates an error with the general code {@value #INVALID}. */
  public FieldError(String field, String message) {
    this(field, message, INVALID, null);
  }

  /** Returns an error with a code and no params. */
  public static FieldError of(String field, String code, String message) {
    return new FieldError(field, message, code, null);
  }

  /** Returns an error with a code and the values its message names. */
  public static FieldError of(String field, String code, String message, JsonObject params) {
    return new FieldError(field, message, code, params);
  }

  /**
   * Returns the error as {@code {"field", "code", "message"}}, with {@code "params"} when the
   * message names values.
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("field", field).put("code", code).put("message", message);
    if (!params.isEmpty()) {
      json.put("params", params.copy());
    }
    return json;
  }

  /** Returns a copy whose field path starts with {@code prefix}. */
  public FieldError prefixed(String prefix) {
    return new FieldError(prefix + (field.startsWith("[") ? "" : ".") + field, message, code, params);
  }
}
