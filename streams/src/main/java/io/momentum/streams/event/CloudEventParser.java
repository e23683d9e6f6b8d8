package io.momentum.streams.event;

import io.momentum.streams.engine.WorkStatus;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates the CloudEvents envelope and the {@code data} of each event type, collecting every
 * invalid field with a message that names the fix. It checks the shape only: whether the subject
 * exists in the organisation is checked by the caller, which has the goal model.
 */
public final class CloudEventParser {

  /** Largest accepted magnitude of a value: beyond it, a typo is far more likely than a real number. */
  public static final BigDecimal MAX_VALUE = new BigDecimal("1e15");
  /** How far in the future an event's time may lie, to tolerate clock skew between services. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final int MAX_ID_LENGTH = 200;
  public static final int MAX_SOURCE_LENGTH = 500;
  public static final int MAX_SUBJECT_LENGTH = 200;
  public static final int MAX_TEXT_LENGTH = 4000;

  private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

  private final Clock clock;

  public CloudEventParser(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns true when JSON text contains an escaped NUL character, which PostgreSQL's text and
   * jsonb types cannot store; such input is rejected as a whole.
   */
  public static boolean containsNul(String json) {
    return json.contains("\\u0000") || json.indexOf('\0') >= 0;
  }

  /** Result of parsing one event: the event, or the list of invalid fields. */
  public record Result(CloudEvent event, List<FieldError> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /**
   * Parses one event.
   *
   * @param externalOnly true for input from outside (HTTP), where internal types are rejected
   */
  public Result parse(Object input, boolean externalOnly) {
    List<FieldError> errors = new ArrayList<>();
    if (!(input instanceof JsonObject json)) {
      errors.add(new FieldError("event", "must be a JSON object in CloudEvents structured mode"));
      return new Result(null, errors);
    }
    String specVersion = string(json, "specversion", 10, true, errors);
    if (specVersion != null && !"1.0".equals(specVersion)) {
      errors.add(new FieldError("specversion", "must be \"1.0\" (CloudEvents 1.0), not \"" + specVersion + "\""));
    }
    String id = string(json, "id", MAX_ID_LENGTH, true, errors);
    String source = string(json, "source", MAX_SOURCE_LENGTH, true, errors);
    String subject = string(json, "subject", MAX_SUBJECT_LENGTH, true, errors);
    String orgId = string(json, "orgid", 63, true, errors);
    if (orgId != null && !ORG_ID.matcher(orgId).matches()) {
      errors.add(new FieldError("orgid", "must be an organisation id: lower-case letters, digits and '-'"));
    }
    EventType type = type(json, externalOnly, errors);
    Instant time = time(json, errors);
    Object contentType = json.getValue("datacontenttype");
    if (contentType != null && !(contentType instanceof String s && s.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
      errors.add(new FieldError("datacontenttype", "must be \"application/json\" or left out"));
    }
    EventData data = null;
    Object rawData = json.getValue("data");
    if (!(rawData instanceof JsonObject dataJson)) {
      errors.add(new FieldError("data", rawData == null
          ? "is missing: send the payload as a JSON object in \"data\""
          : "must be a JSON object"));
    } else if (type != null) {
      data = data(type, dataJson, errors);
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    return new Result(new CloudEvent(id, source, type, subject, time, orgId, data, json), List.of());
  }

  private EventType type(JsonObject json, boolean externalOnly, List<FieldError> errors) {
    String wire = string(json, "type", 100, true, errors);
    if (wire == null) {
      return null;
    }
    EventType type = EventType.fromWire(wire).orElse(null);
    if (type == null || (externalOnly && !type.external())) {
      errors.add(new FieldError("type", "unknown event type \"" + wire + "\"; use one of "
          + EventType.externalList()));
      return null;
    }
    return type;
  }

  private Instant time(JsonObject json, List<FieldError> errors) {
    if (json.getValue("time") == null) {
      errors.add(new FieldError("time", "is missing: send the instant the value was observed as an RFC 3339 timestamp"
          + " such as 2026-12-01T09:00:00Z"));
      return null;
    }
    String text = string(json, "time", 64, true, errors);
    if (text == null) {
      return null;
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("time", "must be an RFC 3339 timestamp such as 2026-12-04T10:00:00Z, not \"" + text + "\""));
      return null;
    }
    Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
    if (time.isAfter(latest)) {
      errors.add(new FieldError("time", "lies more than " + MAX_CLOCK_SKEW.toMinutes()
          + " minutes in the future; send the time the value was observed"));
      return null;
    }
    return time;
  }

  private EventData data(EventType type, JsonObject data, List<FieldError> errors) {
    int before = errors.size();
    EventData result = switch (type) {
      case KEY_RESULT_VALUE -> keyResultValue(data, errors);
      case CHECK_IN -> checkIn(data, errors);
      case KPI_MEASUREMENT -> new EventData.Measurement(number(data, "value", true, errors));
      case WORK_ITEM_CHANGED -> workItem(data, errors);
      case DEFINITION_CHANGED -> new EventData.DefinitionChanged(
          oneOf(data, "entity", EventData.DefinitionChanged.ENTITIES, errors),
          dataString(data, "id", 100, true, errors));
    };
    return errors.size() == before ? result : null;
  }

  private EventData keyResultValue(JsonObject data, List<FieldError> errors) {
    if (data.containsKey("milestone")) {
      String milestone = dataString(data, "milestone", MAX_SUBJECT_LENGTH, true, errors);
      Boolean done = bool(data, "done", true, errors);
      return new EventData.Milestone(milestone, done != null && done);
    }
    return new EventData.Value(number(data, "value", true, errors));
  }

  private EventData checkIn(JsonObject data, List<FieldError> errors) {
    BigDecimal value = number(data, "value", false, errors);
    Integer confidence = null;
    Object rawConfidence = data.getValue("confidence");
    if (rawConfidence != null) {
      if (rawConfidence instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && n.intValue() >= 0 && n.intValue() <= 10) {
        confidence = n.intValue();
      } else {
        errors.add(new FieldError("data.confidence", "must be a whole number from 0 to 10"));
      }
    }
    if (value == null && rawConfidence == null && !data.containsKey("value")) {
      errors.add(new FieldError("data", "a check-in needs \"value\", \"confidence\" or both"));
    }
    String note = dataString(data, "note", MAX_TEXT_LENGTH, false, errors);
    String blockers = dataString(data, "blockers", MAX_TEXT_LENGTH, false, errors);
    String author = dataString(data, "author", MAX_SUBJECT_LENGTH, false, errors);
    return new EventData.CheckIn(value, confidence, note, blockers, author);
  }

  private EventData workItem(JsonObject data, List<FieldError> errors) {
    String system = dataString(data, "system", 50, true, errors);
    String externalId = dataString(data, "externalId", MAX_ID_LENGTH, true, errors);
    String itemType = dataString(data, "itemType", 50, false, errors);
    String status = oneOf(data, "statusCategory", List.of("todo", "in_progress", "done"), errors);
    BigDecimal points = number(data, "storyPoints", false, errors);
    if (points != null && points.signum() < 0) {
      errors.add(new FieldError("data.storyPoints", "must be zero or more, or null for no estimate"));
    }
    String parent = dataString(data, "parentExternalId", MAX_ID_LENGTH, false, errors);
    Boolean deleted = bool(data, "deleted", false, errors);
    return new EventData.WorkItem(system, externalId, itemType,
        status == null ? null : WorkStatus.fromWire(status), points, parent,
        deleted != null && deleted);
  }

  private static String string(JsonObject json, String field, int maxLength, boolean required,
                               List<FieldError> errors) {
    return text(json, field, field, maxLength, required, errors);
  }

  private static String dataString(JsonObject json, String field, int maxLength, boolean required,
                                   List<FieldError> errors) {
    return text(json, field, "data." + field, maxLength, required, errors);
  }

  private static String text(JsonObject json, String field, String path, int maxLength,
                             boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(new FieldError(path, "is missing"));
      }
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }
    if (s.isBlank()) {
      errors.add(new FieldError(path, "must not be empty"));
      return null;
    }
    if (s.length() > maxLength) {
      errors.add(new FieldError(path, "is " + s.length() + " characters long; the limit is " + maxLength));
      return null;
    }
    return s;
  }

