package io.momentum.server.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.support.Http;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every number of a brief against the engine, through the REST API only: the live boards
 * for the brief's instant when it was written from the live state, and time travel
 * ({@code GET /nodes/{id}/as-of}) for every other instant. Each number is parsed back out of the
 * sentence's text (link labels and quotes left out) and compared with the value recomputed from
 * the engine, rounded as a reader sees it.
 */
final class EngineNumbers {

  /** A number as an English brief writes it, grouped by thousands from 1,000 on: "-1,232.5". */
  private static final Pattern ENGLISH_NUMBER = Pattern.compile("[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[+-]?\\d+(?:\\.\\d+)?");
  /** A number as a German brief writes it, grouped by thousands from 1.000 on: "-1.232,5". */
  private static final Pattern GERMAN_NUMBER = Pattern.compile("[+-]?\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|[+-]?\\d+(?:,\\d+)?");
  private static final Set<String> RATIOS = Set.of("progress", "expected", "forecast", "score");
  private static final Set<String> POINTS = Set.of("change", "scoreChange");
  private static final Set<String> UNSIGNED_POINTS = Set.of("gap", "scoreGap");
  private static final Set<String> VALUES = Set.of("value", "target", "forecastValue");

  private final Http api;
  private final JsonObject brief;
  private final Map<String, JsonObject> liveNodes = new HashMap<>();
  private final Map<String, JsonObject> asOfCache = new HashMap<>();
  private int checked;

  EngineNumbers(Http api, JsonObject brief, List<String> boardUnitIds) {
    this.api = api;
    this.brief = brief;
    for (String unitId : boardUnitIds) {
      JsonObject board = Http.json(api.get("/api/v1/boards/unit:" + unitId));
      for (Object node : board.getJsonArray("nodes")) {
        liveNodes.put(((JsonObject) node).getString("id"), (JsonObject) node);
      }
    }
  }

  /** Checks every sentence and returns how many numbers were checked. */
  int checkAll() {
    for (Object section : brief.getJsonArray("sections")) {
      for (Object sentence : ((JsonObject) section).getJsonArray("sentences")) {
        checkSentence((JsonObject) sentence);
      }
    }
    return checked;
  }

  private void checkSentence(JsonObject sentence) {
    StringBuilder plain = new StringBuilder();
    JsonArray parts = sentence.getJsonArray("parts");
    for (int at = 0; at < parts.size(); at++) {
      JsonObject part = parts.getJsonObject(at);
      if (part.containsKey("scale")) {
        checkScale(sentence, at);
        plain.append(' ');
        continue;
      }
      // Link labels (titles, names), quotes and units are people's words and may contain any digits.
      plain.append(part.containsKey("link") || part.containsKey("quote") || part.containsKey("unit") ? " " : part.getString("text"));
    }
    List<BigDecimal> parsed = parse(plain.toString());
    JsonArray numbers = sentence.getJsonArray("numbers");
    assertThat(parsed).as("numbers in \"%s\"", sentence.getString("text")).hasSize(numbers.size());
    for (int i = 0; i < numbers.size(); i++) {
      JsonObject fact = numbers.getJsonObject(i);
      BigDecimal engine = engineValue(fact);
      assertThat(new BigDecimal(fact.getString("value")))
          .as("engine value of %s in \"%s\"", fact.encode(), sentence.getString("text"))
          .isEqualByComparingTo(engine);
      assertThat(parsed.get(i)).as("number %d of \"%s\" (%s)", i, sentence.getString("text"), fact.getString("measure"))
          .isEqualByComparingTo(shown(fact, engine));
      checkUnit(sentence, i, fact);
      checked++;
    }
  }

  /**
   * Checks the top of a scale written after a number: only a confidence has one, and it must be
   * exactly "/10", the fixed top of the 0-10 confidence scale, right after the confidence.
   */
  private static void checkScale(JsonObject sentence, int at) {
    JsonArray parts = sentence.getJsonArray("parts");
    String text = sentence.getString("text");
    assertThat(parts.getJsonObject(at).getString("text")).as("scale in \"%s\"", text).isEqualTo("/10");
    assertThat(at).as("number before the scale in \"%s\"", text).isPositive();
    Integer index = parts.getJsonObject(at - 1).getInteger("number");
    assertThat(index).as("number before the scale in \"%s\"", text).isNotNull();
    JsonObject fact = sentence.getJsonArray("numbers").getJsonObject(index);
    assertThat(fact.getString("measure")).as("measure before the scale in \"%s\"", text).isEqualTo("confidence");
  }

