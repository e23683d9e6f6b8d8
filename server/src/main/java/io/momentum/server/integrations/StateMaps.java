package io.momentum.server.integrations;

import io.momentum.server.http.BodyReader;
import io.momentum.server.integrations.AzureWorkItem.Category;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state map of an Azure DevOps connection: the category of each state that the standard
 * processes lack or that a team categorises differently. Service hook payloads carry the state
 * name only, so custom states of inherited processes need this map. It is stored as a JSON object
 * from the state name as entered (trimmed) to the category's wire name, such as
 * {@code {"Ready for QA": "resolved"}}.
 */
final class StateMaps {

  /** Maximum number of states in one connection's map. */
  static final int MAX_STATES = 100;
  /** Maximum length of a state name, in characters. */
  static final int MAX_NAME_LENGTH = 128;
  static final String FIELD = "stateMap";

  private StateMaps() {
  }

  /**
   * Reads and validates the {@value #FIELD} of a connection body. Returns the map to store, with
   * trimmed names, or an empty object when the field is absent. Errors go to {@code body}.
   */
  static JsonObject read(BodyReader body, String kind) {
    JsonObject raw = body.object(FIELD, false);
    if (raw == null) {
      return new JsonObject();
    }
    if ("jira".equals(kind) && !raw.isEmpty()) {
      body.reject(FIELD, "state_map_not_for_tracker", "applies to Azure DevOps connections only, because Jira sends the"
          + " status category with every issue; remove the state map", new JsonObject().put("kind", kind));
      return new JsonObject();
    }
    if (raw.size() > MAX_STATES) {
      body.reject(FIELD, "too_many", "has " + raw.size() + " states; the limit is " + MAX_STATES,
          new JsonObject().put("count", raw.size()).put("limit", MAX_STATES));
      return new JsonObject();
    }
    JsonObject map = new JsonObject();
    Set<String> keys = new HashSet<>();
    for (String name : raw.fieldNames()) {
      String path = FIELD + "." + name;
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        body.reject(path, "empty", "is a state without a name; enter the state name as Azure DevOps shows it", null);
        continue;
      }
      if (trimmed.length() > MAX_NAME_LENGTH) {
        body.reject(path, "too_long", "is " + trimmed.length() + " characters long; the limit is " + MAX_NAME_LENGTH,
            new JsonObject().put("length", trimmed.length()).put("limit", MAX_NAME_LENGTH));
        continue;
      }
      Object value = raw.getValue(name);
      Category category = value instanceof String text ? Category.fromWire(text) : null;
      if (category == null) {
        body.reject(path, "state_category", "is " + value + ", which is not a state category; use one of "
            + String.join(", ", Category.WIRE_NAMES), new JsonObject().put("value", String.valueOf(value))
            .put("categories", new JsonArray(Category.WIRE_NAMES)));
        continue;
      }
      if (!keys.add(AzureWorkItem.stateKey(trimmed))) {
        body.reject(path, "repeated", "names the same state as another entry, because names are matched ignoring case"
            + " and surrounding spaces; keep one of them", null);
        continue;
      }
      map.put(trimmed, category.wireName());
    }
    return map;
  }

  /**
   * Returns the stored map keyed for lookup by {@link AzureWorkItem#stateKey}. Entries with an
   * unknown category are skipped, although the REST API never stores such entries.
   */
  static Map<String, Category> lookup(JsonObject stored) {
    if (stored == null || stored.isEmpty()) {
      return Map.of();
    }
    Map<String, Category> lookup = new HashMap<>();
    for (String name : stored.fieldNames()) {
      Category category = stored.getValue(name) instanceof String text ? Category.fromWire(text) : null;
      if (category != null) {
        lookup.put(AzureWorkItem.stateKey(name), category);
      }
    }
    return Map.copyOf(lookup);
  }
}
