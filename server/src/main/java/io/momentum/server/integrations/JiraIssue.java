package io.momentum.server.integrations;

import io.momentum.streams.engine.WorkStatus;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Jira Cloud issue that Momentum reads from a webhook body ({@code issue} with its
 * {@code fields}), validated. Work items are keyed by {@code id}, which stays the same when the
 * issue moves to another project and its {@code key} changes.
 *
 * @param parent the issue's parent from {@code fields.parent} (an epic for a story, a story for a
 *     sub-task), or null
 * @param grandparent the parent's own parent when the payload carries it
 *     ({@code fields.parent.fields.parent}), or null
 * @param storyPoints the estimate in the connection's story point field; null means no estimate
 * @param updated {@code fields.updated}: orders deliveries of the same issue
 */
public record JiraIssue(String id, String key, String projectKey, List<String> labels, String issueType,
                        boolean subtask, boolean epic, WorkStatus status, BigDecimal storyPoints,
                        Instant updated, Ancestor parent, Ancestor grandparent) implements TrackedItem {

  /** An issue above this one, by id and key. */
  public record Ancestor(String id, String key) {
  }

  /** The parsed issue, or the invalid fields of the body. */
  public record Result(JiraIssue issue, List<FieldError> errors) {
  }

  @Override
  public String parentId() {
    return parent == null ? null : parent.id();
  }

  @Override
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    keys.add(key);
    if (parent != null && parent.key() != null) {
      keys.add(parent.key());
    }
    if (grandparent != null && grandparent.key() != null) {
      keys.add(grandparent.key());
    }
    return keys;
  }

  /** Returns null, because Jira has no area paths. */
  @Override
  public String areaPath() {
    return null;
  }

  @Override
  public String itemType() {
    return issueType;
  }

  @Override
  public boolean container() {
    return epic;
  }

  private static final int MAX_ID_LENGTH = 100;
  /** Jira's own format of {@code updated}, such as {@code 2026-12-01T10:15:30.123+0000}. */
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

  /**
   * Reads {@code issue} from a webhook body.
   *
   * @param storyPointsField the connection's field with the estimate, such as
   *     {@code customfield_10016}; null reads no estimate
   */
  public static Result parse(JsonObject body, String storyPointsField) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject issue = PayloadFields.object(body, "issue", "issue", true, errors);
    if (issue == null) {
      return new Result(null, errors);
    }
    String id = text(issue, "id", "issue.id", true, errors);
    if (id != null && !id.matches("\\d{1,18}")) {
      errors.add(FieldError.of("issue.id", "not_issue_id", "must be Jira's numeric issue id, such as \"10042\""));
    }
    String key = text(issue, "key", "issue.key", true, errors);

    JsonObject fields = PayloadFields.object(issue, "fields", "issue.fields", true, errors);
    if (fields == null) {
      return new Result(null, errors);
    }
    JsonObject project = PayloadFields.object(fields, "project", "issue.fields.project", false, errors);
    String projectKey = project == null ? null : text(project, "key", "issue.fields.project.key", false, errors);
    List<String> labels = labels(fields, errors);
    JsonObject type = PayloadFields.object(fields, "issuetype", "issue.fields.issuetype", true, errors);
    String typeName = type == null ? null : text(type, "name", "issue.fields.issuetype.name", false, errors);
    Integer level = type == null ? null : type.getValue("hierarchyLevel") instanceof Number n ? n.intValue() : null;
    boolean subtask = type != null && (Boolean.TRUE.equals(type.getValue("subtask")) || (level != null && level < 0));
    boolean epic = level != null ? level >= 1 : "epic".equalsIgnoreCase(typeName);
    WorkStatus status = status(fields, errors);
    BigDecimal points = storyPoints(fields, storyPointsField, errors);
    Instant updated = time(fields, errors);

    Ancestor parent = null;
    Ancestor grandparent = null;
    JsonObject parentJson = PayloadFields.object(fields, "parent", "issue.fields.parent", false, errors);
    if (parentJson != null) {
      parent = ancestor(parentJson, "issue.fields.parent", errors);
      JsonObject parentFields = PayloadFields.object(parentJson, "fields", "issue.fields.parent.fields", false, errors);
      JsonObject above = parentFields == null ? null
          : PayloadFields.object(parentFields, "parent", "issue.fields.parent.fields.parent", false, errors);
      grandparent = above == null ? null : ancestor(above, "issue.fields.parent.fields.parent", errors);
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    String itemType = typeName == null ? null : typeName.length() > 50 ? typeName.substring(0, 50) : typeName;
    return new Result(new JiraIssue(id, key, projectKey, labels, itemType, subtask, epic, status, points, updated,
        parent, grandparent), List.of());
  }

  /**
   * Maps a Jira status category key to Momentum's: {@code new} to todo, {@code indeterminate} to
   * in progress, {@code done} to done. Jira's {@code undefined} ("No Category") counts as todo.
   * Returns null for any other key.
   */
  static WorkStatus category(String key) {
    return switch (key) {
      case "new", "undefined" -> WorkStatus.TODO;
      case "indeterminate" -> WorkStatus.IN_PROGRESS;
      case "done" -> WorkStatus.DONE;
      default -> null;
    };
  }

  private static WorkStatus status(JsonObject fields, List<FieldError> errors) {
    String path = "issue.fields.status.statusCategory.key";
    JsonObject status = PayloadFields.object(fields, "status", "issue.fields.status", true, errors);
    JsonObject category = status == null ? null
        : PayloadFields.object(status, "statusCategory", "issue.fields.status.statusCategory", true, errors);
    String key = category == null ? null : text(category, "key", path, true, errors);
    if (key == null) {
      return null;
    }
    WorkStatus mapped = category(key);
    if (mapped == null) {
      errors.add(FieldError.of(path, "not_allowed", "must be one of new, indeterminate, done or undefined, not \""
          + key + "\"", new JsonObject().put("value", key)));
    }
    return mapped;
  }

  private static BigDecimal storyPoints(JsonObject fields, String field, List<FieldError> errors) {
    if (field == null) {
      return null;
    }
    Object value = fields.getValue(field);
    String path = "issue.fields." + field;
    if (value == null) {
      return null;
    }
    return PayloadFields.estimate(value, path, "; check the connection's storyPointsField", errors);
  }

  private static Instant time(JsonObject fields, List<FieldError> errors) {
    String text = text(fields, "updated", "issue.fields.updated", true, errors);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, JIRA_TIME).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(FieldError.of("issue.fields.updated", "not_time", "must be a time such as 2026-12-01T10:15:30.123+0000, not \""
          + text + "\""));
      return null;
    }
  }

  private static List<String> labels(JsonObject fields, List<FieldError> errors) {
    Object value = fields.getValue("labels");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(FieldError.of("issue.fields.labels", "not_list", "must be a list of strings"));
      return List.of();
    }
    List<String> labels = new ArrayList<>();
    for (Object label : array) {
      if (label instanceof String s) {
        labels.add(s);
      }
    }
    return List.copyOf(labels);
  }

  private static Ancestor ancestor(JsonObject json, String path, List<FieldError> errors) {
    String id = text(json, "id", path + ".id", true, errors);
    String key = text(json, "key", path + ".key", false, errors);
    return id == null ? null : new Ancestor(id, key);
  }

  private static String text(JsonObject json, String field, String path, boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(FieldError.of(path, "missing", "is missing"));
      }
      return null;
    }
    String text = null;
    if (value instanceof Number n) {
      text = n.toString();
    } else if (value instanceof String s) {
      text = s;
    }
    if (text == null || text.isBlank()) {
      errors.add(FieldError.of(path, "not_text", "must be a non-empty string"));
      return null;
    }
    if (text.length() > MAX_ID_LENGTH && !path.endsWith("updated")) {
      errors.add(FieldError.of(path, "too_long", "is longer than " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return text;
  }
}