  private List<BigDecimal> parse(String text) {
    boolean german = "de".equals(brief.getString("language"));
    Matcher matcher = (german ? GERMAN_NUMBER : ENGLISH_NUMBER).matcher(text);
    List<BigDecimal> numbers = new ArrayList<>();
    while (matcher.find()) {
      String plain = german ? matcher.group().replace(".", "").replace(',', '.') : matcher.group().replace(",", "");
      numbers.add(new BigDecimal(plain.replace("+", "")));
    }
    return numbers;
  }

  /**
   * Checks that a value in a key result's unit is followed by that unit, and that a number
   * without a unit in its fact has none after it.
   */
  private void checkUnit(JsonObject sentence, int index, JsonObject fact) {
    JsonArray parts = sentence.getJsonArray("parts");
    for (int at = 0; at < parts.size(); at++) {
      if (Integer.valueOf(index).equals(parts.getJsonObject(at).getInteger("number"))) {
        JsonObject next = at + 1 < parts.size() ? parts.getJsonObject(at + 1) : new JsonObject();
        if (VALUES.contains(fact.getString("measure"))) {
          String unit = node(fact.getString("nodeId"), fact.getString("at")).getString("unit");
          if (unit != null && !unit.isBlank()) {
            assertThat(next.getBoolean("unit")).as("unit after %s in \"%s\"", fact.encode(), sentence.getString("text")).isTrue();
            assertThat(next.getString("text").strip()).isEqualTo(unit.strip());
          }
        } else {
          assertThat(next.containsKey("unit")).as("unit after %s", fact.encode()).isFalse();
          // A confidence is written on its scale, "3/10", as the boards write it.
          assertThat(next.containsKey("scale")).as("scale after %s in \"%s\"", fact.encode(), sentence.getString("text"))
              .isEqualTo("confidence".equals(fact.getString("measure")));
        }
      }
    }
  }

  /** Rounds an engine value as the brief shows it: percentages and points with one decimal, a forecast value to its decimals. */
  private BigDecimal shown(JsonObject fact, BigDecimal value) {
    String measure = fact.getString("measure");
    if ("forecastValue".equals(measure)) {
      JsonObject node = node(fact.getString("nodeId"), fact.getString("at"));
      int decimals = Math.min(4, Math.max(decimalsOf(node, "start"), Math.max(decimalsOf(node, "target"), decimalsOf(node, "current"))));
      return value.setScale(decimals, RoundingMode.HALF_UP);
    }
    BigDecimal hundred = BigDecimal.valueOf(100);
    if ("scoreChangeOverPlan".equals(measure)) {
      // Shown as the shown score change minus the shown change of the expected progress, without a sign.
      List<BigDecimal> ends = changeEnds(fact);
      List<BigDecimal> plan = planEnds(fact);
      BigDecimal points = percentShown(ends.get(1)).subtract(percentShown(ends.get(0)))
          .subtract(percentShown(plan.get(1)).subtract(percentShown(plan.get(0))));
      assertThat(new BigDecimal(fact.getString("shownValue")).multiply(hundred))
          .as("shown value of %s", fact.encode()).isEqualByComparingTo(points);
      return points.abs();
    }
    if (POINTS.contains(measure)) {
      // A change is shown as the difference of its two values as they are shown, each rounded to
      // one decimal of a percentage, so "from 56.7 % to 79.0 %" comes with "+22.3 pp".
      List<BigDecimal> ends = changeEnds(fact);
      BigDecimal points = percentShown(ends.get(1)).subtract(percentShown(ends.get(0)));
      assertThat(new BigDecimal(fact.getString("shownValue")).multiply(hundred))
          .as("shown value of %s", fact.encode()).isEqualByComparingTo(points);
      if (fact.getBoolean("unsigned", false)) {
        // A change shown without its sign: the verb gives the direction, which must be the engine's.
        assertThat(value.signum()).as("direction of %s", fact.encode()).isEqualTo("down".equals(fact.getString("direction")) ? -1 : 1);
        return points.abs();
      }
      return points;
    }
    if (RATIOS.contains(measure)) {
      return percentShown(value);
    }
    if (UNSIGNED_POINTS.contains(measure)) {
      return value.abs().multiply(hundred).setScale(1, RoundingMode.HALF_UP);
    }
    return value;
  }

  private static BigDecimal percentShown(BigDecimal ratio) {
    return ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
  }

