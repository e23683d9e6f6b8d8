package io.momentum.server.integrations;

import io.momentum.streams.engine.WorkStatus;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an Azure DevOps work item that Momentum reads from a service hook body, validated.
 * In {@code workitem.created}, {@code workitem.deleted} and {@code workitem.restored} the
 * {@code resource} is the work item itself. In {@code workitem.updated} the resource is the update:
 * its {@code id} is the update's id, the work item's id is {@code resource.workItemId}, and the
 * work item after the update is {@code resource.revision}.
 *
 * @param areaPath {@code System.AreaPath}, such as {@code Shop\Checkout}, or null
 * @param removed true when the state is in the Removed category, so the item leaves every rollup
 * @param storyPoints the first of StoryPoints, Effort and Size that has a value; null is no estimate
 * @param revision the work item's {@code rev}: orders deliveries of the same work item
 * @param changed {@code System.ChangedDate} of this revision, or null when the payload has none
 * @param parentKnown false when the payload has neither {@code System.Parent} nor relations, so
 *     it does not say whether the work item has a parent
 */
public record AzureWorkItem(String id, String parentId, boolean parentKnown, String projectKey, String areaPath,
                            List<String> labels, String itemType, boolean container, WorkStatus status, boolean removed,
                            BigDecimal storyPoints, int revision, Instant changed) implements TrackedItem {

  /** The parsed work item, or the invalid fields of the body. */
  public record Result(AzureWorkItem item, List<FieldError> errors) {
  }

  /**
   * The estimate fields of the standard processes, in the order they are read: StoryPoints
   * (Agile), Effort (Scrum) and Size (CMMI). Basic has none of them.
   */
  static final List<String> POINT_FIELDS = List.of("Microsoft.VSTS.Scheduling.StoryPoints",
      "Microsoft.VSTS.Scheduling.Effort", "Microsoft.VSTS.Scheduling.Size");
  /** The link type from a work item to its parent. */
  static final String PARENT_LINK = "System.LinkTypes.Hierarchy-Reverse";
  /** Work item types that group work and are no work items themselves. */
  private static final List<String> CONTAINER_TYPES = List.of("epic", "feature");
  private static final Pattern WORK_ITEM_URL = Pattern.compile("/workitems/(\\d{1,10})/?$", Pattern.CASE_INSENSITIVE);
  private static final int MAX_TEXT_LENGTH = 4000;

  /** Azure DevOps state categories, named on the wire in lower case ({@code in_progress}). */
  enum Category {
    PROPOSED, IN_PROGRESS, RESOLVED, COMPLETED, REMOVED;

    /** The wire names of all categories, in process order. */
    static final List<String> WIRE_NAMES = java.util.Arrays.stream(values()).map(Category::wireName).toList();

    /** Returns the name of this category in the REST API and in stored state maps. */
    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the category with this wire name, or null when there is none. */
    static Category fromWire(String wireName) {
      for (Category category : values()) {
        if (category.wireName().equals(wireName)) {
          return category;
        }
      }
      return null;
    }
  }

  /**
   * The states of the standard Agile, Scrum, CMMI and Basic processes (work items, test cases and
   * test plans) by lower-case name, with the category each process gives them. Service hook
   * payloads carry the state name only, not its category.
   */
  static final Map<String, Category> STANDARD_STATES = Map.ofEntries(
      Map.entry("new", Category.PROPOSED),
      Map.entry("proposed", Category.PROPOSED),
      Map.entry("to do", Category.PROPOSED),
      Map.entry("approved", Category.PROPOSED),
      Map.entry("design", Category.PROPOSED),
      Map.entry("active", Category.IN_PROGRESS),
      Map.entry("committed", Category.IN_PROGRESS),
      Map.entry("in progress", Category.IN_PROGRESS),
      Map.entry("doing", Category.IN_PROGRESS),
      Map.entry("ready", Category.IN_PROGRESS),
      Map.entry("resolved", Category.RESOLVED),
      Map.entry("closed", Category.COMPLETED),
      Map.entry("done", Category.COMPLETED),
      Map.entry("inactive", Category.COMPLETED),
      Map.entry("removed", Category.REMOVED));

  /** Reads the work item of a service hook body with the standard states only. */
  public static Result parse(JsonObject body, boolean update) {
    return parse(body, update, Map.of());
  }

  /**
   * Reads the work item of a service hook body. {@code update} is true for {@code workitem.updated}.
   * {@code stateMap} contains the connection's own states by trimmed lower-case name. It is
   * consulted before the standard states, so it can also re-map a standard state.
   */
  public static Result parse(JsonObject body, boolean update, Map<String, Category> stateMap) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject resource = PayloadFields.object(body, "resource", "resource", true, errors);
    if (resource == null) {
      return new Result(null, errors);
    }
    String idField = update ? "workItemId" : "id";
    String id = workItemId(resource.getValue(idField), "resource." + idField, true, errors);
    String itemPath = "resource";
    JsonObject item = resource;
    if (update) {
      itemPath = "resource.revision";
      item = PayloadFields.object(resource, "revision", itemPath, true, errors);
      if (item == null) {
        return new Result(null, errors);
      }
    }
    Object revValue = item.getValue("rev") != null ? item.getValue("rev") : resource.getValue("rev");
    Integer revision = positive(revValue, itemPath + ".rev", errors);
    String fieldsPath = itemPath + ".fields";
    JsonObject fields = PayloadFields.object(item, "fields", fieldsPath, true, errors);
    if (fields == null) {
      return new Result(null, errors);
    }

    String type = text(fields, "System.WorkItemType", fieldsPath, true, errors);
    String state = text(fields, "System.State", fieldsPath, true, errors);
    Category category = state == null ? null : category(state, stateMap, fieldsPath, errors);
    String areaPath = text(fields, "System.AreaPath", fieldsPath, false, errors);
    String project = text(fields, "System.TeamProject", fieldsPath, false, errors);
    List<String> tags = tags(fields, fieldsPath, errors);
    BigDecimal points = storyPoints(fields, fieldsPath, errors);
    Instant changed = time(fields, fieldsPath, errors);
    Parent parent = parent(item, fields, itemPath, errors);
    if (parent == null && update) {
      parent = changedParent(resource, errors);
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    String itemType = type.length() > 50 ? type.substring(0, 50) : type;
    boolean container = CONTAINER_TYPES.contains(type.toLowerCase(Locale.ROOT));
    String parentId = parent == null ? null : parent.id();
    return new Result(new AzureWorkItem(id, parentId, parent != null, project, areaPath, tags, itemType, container,
        status(category), category == Category.REMOVED, points, revision, changed), List.of());
  }

  /**
   * Maps a category to Momentum's status: Proposed to todo, In Progress and Resolved to in
   * progress (resolved work still awaits its check), Completed to done. Removed counts as todo,
   * but a removed item leaves every rollup, so its status is never counted.
   */
  static WorkStatus status(Category category) {
    return switch (category) {
      case PROPOSED, REMOVED -> WorkStatus.TODO;
      case IN_PROGRESS, RESOLVED -> WorkStatus.IN_PROGRESS;
      case COMPLETED -> WorkStatus.DONE;
    };
  }

  @Override
  public TrackedItem withStoredParent(String storedParentId) {
    if (parentKnown) {
      return this;
    }
    return new AzureWorkItem(id, storedParentId, true, projectKey, areaPath, labels, itemType, container, status, removed,
        storyPoints, revision, changed);
  }

  @Override
  public String key() {
    return null;
  }

  @Override
  public List<String> keys() {
    return List.of();
  }

  /** Returns the lookup key of a state name: trimmed and in lower case. */
  static String stateKey(String state) {
    return state.trim().toLowerCase(Locale.ROOT);
  }

  private static Category category(String state, Map<String, Category> stateMap, String fieldsPath,
                                   List<FieldError> errors) {
    String key = stateKey(state);
    Category category = stateMap.getOrDefault(key, STANDARD_STATES.get(key));
    if (category == null) {
      errors.add(FieldError.of(fieldsPath + ".System.State", "unknown_state", "is \"" + state + "\", which is neither a"
          + " state of the standard Agile, Scrum, CMMI or Basic processes nor in the connection's state map; add \""
          + state.trim() + "\" with its category to the connection's state map on the Integrations page",
          new JsonObject().put("value", state)));
    }
    return category;
  }

  private static String workItemId(Object value, String path, boolean required, List<FieldError> errors) {
    if (value == null) {
      if (required) {
        errors.add(FieldError.of(path, "missing", "is missing; it is the work item's numeric id"));
      }
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0
        && n.longValue() <= Integer.MAX_VALUE) {
      return String.valueOf(n.longValue());
    }
    if (value instanceof String s && s.matches("[1-9][0-9]{0,9}") && Long.parseLong(s) <= Integer.MAX_VALUE) {
      return s;
    }
    errors.add(FieldError.of(path, "not_work_item_id", "must be a positive work item id such as 4711, not " + value));
    return null;
  }

  private static Integer positive(Object value, String path, List<FieldError> errors) {
    if (value == null) {
      errors.add(FieldError.of(path, "missing", "is missing; Azure DevOps sends the work item's revision number in it"));
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
        || n.longValue() > Integer.MAX_VALUE) {
      errors.add(FieldError.of(path, "not_revision", "must be a positive whole number, not " + value));
      return null;
    }
    return n.intValue();
  }

  /** A parent as a payload states it; a null {@code id} means the work item has no parent. */
  private record Parent(String id) {
  }

  /**
   * Reads the parent from {@code System.Parent} or, when that field is absent, from the
   * hierarchy link in {@code relations}. Returns null when the payload has neither, so it does not
   * say whether the work item has a parent.
   */
  private static Parent parent(JsonObject item, JsonObject fields, String itemPath, List<FieldError> errors) {
    if (fields.getValue("System.Parent") != null) {
      return new Parent(workItemId(fields.getValue("System.Parent"), itemPath + ".fields.System.Parent", false, errors));
    }
    Object relations = item.getValue("relations");
    if (relations == null) {
      return null;
    }
    if (!(relations instanceof JsonArray array)) {
      errors.add(FieldError.of(itemPath + ".relations", "not_list", "must be a list of links"));
      return null;
    }
    return new Parent(parentLink(array, itemPath + ".relations", errors));
  }

  /**
   * Reads a parent change from the relation changes of an update ({@code resource.relations} with
   * {@code added} and {@code removed}). Returns null when the update does not touch the parent link.
   */
  private static Parent changedParent(JsonObject resource, List<FieldError> errors) {
    if (!(resource.getValue("relations") instanceof JsonObject changes)) {
      return null;
    }
    if (changes.getValue("added") instanceof JsonArray added) {
      String id = parentLink(added, "resource.relations.added", errors);
      if (id != null) {
        return new Parent(id);
      }
    }
    if (changes.getValue("removed") instanceof JsonArray removed
        && parentLink(removed, "resource.relations.removed", errors) != null) {
      return new Parent(null);
    }
    return null;
  }

  /** Returns the id of the first hierarchy link to a parent in {@code links}, or null when there is none. */
  private static String parentLink(JsonArray links, String path, List<FieldError> errors) {
    for (int i = 0; i < links.size(); i++) {
      if (links.getValue(i) instanceof JsonObject link && PARENT_LINK.equals(link.getValue("rel"))) {
        Matcher matcher = link.getValue("url") instanceof String url ? WORK_ITEM_URL.matcher(url) : null;
        if (matcher == null || !matcher.find()) {
          errors.add(FieldError.of(path + "[" + i + "].url", "not_work_item_url",
              "must be the parent's address ending in /workItems/<id>"));
          return null;
        }
        return workItemId(matcher.group(1), path + "[" + i + "].url", false, errors);
      }
    }
    return null;
  }

  private static BigDecimal storyPoints(JsonObject fields, String fieldsPath, List<FieldError> errors) {
    for (String field : POINT_FIELDS) {
      Object value = fields.getValue(field);
      if (value == null) {
        continue;
      }
      String path = fieldsPath + "." + field;
      return PayloadFields.estimate(value, path, "", errors);
    }
    return null;
  }

  private static Instant time(JsonObject fields, String fieldsPath, List<FieldError> errors) {
    String text = text(fields, "System.ChangedDate", fieldsPath, false, errors);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(FieldError.of(fieldsPath + ".System.ChangedDate", "not_time", "must be an ISO 8601 time such as"
          + " 2026-12-01T10:15:30.12Z, not \"" + text + "\""));
      return null;
    }
  }

  /** Splits {@code System.Tags}, which Azure DevOps sends as one string such as {@code "checkout; mobile"}. */
  private static List<String> tags(JsonObject fields, String fieldsPath, List<FieldError> errors) {
    if (fields.getValue("System.Tags") instanceof String empty && empty.isBlank()) {
      return List.of();
    }
    String text = text(fields, "System.Tags", fieldsPath, false, errors);
    if (text == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String tag : text.split(";")) {
      if (!tag.isBlank()) {
        tags.add(tag.trim());
      }
    }
    return List.copyOf(tags);
  }

  private static String text(JsonObject fields, String field, String fieldsPath, boolean required, List<FieldError> errors) {
    Object value = fields.getValue(field);
    String path = fieldsPath + "." + field;
    if (value == null) {
      if (required) {
        errors.add(FieldError.of(path, "missing", "is missing"));
      }
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(FieldError.of(path, "not_text", "must be a non-empty string"));
      return null;
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      errors.add(FieldError.of(path, "too_long", "is longer than " + MAX_TEXT_LENGTH + " characters"));
      return null;
    }
    return text;
  }
}
