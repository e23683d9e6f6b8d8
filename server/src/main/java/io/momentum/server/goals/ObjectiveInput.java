package io.momentum.server.goals;

import io.momentum.server.http.BodyReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The fields of an objective or strategic outcome, as created or after a partial update. An
 * objective has at most one parent: an objective or strategic outcome ({@code parentId}) or a key
 * result ({@code parentKeyResultId}); a strategic outcome has none.
 */
record ObjectiveInput(String key, String kind, String title, String description, UUID parentId,
                      UUID parentKeyResultId, UUID unitId, UUID cycleId, UUID ownerId, String ownerName,
                      BigDecimal weight, Boolean rollupChildren) {

  /** Fields a client sends; a PATCH lays its fields over these of the current objective. */
  static final List<String> FIELDS = List.of("key", "kind", "title", "description", "parentId", "parentKeyResultId",
      "unitId", "cycleId", "ownerId", "ownerName", "weight", "rollupChildren");

  static ObjectiveInput read(BodyReader body) {
    String key = body.key("key", true);
    String kind = body.oneOf("kind", List.of("objective", "strategic_outcome"), false);
    kind = kind == null ? "objective" : kind;
    String title = body.text("title", GoalRoutes.MAX_TITLE, true);
    String description = body.text("description", GoalRoutes.MAX_DESCRIPTION, false);
    UUID parentId = body.uuid("parentId", false);
    UUID parentKeyResultId = body.uuid("parentKeyResultId", false);
    UUID unitId = body.uuid("unitId", true);
    UUID cycleId = body.uuid("cycleId", true);
    UUID ownerId = body.uuid("ownerId", false);
    String ownerName = body.text("ownerName", Owners.MAX_OWNER_NAME, false);
    BigDecimal weight = GoalRoutes.weight(body);
    Boolean rollupChildren = body.bool("rollupChildren", false);
    if ("strategic_outcome".equals(kind)) {
      if (parentId != null) {
        body.reject("parentId", "outcome_has_no_parent", "a strategic outcome is the top of an alignment chain and has no parent", null);
      }
      if (parentKeyResultId != null) {
        body.reject("parentKeyResultId", "outcome_has_no_parent", "a strategic outcome is the top of an alignment chain and has no parent", null);
      }
    } else if (parentId != null && parentKeyResultId != null) {
      body.reject("parentKeyResultId", "one_parent", "an objective has one parent: send parentId (an objective or strategic outcome)"
          + " or parentKeyResultId (a key result), not both", null);
    }
    return new ObjectiveInput(key, kind, title, description, parentId, parentKeyResultId, unitId, cycleId, ownerId,
        ownerName, weight, rollupChildren);
  }
}