  private static String oneOf(JsonObject json, String field, List<String> allowed,
                              List<FieldError> errors) {
    String value = text(json, field, "data." + field, 50, true, errors);
    if (value != null && !allowed.contains(value)) {
      errors.add(new FieldError("data." + field, "must be one of " + String.join(", ", allowed)
          + ", not \"" + value + "\""));
      return null;
    }
    return value;
  }

  private static Boolean bool(JsonObject json, String field, boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(new FieldError("data." + field, "is missing: send true or false"));
      }
      return null;
    }
    if (!(value instanceof Boolean b)) {
      errors.add(new FieldError("data." + field, "must be true or false"));
      return null;
    }
    return b;
  }

  /**
   * Reads a JSON number as a decimal. JSON decoding gives binary doubles; {@link
   * BigDecimal#valueOf(double)} turns them back into the shortest decimal that denotes the same
   * double, which is the number the sender wrote for up to 15 significant digits.
   */
  private static BigDecimal number(JsonObject json, String field, boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    String path = "data." + field;
    if (value == null) {
      if (required) {
        errors.add(new FieldError(path, "is missing: send a number"));
      }
      return null;
    }
    if (!(value instanceof Number n)) {
      errors.add(new FieldError(path, "must be a number, not " + describe(value)));
      return null;
    }
    BigDecimal decimal;
    if (n instanceof BigDecimal d) {
      decimal = d;
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        errors.add(new FieldError(path, "must be a finite number"));
        return null;
      }
      decimal = BigDecimal.valueOf(d);
    } else {
      decimal = new BigDecimal(n.toString());
    }
    if (decimal.abs().compareTo(MAX_VALUE) >= 0) {
      errors.add(new FieldError(path, "must be smaller than 10^15 in magnitude"));
      return null;
    }
    return decimal.stripTrailingZeros().scale() < 0 ? decimal.setScale(0) : decimal.stripTrailingZeros();
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
