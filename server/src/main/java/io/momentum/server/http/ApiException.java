package io.momentum.server.http;

import io.momentum.streams.event.FieldError;
import java.util.List;

/**
 * A failure a client can act on: an HTTP status, a stable machine-readable code, a message for
 * people, and for validation failures the invalid fields. {@link ApiErrors} turns it into the
 * response; its message is never an exception text from a library.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<FieldError> fields;

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public ApiException(int status, String code, String message, List<FieldError> fields) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
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

  /** 404 naming what was not found. */
  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " was not found in your organisation");
  }

  /** 409 for a conflict with the current state. */
  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
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
}
