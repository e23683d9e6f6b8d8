package io.momentum.server.http;

import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON request body, collecting every invalid field with a message that
 * names the fix. Call {@link #finish()} after the last field: it throws a 400 listing them all, so
 * nothing is stored from a partly valid body. Fields the reader was not asked for are rejected,
 * which catches typos in field names.
 */
public final class BodyReader {

  /** Pattern of node, unit and cycle keys: a slug that reads well in URLs and event subjects. */
  public static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,79}$");

  private final JsonObject json;
  private final String prefix;
  private final List<FieldError> errors;
  private final Set<String> read = new java.util.HashSet<>();

  private BodyReader(JsonObject json, String prefix, List<FieldError> errors) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** Reads the request body, which must be a JSON object. */
  public static BodyReader of(RoutingContext ctx) {
    Object parsed = decode(ctx.body().asString(), "a JSON object");
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    return new BodyReader(object, "", new ArrayList<>());
  }

  /**
   * Decodes a JSON request body. Throws a 400 for an empty body, a NUL character (which
   * PostgreSQL cannot store) or malformed JSON, each message asking for {@code expected}.
   */
  public static Object decode(String text, String expected) {
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("body", "is empty; send " + expected);
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "contains a NUL character (\\u0000), which cannot be stored");
    }
    try {
      return io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON; send " + expected);
    }
  }

  /** Reads a JSON object that was already parsed, reporting fields under {@code prefix}. */
  public static BodyReader of(JsonObject json, String prefix) {
    return new BodyReader(json, prefix, new ArrayList<>());
  }

  /** Returns a copy of the JSON object this reader reads. */
  public JsonObject json() {
    return json.copy();
  }

  /** Returns true when the body has the field, even with a null value. */
  public boolean has(String field) {
    return json.containsKey(field);
  }

  /** Reads a string of 1 to {@code maxLength} characters, trimmed. */
  public String text(String field, int maxLength, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      return fail(field, "not_text", "must be a string", null);
    }
    String trimmed = s.trim();
    if (trimmed.isEmpty()) {
      return required ? fail(field, "empty", "must not be empty", null) : null;
    }
    if (trimmed.length() > maxLength) {
      return fail(field, "too_long", "is " + trimmed.length() + " characters long; the limit is " + maxLength,
          new JsonObject().put("length", trimmed.length()).put("limit", maxLength));
    }
    return trimmed;
  }

  /** Reads a key (lower-case slug). */
  public String key(String field, boolean required) {
    String key = text(field, 80, required);
    if (key != null && !KEY.matcher(key).matches()) {
      return fail(field, "key_format", "must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit,"
          + " such as \"checkout-conversion\"", null);
    }
    return key;
  }

  /** Reads one of the allowed strings. */
  public String oneOf(String field, List<String> allowed, boolean required) {
    String value = text(field, 50, required);
    if (value != null && !allowed.contains(value)) {
      return fail(field, "not_allowed", "must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"",
          new JsonObject().put("allowed", new JsonArray(List.copyOf(allowed))).put("value", value));
    }
    return value;
  }

  /**
   * Reads a non-empty array of distinct strings, each one of {@code allowed}; a bad element is
   * reported as {@code field[i]}.
   */
  public List<String> subsetOf(String field, List<String> allowed, boolean required) {
    Object value = value(field, required);
    List<String> chosen = new ArrayList<>();
    if (value == null) {
      return chosen;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      fail(field, "not_array", "must be a non-empty array of " + String.join(", ", allowed),
          new JsonObject().put("allowed", new JsonArray(List.copyOf(allowed))));
      return chosen;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = field + "[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof String text) || !allowed.contains(text)) {
        fail(element, "not_allowed", "must be one of " + String.join(", ", allowed) + ", not " + item,
            new JsonObject().put("allowed", new JsonArray(List.copyOf(allowed))).put("value", String.valueOf(item)));
      } else if (chosen.contains(text)) {
        fail(element, "repeated", "repeats \"" + text + "\" named before; name each once", null);
      } else {
        chosen.add(text);
      }
    }
    return chosen;
  }

  /** Reads a UUID. */
  public UUID uuid(String field, boolean required) {
    String text = text(field, 36, required);
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return fail(field, "not_id", "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69", null);
    }
  }

  /** Reads an ISO date such as 2026-10-01. */
  public LocalDate date(String field, boolean required) {
    String text = text(field, 10, required);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return fail(field, "not_date", "must be a date such as 2026-10-01", null);
    }
  }

  /** Reads a decimal number whose magnitude is below 10^15. */
  public BigDecimal number(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || (n instanceof Double d && !Double.isFinite(d))) {
      return fail(field, "not_number", "must be a number", null);
    }
    BigDecimal decimal = n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : new BigDecimal(n.toString());
    if (decimal.abs().compareTo(CloudEventParser.MAX_VALUE) >= 0) {
      return fail(field, "number_too_large", "must be smaller than 10^15 in magnitude", null);
    }
    return decimal;
  }

  /** Reads a whole number between {@code min} and {@code max}. */
  public Integer integer(String field, int min, int max, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max) {
      return fail(field, "whole_number_range", "must be a whole number from " + min + " to " + max,
          new JsonObject().put("min", min).put("max", max));
    }
    return n.intValue();
  }

  /** Reads true or false. */
  public Boolean bool(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean b)) {
      return fail(field, "not_boolean", "must be true or false", null);
    }
    return b;
  }

  /** Reads an array of objects, at most {@code maxItems}. */
  public List<BodyReader> objects(String field, int maxItems, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      fail(field, "not_array", "must be an array", null);
      return List.of();
    }
    if (array.size() > maxItems) {
      fail(field, "too_many", "has " + array.size() + " items; the limit is " + maxItems,
          new JsonObject().put("count", array.size()).put("limit", maxItems));
      return List.of();
    }
    List<BodyReader> readers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject item) {
        readers.add(new BodyReader(item, path(field) + "[" + i + "].", errors));
      } else {
        fail(field + "[" + i + "]", "not_object", "must be an object", null);
      }
    }
    return readers;
  }

  /** Reads an array of distinct ids, at most {@code maxItems}; a bad element is reported as {@code field[i]}. */
  public List<UUID> uuids(String field, int maxItems, boolean required) {
    Object value = value(field, required);
    List<UUID> ids = new ArrayList<>();
    if (value == null) {
      return ids;
    }
    if (!(value instanceof JsonArray array)) {
      fail(field, "not_array", "must be an array of ids", null);
      return ids;
    }
    if (array.size() > maxItems) {
      fail(field, "too_many", "has " + array.size() + " ids; the limit is " + maxItems,
          new JsonObject().put("count", array.size()).put("limit", maxItems));
      return ids;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = field + "[" + i + "]";
      try {
        UUID id = array.getValue(i) instanceof String text ? UUID.fromString(text) : null;
        if (id == null) {
          fail(element, "not_id", "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69", null);
        } else if (ids.contains(id)) {
          fail(element, "repeated", "repeats an id named before; name each once", null);
        } else {
          ids.add(id);
        }
      } catch (IllegalArgumentException e) {
        fail(element, "not_id", "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69", null);
      }
    }
    return ids;
  }

  /**
   * Reads an array of up to {@code maxItems} distinct strings of 1 to {@code maxLength} characters,
   * trimmed; a bad element is reported as {@code field[i]}. A missing field or null reads as empty.
   */
  public List<String> texts(String field, int maxItems, int maxLength, boolean required) {
    Object value = value(field, required);
    List<String> texts = new ArrayList<>();
    if (value == null) {
      return texts;
    }
    if (!(value instanceof JsonArray array)) {
      fail(field, "not_array", "must be an array of strings", null);
      return texts;
    }
    if (array.size() > maxItems) {
      fail(field, "too_many", "has " + array.size() + " entries; the limit is " + maxItems,
          new JsonObject().put("count", array.size()).put("limit", maxItems));
      return texts;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = field + "[" + i + "]";
      String text = array.getValue(i) instanceof String s ? s.trim() : null;
      if (text == null || text.isEmpty()) {
        fail(element, "not_text", "must be a non-empty string", null);
      } else if (text.length() > maxLength) {
        fail(element, "too_long", "is " + text.length() + " characters long; the limit is " + maxLength,
            new JsonObject().put("length", text.length()).put("limit", maxLength));
      } else if (texts.contains(text)) {
        fail(element, "repeated", "repeats an entry named before; name each once", null);
      } else {
        texts.add(text);
      }
    }
    return texts;
  }

  /** Reads a JSON object, such as a map from names to values; null when absent and not required. */
  public JsonObject object(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      return fail(field, "not_object", "must be a JSON object", null);
    }
    return object;
  }

  /**
   * Reads a JSON object as a nested reader whose errors are reported as {@code field.member} with
   * this reader's; returns null when it is absent (and not required) or not an object. Call
   * {@link #finishNested()} on it after its last member.
   */
  public BodyReader nested(String field, boolean required) {
    JsonObject object = object(field, required);
    return object == null ? null : new BodyReader(object, path(field) + ".", errors);
  }

  /** Records an error found by a rule across fields, with the general code {@value FieldError#INVALID}. */
  public void reject(String field, String message) {
    fail(field, FieldError.INVALID, message, null);
  }

  /**
   * Records an error found by a rule across fields, with a stable code that clients translate and
   * the values its message names ({@code params}, or null for none).
   */
  public void reject(String field, String code, String message, JsonObject params) {
    fail(field, code, message, params);
  }

  /**
   * Returns true when an error was recorded on {@code field} or on one of its elements, so a rule
   * that depends on the field can stay silent instead of reporting the same fault twice.
   */
  public boolean rejected(String field) {
    String path = path(field);
    return errors.stream().anyMatch(e -> e.field().equals(path) || e.field().startsWith(path + "[")
        || e.field().startsWith(path + "."));
  }

  /** Returns the errors so far. */
  public List<FieldError> errors() {
    return errors;
  }

  /** Rejects unread fields and throws a 400 listing every invalid field, if any. */
  public void finish() {
    for (String field : json.fieldNames()) {
      if (!read.contains(field)) {
        fail(field, "unknown_field", "is not a known field; check its spelling", null);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  /** Rejects unread fields of this nested object without throwing; the root reader throws. */
  public void finishNested() {
    for (String field : json.fieldNames()) {
      if (!read.contains(field)) {
        fail(field, "unknown_field", "is not a known field; check its spelling", null);
      }
    }
  }

  private Object value(String field, boolean required) {
    read.add(field);
    Object value = json.getValue(field);
    if (value == null && required) {
      fail(field, "missing", "is missing", null);
    }
    return value;
  }

  private <T> T fail(String field, String code, String message, JsonObject params) {
    errors.add(FieldError.of(path(field), code, message, params));
    return null;
  }

  private String path(String field) {
    return prefix + field;
  }
}
