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
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("body", "is empty; send a JSON object");
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "contains a NUL character (\\u0000), which cannot be stored");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON; send a JSON object");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    return new BodyReader(object, "", new ArrayList<>());
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
      return fail(field, "must be a string");
    }
    String trimmed = s.trim();
    if (trimmed.isEmpty()) {
      return required ? fail(field, "must not be empty") : null;
    }
    if (trimmed.length() > maxLength) {
      return fail(field, "is " + trimmed.length() + " characters long; the limit is " + maxLength);
    }
    return trimmed;
  }

  /** Reads a key (lower-case slug). */
  public String key(String field, boolean required) {
    String key = text(field, 80, required);
    if (key != null && !KEY.matcher(key).matches()) {
      return fail(field, "must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, such as \"checkout-conversion\"");
    }
    return key;
  }

  /** Reads one of the allowed strings. */
  public String oneOf(String field, List<String> allowed, boolean required) {
    String value = text(field, 50, required);
    if (value != null && !allowed.contains(value)) {
      return fail(field, "must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
    }
    return value;
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
      return fail(field, "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
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
      return fail(field, "must be a date such as 2026-10-01");
    }
  }

  /** Reads a decimal number whose magnitude is below 10^15. */
  public BigDecimal number(String field, boolean required) {
    Object value = value(field, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || (n instanceof Double d && !Double.isFinite(d))) {
      return fail(field, "must be a number");
    }
    BigDecimal decimal = n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : new BigDecimal(n.toString());
    if (decimal.abs().compareTo(CloudEventParser.MAX_VALUE) >= 0) {
      return fail(field, "must be smaller than 10^15 in magnitude");
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
      return fail(field, "must be a whole number from " + min + " to " + max);
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
      return fail(field, "must be true or false");
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
      fail(field, "must be an array");
      return List.of();
    }
    if (array.size() > maxItems) {
      fail(field, "has " + array.size() + " items; the limit is " + maxItems);
      return List.of();
    }
    List<BodyReader> readers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject item) {
        readers.add(new BodyReader(item, path(field) + "[" + i + "].", errors));
      } else {
        fail(field + "[" + i + "]", "must be an object");
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
      fail(field, "must be an array of ids");
      return ids;
    }
    if (array.size() > maxItems) {
      fail(field, "has " + array.size() + " ids; the limit is " + maxItems);
      return ids;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = field + "[" + i + "]";
      try {
        UUID id = array.getValue(i) instanceof String text ? UUID.fromString(text) : null;
        if (id == null) {
          fail(element, "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
        } else if (ids.contains(id)) {
          fail(element, "repeats an id named before; name each once");
        } else {
          ids.add(id);
        }
      } catch (IllegalArgumentException e) {
        fail(element, "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69");
      }
    }
    return ids;
  }

  /** Records an error found by a rule across fields. */
  public void reject(String field, String message) {
    fail(field, message);
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
        fail(field, "is not a known field; check its spelling");
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
        fail(field, "is not a known field; check its spelling");
      }
    }
  }

  private Object value(String field, boolean required) {
    read.add(field);
    Object value = json.getValue(field);
    if (value == null && required) {
      fail(field, "is missing");
    }
    return value;
  }

  private <T> T fail(String field, String message) {
    errors.add(new FieldError(path(field), message));
    return null;
  }

  private String path(String field) {
    return prefix + field;
  }
}
