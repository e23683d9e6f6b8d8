package io.momentum.server.integrations;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/** Readers of webhook payload values that collect every invalid field instead of stopping at the first. */
final class PayloadFields {

  private PayloadFields() {
  }

  /** Reads a nested object; returns null when it is absent (an error only when required) or not an object. */
  static JsonObject object(JsonObject json, String field, String path, boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(FieldError.of(path, "missing", "is missing"));
      }
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      errors.add(FieldError.of(path, "not_object", "must be a JSON object"));
      return null;
    }
    return object;
  }

  /**
   * Reads a non-null estimate: a finite number of zero or more, without trailing zeros. Returns
   * null and adds an error otherwise. {@code hint} follows the message of a value that is no number.
   */
  static BigDecimal estimate(Object value, String path, String hint, List<FieldError> errors) {
    if (!(value instanceof Number n) || (n instanceof Double d && !Double.isFinite(d))) {
      errors.add(FieldError.of(path, "not_number", "must be a number or null (no estimate)" + hint));
      return null;
    }
    BigDecimal points = n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
        : new BigDecimal(n.toString());
    if (points.signum() < 0) {
      errors.add(FieldError.of(path, "negative", "must be zero or more, or null for no estimate"));
      return null;
    }
    points = points.stripTrailingZeros();
    return points.scale() < 0 ? points.setScale(0) : points;
  }
}
