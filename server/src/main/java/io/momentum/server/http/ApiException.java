package io.momentum.server.http;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A failure a client can act on: an HTTP status, a stable machine-readable code, a message for
 * people, for validation failures the invalid fields, and for conflicts the details a client
 * needs to recover (such as the current version). {@link ApiErrors} turns it into the response;
 * its message is never an exception text from a library.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<FieldError> fields;
  private final JsonObject details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public ApiException(int status, String code, String message, List<FieldError> fields) {
    this(status, code, message, fields, null);
  }

  /** Creates a failure whose {@code details} are merged into the error object of the response. */
  public ApiException(int status, String code, String message, List<FieldError> fields, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
    this.details = details == null ? new JsonObject() : details.copy();
  }

  /**
   * 409 for an update that was based on an old version: names the current version and carries
   * the current representation, so the client can show it and retry.
   */
  public static ApiException staleVersion(String what, int sentVersion, int currentVersion, JsonObject current) {
    return new ApiException(409, "stale_version", what + " was changed by someone else: you sent version "
        + sentVersion + ", the current version is " + currentVersion + "; reload it and apply your change again",
        List.of(FieldError.of("version", "stale_version", "is " + currentVersion + " now",
            new JsonObject().put("currentVersion", currentVersion))),
        new JsonObject().put("currentVersion", currentVersion).put("current", current));
  }

  /** 409 for an alignment, driver or impact edge that would close a loop, naming it by keys. */
  public static ApiException loop(String field, List<String> loopKeys) {
    return new ApiException(409, "alignment_loop", "The value of " + field + " would create the loop "
        + String.join(" -> ", loopKeys) + ". Link to a node outside this loop instead.",
        List.of(FieldError.of(field, "loop", "would create a loop",
            new JsonObject().put("loop", new io.vertx.core.json.JsonArray(List.copyOf(loopKeys))))),
        new JsonObject().put("loop", new io.vertx.core.json.JsonArray(List.copyOf(loopKeys))));
  }

  /** 400 with every invalid field. */
  public static ApiException invalid(List<FieldError> fields) {
    String summary = fields.size() == 1
        ? fields.get(0).field() + ": " + fields.get(0).message()
        : fields.size() + " fields are invalid; see \"fields\"";
    return new ApiException(400, "validation_failed", summary, fields);
  }

  /** 400 for one invalid field. */
  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /**
   * 400 for one invalid field, with a stable code that clients translate and the values its
   * message names ({@code params}, or null for none).
   */
  public static ApiException invalid(String field, String code, String message, JsonObject params) {
    return invalid(List.of(FieldError.of(field, code, message, params)));
  }

  /** 404 naming what was not found. */
  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " was not found in your organisation");
  }

  /** 409 for a conflict with the current state. */
  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  /**
   * 409 for a conflict with the current state, with a stable code that clients translate and the
   * details its message names, such as the key of a closed cycle.
   */
  public static ApiException conflict(String code, String message, JsonObject details) {
    return new ApiException(409, code, message, List.of(), details);
  }

  /** 403 for an action the caller's credentials do not allow. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fields() {
    return fields;
  }

  /** Returns extra members of the error object; empty for most failures. */
  public JsonObject details() {
    return details.copy();
  }
}
