package io.momentum.server.goals;

import io.momentum.server.http.BodyReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The plain fields of a KPI, as created or after a partial update: its corridor ({@code green}
 * and {@code red} in the KPI's direction), how often a value is due, and whether it leads or lags.
 */
record KpiInput(String key, String title, String description, UUID unitId, UUID ownerId, String ownerName,
                String unit, String direction, BigDecimal start, BigDecimal target, BigDecimal green,
                BigDecimal red, String indicator, Integer expectedEveryHours) {

  /** Fields a client sends; a PATCH lays its fields over these of the current KPI. */
  static final List<String> FIELDS = List.of("key", "title", "description", "unitId", "ownerId", "ownerName", "unit",
      "direction", "start", "target", "green", "red", "indicator", "expectedEveryHours");

  /** Longest expected update period: a leap year in hours. */
  static final int MAX_EXPECTED_EVERY_HOURS = 8784;

  static KpiInput read(BodyReader body) {
    String key = body.key("key", true);
    String title = body.text("title", GoalRoutes.MAX_TITLE, true);
    String description = body.text("description", GoalRoutes.MAX_DESCRIPTION, false);
    UUID unitId = body.uuid("unitId", false);
    UUID ownerId = body.uuid("ownerId", false);
    String ownerName = body.text("ownerName", Owners.MAX_OWNER_NAME, false);
    String unit = body.text("unit", 20, false);
    String direction = body.oneOf("direction", List.of("increase", "decrease"), false);
    direction = direction == null ? "increase" : direction;
    BigDecimal start = body.number("start", false);
    BigDecimal target = body.number("target", false);
    BigDecimal green = body.number("green", false);
    BigDecimal red = body.number("red", false);
    String indicator = body.oneOf("indicator", List.of("leading", "lagging"), false);
    Integer expectedEveryHours = body.integer("expectedEveryHours", 1, MAX_EXPECTED_EVERY_HOURS, false);
    if ((green == null) != (red == null)) {
      body.reject(green == null ? "green" : "red", "corridor_incomplete", "a corridor needs both green and red", null);
    } else if (green != null) {
      int order = green.compareTo(red);
      if ("increase".equals(direction) ? order <= 0 : order >= 0) {
        body.reject("green", "increase".equals(direction) ? "green_not_above_red" : "green_not_below_red",
            "must be " + ("increase".equals(direction) ? "above" : "below") + " red (" + red.toPlainString()
                + ") for a KPI whose direction is " + direction, new io.vertx.core.json.JsonObject().put("red", red.toPlainString()));
      }
    }
    return new KpiInput(key, title, description, unitId, ownerId, ownerName, unit, direction, start, target, green,
        red, indicator == null ? "lagging" : indicator, expectedEveryHours);
  }
}