  /** Returns the engine values at the start and the end of a change, recomputed from the engine. */
  private List<BigDecimal> changeEnds(JsonObject fact) {
    if ("change".equals(fact.getString("measure"))) {
      return List.of(decimal(node(fact.getString("nodeId"), fact.getString("from")), "progress"),
          decimal(node(fact.getString("nodeId"), fact.getString("to")), "progress"));
    }
    return List.of(mean(ids(fact.getJsonArray("fromNodeIds")), fact.getString("from")),
        mean(objectives(fact, "nodeIds"), fact.getString("to")));
  }

  /** Returns the expected progress at the start and the end of a change, read from the engine's first objective of it. */
  private List<BigDecimal> planEnds(JsonObject fact) {
    String first = fact.getJsonArray("nodeIds").getString(0);
    return List.of(decimal(node(first, fact.getString("from")), "expected"), decimal(node(first, fact.getString("to")), "expected"));
  }

  private static int decimalsOf(JsonObject node, String field) {
    Object value = node.getValue(field);
    return value == null ? 0 : Math.max(0, new BigDecimal(value.toString()).stripTrailingZeros().scale());
  }

  /** Recomputes a fact's value from the engine's nodes at the fact's instants. */
  private BigDecimal engineValue(JsonObject fact) {
    String measure = fact.getString("measure");
    return switch (measure) {
      case "progress" -> decimal(node(fact.getString("nodeId"), fact.getString("at")), "progress");
      case "expected" -> decimal(node(fact.getString("nodeId"), fact.getString("at")), "expected");
      case "forecast" -> decimal(node(fact.getString("nodeId"), fact.getString("at")).getJsonObject("forecast"), "progress");
      case "forecastValue" -> decimal(node(fact.getString("nodeId"), fact.getString("at")).getJsonObject("forecast"), "value");
      case "value" -> decimal(node(fact.getString("nodeId"), fact.getString("at")), "current");
      case "target" -> decimal(node(fact.getString("nodeId"), fact.getString("at")), "target");
      case "confidence" -> decimal(node(fact.getString("nodeId"), fact.getString("at")), "confidence");
      case "staleDays" -> BigDecimal.valueOf(Duration.between(
          Instant.parse(node(fact.getString("nodeId"), fact.getString("at")).getString("updatedAt")),
          Instant.parse(fact.getString("at"))).toDays());
      case "change" -> {
        List<BigDecimal> ends = changeEnds(fact);
        yield ends.get(1).subtract(ends.get(0));
      }
      case "gap" -> {
        JsonObject node = node(fact.getString("nodeId"), fact.getString("at"));
        yield decimal(node, "expected").subtract(decimal(node, "progress"));
      }
      case "score" -> mean(objectives(fact, "nodeIds"), fact.getString("at"));
      case "scoreChange" -> {
        // A change compares like with like: the same objectives at both instants.
        assertThat(new HashSet<>(ids(fact.getJsonArray("fromNodeIds")))).as("objectives at the start of %s", fact.encode())
            .isEqualTo(new HashSet<>(ids(fact.getJsonArray("nodeIds"))));
        List<BigDecimal> ends = changeEnds(fact);
        yield ends.get(1).subtract(ends.get(0));
      }
      case "scoreChangeOverPlan" -> {
        assertThat(new HashSet<>(ids(fact.getJsonArray("fromNodeIds")))).as("objectives at the start of %s", fact.encode())
            .isEqualTo(new HashSet<>(ids(fact.getJsonArray("nodeIds"))));
        List<BigDecimal> ends = changeEnds(fact);
        List<BigDecimal> plan = planEnds(fact);
        yield ends.get(1).subtract(ends.get(0)).subtract(plan.get(1).subtract(plan.get(0)));
      }
      case "scoreGap" -> {
        List<String> ids = objectives(fact, "nodeIds");
        yield decimal(node(ids.get(0), fact.getString("at")), "expected").subtract(mean(ids, fact.getString("at")));
      }
      case "count" -> BigDecimal.valueOf(count(fact));
      // The stale limit is the organisation's setting, which the engine's stale flags follow.
      case "staleAfterDays" -> BigDecimal.valueOf(Http.json(api.get("/api/v1/settings")).getInteger("staleAfterDays"));
      default -> throw new AssertionError("Unknown measure " + measure + " in " + fact.encode());
    };
  }

  /**
   * Returns the objectives a score averages. For the live state they must be exactly the
   * objectives of the fact's units in the cycle, so a score cannot leave one out.
   */
  private List<String> objectives(JsonObject fact, String field) {
    List<String> ids = ids(fact.getJsonArray(field));
    if (isLive(fact.getString("at", fact.getString("to")))) {
      Set<String> expected = new HashSet<>();
      List<String> units = ids(fact.getJsonArray("unitIds"));
      // A score with "existedAt" covers the objectives that existed then: time travel finds them.
      String existedAt = fact.getString("existedAt");
      for (JsonObject node : liveNodes.values()) {
        if ("objective".equals(node.getString("kind")) && units.contains(node.getString("unitId"))
            && fact.getString("cycleId").equals(node.getString("cycleId"))
            && (existedAt == null || existedAt(node.getString("id"), existedAt))) {
          expected.add(node.getString("id"));
        }
      }
      assertThat(new HashSet<>(ids)).as("objectives averaged by %s", fact.encode()).isEqualTo(expected);
    }
    return ids;
  }

  private boolean existedAt(String id, String at) {
    int status = api.get("/api/v1/nodes/" + id + "/as-of?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8)).statusCode();
    assertThat(status).as("time travel of %s to %s", id, at).isIn(200, 404);
    return status == 200;
  }

  private long count(JsonObject fact) {
    String of = fact.getString("of");
    String at = fact.getString("at");
    if (of.startsWith("subjects.")) {
      // "subjects.more" counts what a cut section left out, "subjects.off_track" and the like the
      // left-out risks of one reason, whose nodes must have that reason now.
      String reason = of.substring("subjects.".length());
      JsonArray subjects = fact.getJsonArray("subjects");
      assertThat(new HashSet<>(subjects.getList())).as("distinct subjects of %s", fact.encode()).hasSize(subjects.size());
      for (Object item : subjects) {
        JsonObject subject = (JsonObject) item;
        if ("node".equals(subject.getString("type"))) {
          JsonObject node = node(subject.getString("id"), at);
          assertThat(node).as("subject %s", subject).isNotNull();
          switch (reason) {
            case "off_track", "at_risk" -> assertThat(node.getString("status")).as("status of %s", subject).isEqualTo(reason);
            // Portfolio recommendations review objectives and re-plan key results that are off track.
            case "review", "replan" -> assertThat(node.getString("status")).as("status of %s", subject).isEqualTo("off_track");
            case "lowConfidence" -> assertThat(decimal(node, "confidence")).as("confidence of %s", subject)
                .isLessThanOrEqualTo(BigDecimal.valueOf(6));
            case "noValue", "addKeyResults" -> assertThat(node.getString("status")).as("status of %s", subject).isEqualTo("pending");
            case "rose", "fell" -> {
              // A unit's line in "What moved" counts objectives by the direction of their shown change.
              BigDecimal change = percentShown(decimal(node, "progress"))
                  .subtract(percentShown(decimal(node(subject.getString("id"), brief.getString("periodStart")), "progress")));
              assertThat(change.signum()).as("direction of %s", subject).isEqualTo("rose".equals(reason) ? 1 : -1);
            }
            case "new" -> assertThat(api.get("/api/v1/nodes/" + subject.getString("id") + "/as-of?at="
                + URLEncoder.encode(brief.getString("periodStart"), StandardCharsets.UTF_8)).statusCode())
                .as("time travel of %s to the period's start", subject).isEqualTo(404);
            case "statusChanged" -> assertThat(node.getString("status")).as("status of %s", subject)
                .isNotEqualTo(node(subject.getString("id"), brief.getString("periodStart")).getString("status"));
            case "more", "signal", "stale", "unitGap" -> { }
            default -> throw new AssertionError("Unknown count " + of);
          }
        }
      }
      return subjects.size();
    }
    List<String> ids = ids(fact.getJsonArray("nodeIds"));
    if (of.startsWith("objectives") && !of.startsWith("objectives.carryOver") && !of.equals("objectives.added")) {
      // "objectives.on_track.own" counts the brief unit's own objectives, as its board tile does.
      boolean own = of.endsWith(".own");
      String scope = own ? of.substring(0, of.length() - ".own".length()) : of;
      String status = scope.contains(".") ? scope.substring(scope.indexOf('.') + 1) : null;
      String briefUnit = brief.getJsonObject("evidence").getJsonArray("unitIds").getString(0);
      Set<String> expected = new HashSet<>();
      for (JsonObject node : briefNodes("objective", at)) {
        if ((status == null || status.equals(node.getString("status"))) && (!own || briefUnit.equals(node.getString("unitId")))) {
          expected.add(node.getString("id"));
        }
      }
      assertThat(new HashSet<>(ids)).as("nodes counted by %s", fact.encode()).isEqualTo(expected);
      return expected.size();
    }
    for (String id : ids) {
      JsonObject node = node(id, at);
      switch (of) {
        case "keyResults" -> assertThat(node.getString("kind")).isEqualTo("key_result");
        case "keyResults.added", "objectives.added" -> {
          assertThat(node.getString("kind")).isEqualTo(of.startsWith("keyResults") ? "key_result" : "objective");
          assertThat(api.get("/api/v1/nodes/" + id + "/as-of?at=" + URLEncoder.encode(brief.getString("periodStart"),
              StandardCharsets.UTF_8)).statusCode()).as("time travel of %s to the period's start", id).isEqualTo(404);
        }
        case "keyResults.stale" -> assertThat(node.getBoolean("stale")).as("stale flag of %s", id).isTrue();
        case "objectives.carryOver" -> assertThat(node.getString("status")).isNotEqualTo("on_track");
        case "objectives.carryOver.notOnTrack" -> assertThat(node.getString("status")).as("status of %s", id).isIn("at_risk", "off_track");
        case "objectives.carryOver.pending" -> assertThat(node.getString("status")).as("status of %s", id).isEqualTo("pending");
        case "unitObjectives.pending" -> assertThat(node.getString("status")).as("status of %s", id).isEqualTo("pending");
        case "keyResults.checkedIn", "keyResults.blocked" -> assertThat(checkInsInPeriod(id, of.endsWith("blocked")))
            .as("check-ins of %s in the period", id).isPositive();
        case "unmoved" -> assertThat(decimal(node, "progress")).isEqualByComparingTo(
            decimal(node(id, brief.getString("periodStart")), "progress"));
        default -> throw new AssertionError("Unknown count " + of);
      }
    }
    if (of.equals("keyResults")) {
      assertThat(ids).hasSameSizeAs(briefNodes("key_result", at));
    }
    return ids.size();
  }

  /** Returns the nodes of a kind in the brief's units and cycle, at the brief's instant. */
  private List<JsonObject> briefNodes(String kind, String at) {
    assertThat(at).isEqualTo(brief.getString("asOf"));
    Set<String> unitIds = new HashSet<>(ids(brief.getJsonObject("evidence").getJsonArray("unitIds")));
    List<JsonObject> nodes = new ArrayList<>();
    for (JsonObject node : liveNodes.values()) {
      if (kind.equals(node.getString("kind")) && unitIds.contains(node.getString("unitId"))
          && brief.getString("cycleId").equals(node.getString("cycleId"))) {
        nodes.add(isLive(at) ? node : node(node.getString("id"), at));
      }
    }
    return nodes;
  }

  private int checkInsInPeriod(String keyResultId, boolean withBlockers) {
    JsonArray items = Http.json(api.get("/api/v1/key-results/" + keyResultId + "/check-ins")).getJsonArray("items");
    Instant from = Instant.parse(brief.getString("periodStart"));
    Instant to = Instant.parse(brief.getString("asOf"));
    int found = 0;
    for (Object item : items) {
      JsonObject checkIn = (JsonObject) item;
      Instant observed = Instant.parse(checkIn.getString("observedAt"));
      if (observed.isAfter(from) && !observed.isAfter(to) && (!withBlockers || checkIn.getString("blockers") != null)) {
        found++;
      }
    }
    return found;
  }

  private BigDecimal mean(List<String> ids, String at) {
    BigDecimal sum = BigDecimal.ZERO;
    for (String id : ids) {
      sum = sum.add(decimal(node(id, at), "progress"));
    }
    return ids.isEmpty() ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(ids.size()), 4, RoundingMode.HALF_UP);
  }

  private boolean isLive(String at) {
    return "live".equals(brief.getString("basis")) && brief.getString("asOf").equals(at);
  }

  /** Returns a node as the engine had it at {@code at}: from the live board or from time travel. */
  private JsonObject node(String id, String at) {
    if (isLive(at)) {
      JsonObject node = liveNodes.get(id);
      assertThat(node).as("node %s on the live boards", id).isNotNull();
      return node;
    }
    return asOfCache.computeIfAbsent(id + "@" + at, key -> {
      HttpResponse<Buffer> response = api.get("/api/v1/nodes/" + id + "/as-of?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return Http.json(response);
    });
  }

  private static BigDecimal decimal(JsonObject node, String field) {
    Object value = node == null ? null : node.getValue(field);
    assertThat(value).as("%s of %s", field, node == null ? null : node.getString("id")).isInstanceOf(Number.class);
    return new BigDecimal(value.toString());
  }

  private static List<String> ids(JsonArray array) {
    List<String> ids = new ArrayList<>();
    array.forEach(id -> ids.add((String) id));
    return ids;
  }
}
