package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Links and authors of composed briefs, from inputs built in memory: a team with objectives on
 * track, at risk, off track and without values, key results that rose, did not move, went quiet
 * or have no value, blockers from a person and from an API token, and an open signal.
 */
class BriefComposerTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final Instant WEEK_AGO = NOW.minus(Duration.ofDays(7));
  private static final BriefInputs.Cycle CYCLE = new BriefInputs.Cycle("c-q4", "Q4 2026", "quarter",
      LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"));
  private static final BriefInputs.Unit TEAM = new BriefInputs.Unit("u-team", "Checkout", "team", null, 0);
  private static final String TOKEN_BLOCKER = "Waiting for the payment provider";
  private static final String PERSON_BLOCKER = "Test lab booked out";

  private static JsonObject node(String id, String kind, String title, String parentId, double progress, String status,
                                 Instant updatedAt, String owner) {
    JsonObject node = new JsonObject().put("id", id).put("kind", kind).put("title", title).put("parentId", parentId)
        .put("unitId", TEAM.id()).put("cycleId", CYCLE.id()).put("progress", progress).put("expected", 0.7)
        .put("status", status).put("ownerName", owner);
    if (updatedAt != null) {
      node.put("updatedAt", updatedAt.toString());
    }
    return node;
  }

  private static BriefInputs inputs(BriefKind kind) {
    List<JsonObject> now = List.of(
        node("o-fast", "objective", "Make checkout effortless", null, 0.8, "on_track", null, "Clara Nowak"),
        node("o-pay", "objective", "Make payments reliable", null, 0.55, "at_risk", null, null),
        node("o-guest", "objective", "Let customers check out as guests", null, 0.3, "off_track", null, "Arjun Mehta"),
        node("o-new", "objective", "Open the marketplace", null, 0, "pending", null, null),
        node("k-rise", "key_result", "Raise conversion to 3 %", "o-fast", 0.8, "on_track", NOW.minus(Duration.ofDays(1)), null),
        node("k-flat1", "key_result", "Offer wallets in 12 markets", "o-fast", 0.9, "on_track", NOW.minus(Duration.ofDays(2)), null),
        node("k-flat2", "key_result", "Cut fees to 1.6 %", "o-pay", 0.55, "at_risk", NOW.minus(Duration.ofDays(3)), null),
        node("k-quiet", "key_result", "Reduce failed payments to 3.5 %", "o-guest", 0.3, "off_track",
            NOW.minus(Duration.ofDays(20)), null),
        node("k-none", "key_result", "Reach 30 % guest orders", "o-new", 0, "pending", null, null));
    Map<String, JsonObject> before = new java.util.HashMap<>();
    for (JsonObject node : now) {
      JsonObject then = node.copy();
      if ("k-rise".equals(node.getString("id"))) {
        then.put("progress", 0.6);
      }
      if ("o-fast".equals(node.getString("id"))) {
        then.put("progress", 0.7);
      }
      before.put(node.getString("id"), then);
    }
    List<BriefInputs.CheckIn> checkIns = List.of(
        new BriefInputs.CheckIn(11, "k-flat2", BigDecimal.ONE, 5, null, TOKEN_BLOCKER, "demo", "urn:momentum:token:t1",
            NOW.minus(Duration.ofDays(1))),
        new BriefInputs.CheckIn(12, "k-rise", BigDecimal.TEN, 8, null, PERSON_BLOCKER, "Ravi Rao", "urn:service:jira",
            NOW.minus(Duration.ofDays(2))));
    List<BriefInputs.Signal> signals = List.of(new BriefInputs.Signal("s-1", "off_track_forecast", "warning", "open",
        List.of("k-quiet"), List.of(TEAM.id()), NOW.minus(Duration.ofDays(3)), "Reduce failed payments to 3.5 %", "key_result"));
    return new BriefInputs(kind, "org", NOW, WEEK_AGO, "live", CYCLE, List.of(TEAM), now,
        Map.of(WEEK_AGO, before), checkIns, signals);
  }

  private static List<JsonObject> sentences(JsonObject brief) {
    List<JsonObject> sentences = new ArrayList<>();
    for (Object section : brief.getJsonArray("sections")) {
      ((JsonObject) section).getJsonArray("sentences").forEach(s -> sentences.add((JsonObject) s));
    }
    return sentences;
  }

  /** Returns the text of the runs that are not link labels. */
  private static String unlinkedText(JsonObject sentence) {
    StringBuilder text = new StringBuilder();
    for (Object item : sentence.getJsonArray("parts")) {
      JsonObject part = (JsonObject) item;
      text.append(part.containsKey("link") ? " | " : part.getString("text"));
    }
    return text.toString();
  }

  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"weekly, en", "weekly, de", "monthly, en", "monthly, de", "quarterly, en", "quarterly, de"})
  void everySentenceLinksWhatItNames(String kind, String language) {
    BriefInputs inputs = inputs(BriefKind.fromWire(kind));
    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    for (JsonObject sentence : sentences(brief)) {
      String text = sentence.getString("text");
      JsonArray links = sentence.getJsonArray("links");
      assertThat(sentence.getJsonArray("parts").stream().map(p -> (JsonObject) p).filter(p -> p.containsKey("link")))
          .as("linked labels of \"%s\"", text).isNotEmpty();
      for (Object link : links) {
        assertThat(((JsonObject) link).getString("path")).as("path of %s in \"%s\"", link, text).startsWith("/");
      }
      for (JsonObject node : inputs.now()) {
        assertThat(unlinkedText(sentence)).as("unlinked text of \"%s\"", text).doesNotContain(node.getString("title"));
      }
    }
  }

  @Test
  void weeklyBriefNamesUnmovedKeyResults() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of("en"));

    JsonObject unmoved = sentences(brief).stream().filter(s -> s.getString("text").contains("did not move")).findFirst()
        .orElseThrow();

    assertThat(unmoved.getString("text")).isEqualTo("2 key results did not move: Offer wallets in 12 markets and Cut fees to 1.6 %.");
    assertThat(unmoved.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")))
        .containsExactly("k-flat1", "k-flat2");
  }

  @Test
  void statusChangeIsNotUnmoved() {
    // "Cut fees to 1.6 %" kept its progress but was on track a week ago, so it moved to "at risk".
    JsonObject wasOnTrack = node("k-flat2", "key_result", "Cut fees to 1.6 %", "o-pay", 0.55, "on_track",
        NOW.minus(Duration.ofDays(3)), null);
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of("k-flat2", wasOnTrack),
        inputs(BriefKind.WEEKLY).signals()), BriefWording.of("en"));

    List<String> texts = sentences(brief).stream().map(s -> s.getString("text")).toList();
    assertThat(texts).contains("Cut fees to 1.6 % moved from on track to at risk: progress is 55.0 % against 70.0 % expected.");
    assertThat(texts).contains("1 key result did not move: Offer wallets in 12 markets.");
    assertThat(texts).noneMatch(text -> text.contains("did not move") && text.contains("Cut fees"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | 1 of 4 objectives is on track, 1 is at risk and 1 is off track (Let customers check out as guests).",
      "de | 1 von 4 Zielen ist im Plan, 1 ist gefährdet und 1 ist nicht im Plan (Let customers check out as guests)."})
  void oneObjectiveOnTrackTakesSingularVerb(String language, String expected) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  /** Sets the statuses of Make checkout effortless, Make payments reliable and Let customers check out as guests. */
  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource(delimiter = '|', value = {
      "en | on_track | on_track | off_track | 2 of 4 objectives are on track and 1 is off track (Let customers check out as guests).",
      "de | on_track | on_track | off_track | 2 von 4 Zielen sind im Plan und 1 ist nicht im Plan (Let customers check out as guests).",
      "en | on_track | at_risk | at_risk | 1 of 4 objectives is on track and 2 are at risk (Let customers check out as guests and Make payments reliable).",
      "de | on_track | at_risk | at_risk | 1 von 4 Zielen ist im Plan und 2 sind gefährdet (Let customers check out as guests und Make payments reliable).",
      "en | on_track | pending | on_track | 2 of 4 objectives are on track (Make checkout effortless and Let customers check out as guests).",
      "de | on_track | pending | on_track | 2 von 4 Zielen sind im Plan (Make checkout effortless und Let customers check out as guests).",
      "en | off_track | off_track | off_track | None of the 4 objectives is on track: 3 are off track (Let customers check out as guests, Make payments reliable and Make checkout effortless).",
      "de | off_track | off_track | off_track | Von den 4 Zielen ist keines im Plan: 3 sind nicht im Plan (Let customers check out as guests, Make payments reliable und Make checkout effortless).",
      "en | at_risk | at_risk | off_track | None of the 4 objectives is on track: 2 are at risk and 1 is off track (Let customers check out as guests).",
      "de | at_risk | at_risk | off_track | Von den 4 Zielen ist keines im Plan: 2 sind gefährdet und 1 ist nicht im Plan (Let customers check out as guests).",
      "en | at_risk | pending | pending | None of the 4 objectives is on track: 1 is at risk (Make checkout effortless).",
      "en | pending | pending | pending | None of the 4 objectives is on track."})
  void statusCountsLeaveOutZeroParts(String language, String fast, String pay, String guest, String expected) {
    Map<String, String> statuses = Map.of("o-fast", fast, "o-pay", pay, "o-guest", guest);
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> statuses.containsKey(node.getString("id"))
        ? node.copy().put("status", statuses.get(node.getString("id"))) : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    List<String> summary = texts(BriefComposer.compose(inputs, BriefWording.of(language)).getJsonArray("sections")
        .getJsonObject(0));

    assertThat(summary).contains(expected);
    assertThat(summary).noneMatch(text -> text.matches(".*\\b0 (is |are |ist |sind )?(at risk|off track|on track|gefährdet|nicht im Plan|im Plan).*"));
  }

  private static List<String> texts(JsonObject section) {
    return section.getJsonArray("sentences").stream().map(s -> ((JsonObject) s).getString("text")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"one on track", "none on track", "sub-unit"})
  void summaryLinksEveryCountedObjective(String variant) {
    BriefInputs base = inputs(variant.equals("sub-unit") ? BriefKind.MONTHLY : BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    List<BriefInputs.Unit> units = base.units();
    if (variant.equals("none on track")) {
      now.replaceAll(node -> "o-fast".equals(node.getString("id")) ? node.copy().put("status", "at_risk") : node);
    }
    if (variant.equals("sub-unit")) {
      BriefInputs.Unit squad = new BriefInputs.Unit("u-squad", "Wallets", "team", TEAM.id(), 1);
      units = List.of(TEAM, squad);
      now.add(node("o-squad", "objective", "Offer every wallet", null, 0.9, "on_track", null, null).put("unitId", squad.id()));
    }
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), units, now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    JsonArray summary = brief.getJsonArray("sections").getJsonObject(0).getJsonArray("sentences");
    int counts = 0;
    for (Object item : summary) {
      JsonObject sentence = (JsonObject) item;
      List<Object> linked = sentence.getJsonArray("links").stream().map(l -> ((JsonObject) l).getValue("id")).toList();
      for (Object number : sentence.getJsonArray("numbers")) {
        JsonObject fact = (JsonObject) number;
        // A total such as "of its 4 objectives" counts the whole group; each status count names its part.
        if ("count".equals(fact.getString("measure")) && fact.getString("of").matches("objectives\\.[a-z_]+(\\.own)?")
            && !fact.getString("of").equals("objectives.own")) {
          counts++;
          assertThat(linked).as("links of \"%s\"", sentence.getString("text"))
              .containsAll(fact.getJsonArray("nodeIds").getList());
        }
      }
    }
    assertThat(counts).as("counts of objectives by status").isGreaterThanOrEqualTo(3);
  }

  @Test
  void checkInsLinkToKeyResultPage() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of("en"));

    List<JsonObject> checkInLinks = sentences(brief).stream().flatMap(s -> s.getJsonArray("links").stream())
        .map(l -> (JsonObject) l).filter(l -> "checkIn".equals(l.getString("type"))).toList();

    assertThat(checkInLinks).extracting(l -> l.getString("path"))
        .contains("/key-results/k-flat2#check-in-11", "/key-results/k-rise#check-in-12");
  }

  @Test
  void tokenCheckInIsNoPerson() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of("en"));

    List<String> texts = sentences(brief).stream().map(s -> s.getString("text")).toList();

    assertThat(texts).noneMatch(text -> text.contains("demo"));
    // A shown recommendation is about the key result, so its risk sentence always shows and takes the blocker.
    assertThat(texts).contains("Cut fees to 1.6 % is at risk: progress 55.0 % against 70.0 % expected, and a check-in reports a blocker: “"
        + TOKEN_BLOCKER + "”.");
    assertThat(texts).contains("Ravi Rao reports a blocker on Raise conversion to 3 %: “" + PERSON_BLOCKER + "”.");
    assertThat(texts).contains("Ask Ravi Rao what it takes to clear the blocker on Raise conversion to 3 %.");
    // The key result has no owner and neither has its objective, so nobody is asked.
    assertThat(texts).contains("Agree who clears the blocker on Cut fees to 1.6 %.");
  }

  @Test
  void tokenCheckInAsksOwner() {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-flat2".equals(node.getString("id")) ? node.copy().put("ownerName", "Lena Kowalska") : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("de"));

    assertThat(sentences(brief).stream().map(s -> s.getString("text")))
        .contains("Lena Kowalska fragen, was es braucht, um das Hindernis bei Cut fees to 1.6 % zu lösen.");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(delimiter = '|', value = {
      "not_forecast | en | Ask Arjun Mehta how Reduce failed payments to 3.5 % gets back on plan (see “Risks”).",
      "no_target | en | Ask Arjun Mehta how Reduce failed payments to 3.5 % gets back on plan (see “Risks”).",
      "not_forecast | de | Arjun Mehta fragen, wie Reduce failed payments to 3.5 % wieder in den Plan kommt (siehe „Risiken“).",
      "too_few_values | en | Ask Arjun Mehta for more frequent check-ins on Reduce failed payments to 3.5 %: it has fewer than three values, too few for a forecast.",
      "one_day | en | Ask Arjun Mehta for check-ins on Reduce failed payments to 3.5 % on more days: all its values are from one day, so there is no forecast.",
      "one_day | de | Arjun Mehta um Check-ins zu Reduce failed payments to 3.5 % an weiteren Tagen bitten: Alle Messwerte stammen von einem Tag, daher gibt es keine Prognose."})
  void recommendationFollowsForecastReason(String reason, String language, String expected) {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-quiet".equals(node.getString("id"))
        ? node.copy().put("forecast", new JsonObject().put("code", reason).put("reason", "engine wording")) : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    JsonArray recommendations = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "recommendations".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    List<String> about = recommendations.stream().map(s -> ((JsonObject) s).getString("text"))
        .filter(text -> text.contains("Reduce failed payments")).toList();
    assertThat(about).contains(expected);
    if (reason.startsWith("no")) {
      assertThat(about).noneMatch(text -> text.contains("Check-in") || text.contains("check-in"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not_forecast | Ask Arjun Mehta what would raise the confidence in Reduce failed payments to 3.5 %, now at 5/10.",
      "forecast | Ask Arjun Mehta what would raise the confidence in Reduce failed payments to 3.5 %, now at 5/10."})
  void aheadOnLowConfidenceGetsNoCatchUp(String forecast, String expected) {
    // At risk on confidence alone: progress 0.8 is ahead of the 0.7 expected, so there is no plan to catch up.
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    JsonObject forecastOf = forecast.equals("forecast") ? new JsonObject().put("progress", 1.1)
        : new JsonObject().put("code", forecast).put("reason", "engine wording");
    now.replaceAll(node -> "k-quiet".equals(node.getString("id"))
        ? node.copy().put("progress", 0.8).put("status", "at_risk").put("confidence", 5).put("forecast", forecastOf) : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    JsonArray recommendations = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "recommendations".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    List<String> about = recommendations.stream().map(s -> ((JsonObject) s).getString("text"))
        .filter(text -> text.contains("Reduce failed payments")).toList();
    assertThat(about).contains(expected);
    assertThat(about).noneMatch(text -> text.contains("back on plan"));
  }

  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"weekly, en", "weekly, de", "monthly, en", "monthly, de", "quarterly, en", "quarterly, de"})
  void sentencesStayShort(String kind, String language) {
    JsonObject brief = BriefComposer.compose(busyInputs(BriefKind.fromWire(kind)), BriefWording.of(language));

    for (JsonObject sentence : sentences(brief)) {
      // A sentence that names a node linked by a dependency signal may take the longer limit.
      int limit = namesLinkedNode(sentence) ? BriefComposer.MAX_WORDS_LINKED : BriefComposer.MAX_WORDS;
      assertThat(BriefComposer.wordCount(sentence)).as("words of \"%s\"", sentence.getString("text")).isLessThanOrEqualTo(limit);
    }
  }

  /** Returns true when a label of the sentence links a dependency signal, which names the node at its other end. */
  private static boolean namesLinkedNode(JsonObject sentence) {
    return sentence.getJsonArray("parts").stream().map(JsonObject.class::cast).filter(part -> part.containsKey("link"))
        .map(part -> sentence.getJsonArray("links").getJsonObject(part.getInteger("link")))
        .anyMatch(link -> "dependency_at_risk".equals(link.getString("kind")));
  }

  /**
   * Checks that the briefs stay within about 40 words a sentence with titles of 60-80 characters,
   * as the demo has, because lists name fewer nodes and count the rest.
   */
  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"weekly, en", "weekly, de", "monthly, en", "monthly, de", "quarterly, en", "quarterly, de"})
  void longTitlesStayShort(String kind, String language) {
    JsonObject brief = BriefComposer.compose(withLongTitles(busyInputs(BriefKind.fromWire(kind))), BriefWording.of(language));

    for (JsonObject sentence : sentences(brief)) {
      assertThat(BriefComposer.wordCount(sentence)).as("words of \"%s\"", sentence.getString("text"))
          .isLessThanOrEqualTo(BriefComposer.MAX_WORDS_LINKED);
      assertThat(sentence.getString("text")).doesNotContain(" and others", " und weitere)");
    }
  }

  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"monthly, en", "monthly, de", "quarterly, en", "quarterly, de"})
  void longTitlesPortfolioStaysShort(String kind, String language) {
    BriefInputs inputs = withLongTitles(lateAndSlow(BriefKind.fromWire(kind), "Operations"));

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    for (JsonObject sentence : sentences(brief)) {
      assertThat(BriefComposer.wordCount(sentence)).as("words of \"%s\"", sentence.getString("text"))
          .isLessThanOrEqualTo(BriefComposer.MAX_WORDS_LINKED);
    }
  }

  /**
   * Checks that the English and German brief of the same inputs keep the same content: sentence
   * by sentence the same linked nodes, units and signals and the same engine numbers.
   */
  @ParameterizedTest(name = "{0} brief of {1}")
  @CsvSource({"weekly, busy", "weekly, long titles", "weekly, dependencies", "weekly, blocked", "monthly, busy", "monthly, long titles",
      "monthly, late and slow", "quarterly, busy", "quarterly, long titles", "quarterly, late and slow"})
  void languagesKeepSameContent(String kind, String fixture) {
    BriefKind briefKind = BriefKind.fromWire(kind);
    BriefInputs inputs = switch (fixture) {
      case "busy" -> busyInputs(briefKind);
      case "long titles" -> withLongTitles(busyInputs(briefKind));
      case "dependencies" -> withDependencies(briefKind);
      case "blocked" -> blockedPayments(briefKind);
      default -> withLongTitles(lateAndSlow(briefKind, "Operations"));
    };

    List<JsonObject> english = sentences(BriefComposer.compose(inputs, BriefWording.of("en")));
    List<JsonObject> german = sentences(BriefComposer.compose(inputs, BriefWording.of("de")));

    assertThat(BriefComposer.replaysEveryLimitCheck(inputs, BriefWording.of("de"))).as("German replays every check").isTrue();
    assertThat(german).hasSameSizeAs(english);
    for (int i = 0; i < english.size(); i++) {
      String about = english.get(i).getString("text") + " / " + german.get(i).getString("text");
      assertThat(contentOf(german.get(i), "links")).as("links of %s", about).isEqualTo(contentOf(english.get(i), "links"));
      assertThat(contentOf(german.get(i), "numbers")).as("numbers of %s", about).isEqualTo(contentOf(english.get(i), "numbers"));
    }
  }

  /** Returns the links or numbers of a sentence without their labels and texts, which differ by language. */
  private static List<JsonObject> contentOf(JsonObject sentence, String field) {
    List<JsonObject> out = new ArrayList<>();
    for (Object item : sentence.getJsonArray(field)) {
      JsonObject copy = ((JsonObject) item).copy();
      copy.remove("label");
      copy.remove("text");
      out.add(copy);
    }
    return out;
  }

  /** Returns the busy inputs with two more nodes linked to the busy key result by dependency signals. */
  private static BriefInputs withDependencies(BriefKind kind) {
    BriefInputs base = busyInputs(kind);
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    signals.add(dependency("s-move", "i-move", "k-quiet", List.of(TEAM.id()),
        "Move card payments to the new provider", "initiative", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    signals.add(dependency("s-api", "k-api", "k-quiet", List.of(TEAM.id()),
        "Cut the API error rate", "key_result", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        base.now(), base.past(), base.checkIns(), signals);
  }

  /** Returns the inputs with every title of a node or signal 60-80 characters long, as in the demo. */
  private static BriefInputs withLongTitles(BriefInputs base) {
    List<JsonObject> now = base.now().stream().map(node -> node.copy().put("title", longTitle(node.getString("title")))).toList();
    Map<Instant, Map<String, JsonObject>> past = new HashMap<>();
    base.past().forEach((at, nodes) -> {
      Map<String, JsonObject> renamed = new HashMap<>();
      nodes.forEach((id, node) -> renamed.put(id, node.copy().put("title", longTitle(node.getString("title")))));
      past.put(at, renamed);
    });
    List<BriefInputs.Signal> signals = base.signals().stream().map(signal -> new BriefInputs.Signal(signal.id(), signal.kind(),
        signal.severity(), signal.state(), signal.nodeIds(), signal.unitIds(), signal.raisedAt(), longTitle(signal.subjectTitle()),
        signal.subjectKind(), signal.relation(), longTitle(signal.otherTitle()), signal.otherKind())).toList();
    return new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, past, base.checkIns(), signals);
  }

  private static String longTitle(String title) {
    return title == null ? null : title + " across every market, channel and device we serve today";
  }

  @Test
  void longRiskSplitsStatusAndSignals() {
    JsonObject brief = BriefComposer.compose(busyInputs(BriefKind.WEEKLY), BriefWording.of("en"));

    List<String> texts = sentences(brief).stream().map(s -> s.getString("text")).toList();
    assertThat(texts).contains("Reduce failed payments to 3.5 % is off track on confidence alone: progress is 75.0 % "
        + "against 70.0 % expected, but the latest check-in gives a confidence of only 3/10.");
    assertThat(texts).anyMatch(text -> text.startsWith("Beyond that, its forecast is far off the target; "));
    List<String> risks = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(x -> ((JsonObject) x).getString("text")).toList();
    assertThat(risks).noneMatch(text -> text.startsWith("Reduce failed payments to 3.5 %: "));
  }

  /**
   * Returns the inputs with a key result as busy as the demo's: off track on a confidence of 3,
   * with four signal kinds and a dependency on an initiative of another team.
   */
  private static BriefInputs busyInputs(BriefKind kind) {
    BriefInputs base = inputs(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-quiet".equals(node.getString("id"))
        ? node.copy().put("confidence", 3).put("progress", 0.75).put("updatedAt", NOW.minus(Duration.ofDays(2)).toString()) : node);
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    for (String signalKind : List.of("missed_check_in", "stalled_despite_effort", "confidence_drop", "stale_source")) {
      signals.add(new BriefInputs.Signal("s-" + signalKind, signalKind, "warning", "open", List.of("k-quiet"), List.of(TEAM.id()),
          NOW.minus(Duration.ofDays(1)), "Reduce failed payments to 3.5 %", "key_result"));
    }
    signals.add(dependency("s-app", "k-quiet", "i-app", List.of(TEAM.id()), "Reduce failed payments to 3.5 %", "key_result",
        "depends_on", "Ship the payment retry service", "initiative"));
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, base.past(), base.checkIns(), signals);
  }

  /** Returns a dependency signal about {@code subjectId}, which relates to {@code otherId} as {@code relation} gives. */
  private static BriefInputs.Signal dependency(String id, String subjectId, String otherId, List<String> unitIds,
                                               String subjectTitle, String subjectKind, String relation,
                                               String otherTitle, String otherKind) {
    return new BriefInputs.Signal(id, "dependency_at_risk", "warning", "open", List.of(subjectId, otherId), unitIds,
        NOW.minus(Duration.ofDays(2)), subjectTitle, subjectKind, relation, otherTitle, otherKind);
  }

  /**
   * Returns the sentences about "Reduce failed payments to 3.5 %" that link a signal: those that
   * name it first and those that continue a sentence about it, which link it first as data.
   */
  private static List<JsonObject> signalSentencesAboutQuietKeyResult(JsonObject brief) {
    return sentences(brief).stream().filter(s -> "k-quiet".equals(s.getJsonArray("links").getJsonObject(0).getString("id"))
        && s.getJsonArray("links").stream().anyMatch(l -> "signal".equals(((JsonObject) l).getString("type")))).toList();
  }

  /**
   * Returns the risk sentences of a weekly brief with 8 more key results at risk, each with an
   * open signal of an overdue check-in, so the section is cut.
   */
  private static JsonArray risksOfLateKeyResults() {
    List<JsonObject> late = new ArrayList<>();
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    addLateKeyResults(late, signals);
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, late, Map.of(), signals), BriefWording.of("en"));
    return brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
  }

  /** Adds 8 key results at risk, each with an open warning signal of an overdue check-in. */
  private static void addLateKeyResults(List<JsonObject> late, List<BriefInputs.Signal> signals) {
    for (char letter = 'A'; letter <= 'H'; letter++) {
      late.add(node("k-late-" + letter, "key_result", "Late key result " + letter, "o-guest", 0.6, "at_risk",
          NOW.minus(Duration.ofDays(1)), null));
      signals.add(new BriefInputs.Signal("s-late-" + letter, "missed_check_in", "warning", "open", List.of("k-late-" + letter),
          List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), "Late key result " + letter, "key_result"));
    }
  }

  /** Replaces the nodes (and their states a week ago) and the signals of the weekly inputs. */
  private static BriefInputs with(BriefKind kind, List<JsonObject> extra, Map<String, JsonObject> extraBefore,
                                  List<BriefInputs.Signal> signals) {
    BriefInputs base = inputs(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.addAll(extra);
    Map<String, JsonObject> before = new java.util.HashMap<>(base.past().get(WEEK_AGO));
    before.putAll(extraBefore);
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, Map.of(WEEK_AGO, before), base.checkIns(), signals);
  }

  /**
   * Builds weekly inputs with a key result added to "Make payments reliable" this week at 0 %. It
   * lowered the objective from 0.9 a week ago to 0.55 now, so the score fell while no older key
   * result lost progress.
   */
  private static BriefInputs addedKeyResult(Map<String, JsonObject> extraBefore) {
    JsonObject added = node("k-added", "key_result", "Offer instalments", "o-pay", 0, "off_track",
        NOW.minus(Duration.ofDays(1)), null);
    Map<String, JsonObject> before = new java.util.HashMap<>(extraBefore);
    before.put("o-pay", node("o-pay", "objective", "Make payments reliable", null, 0.9, "on_track", null, null));
    return with(BriefKind.WEEKLY, List.of(added), before, inputs(BriefKind.WEEKLY).signals());
  }

  @Test
  void scoreFallFromAddedKeyResultIsExplained() {
    JsonObject brief = BriefComposer.compose(addedKeyResult(Map.of()), BriefWording.of("en"));

    JsonObject explained = sentences(brief).stream().filter(s -> s.getString("text").startsWith("No key result lost"))
        .findFirst().orElseThrow();
    assertThat(explained.getString("text"))
        .isEqualTo("No key result lost progress in this period; 1 new key result lowers the score until it moves: Offer instalments.");
    assertThat(explained.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id"))).containsExactly("k-added");
  }

  @Test
  void scoreFallWithLossNamesNoAdded() {
    JsonObject fell = node("k-flat2", "key_result", "Cut fees to 1.6 %", "o-pay", 0.7, "on_track",
        NOW.minus(Duration.ofDays(3)), null);
    JsonObject brief = BriefComposer.compose(addedKeyResult(Map.of("k-flat2", fell)), BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).anyMatch(text -> text.contains(" fell by "));
    assertThat(sentences(brief)).extracting(s -> s.getString("text")).noneMatch(text -> text.startsWith("No key result lost"));
  }

  @Test
  void scoreChangeComparesObjectivesThatExistedThen() {
    JsonObject addedObjective = node("o-shop", "objective", "Open the shop", null, 0.1, "off_track", null, null);
    JsonObject fell = node("k-flat2", "key_result", "Cut fees to 1.6 %", "o-pay", 0.7, "on_track",
        NOW.minus(Duration.ofDays(3)), null);
    BriefInputs base = addedKeyResult(Map.of("k-flat2", fell));
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(addedObjective);
    BriefInputs inputs = new BriefInputs(BriefKind.WEEKLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    // Then 0.7, 0.9, 0.3 and 0; now 0.8, 0.55, 0.3 and 0 of the same four, and 0.1 of the new one.
    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(
        "Since last week the score of the objectives that Checkout had then fell by 6.2 pp, from 47.5 % to 41.3 %.",
        "1 objective is new in this period, Open the shop; with it the score is 35.0 % instead of 41.3 %.",
        "1 new key result lowers the score until it moves: Offer instalments.");
    JsonObject change = sentences(brief).stream().filter(s -> s.getString("text").startsWith("Since last week"))
        .findFirst().orElseThrow().getJsonArray("numbers").getJsonObject(0);
    assertThat(change.getString("existedAt")).isEqualTo(WEEK_AGO.toString());
    assertThat(change.getJsonArray("nodeIds")).doesNotContain("o-shop");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | at the current pace it reaches 5 % by the end of the cycle",
      "de | Im jetzigen Tempo erreicht es bis zum Zyklusende 5 % statt"})
  void forecastValueDropsTrailingZeros(String language, String expected) {
    // The key result is written with one decimal, so its forecast is rounded to one: 5.0 reads 5.
    BriefInputs inputs = failedPayments(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(inputs.now());
    now.replaceAll(node -> "k-fail".equals(node.getString("id"))
        ? node.copy().put("forecast", new JsonObject().put("value", 4.9996).put("progress", 0.5675)) : node);
    BriefInputs changed = new BriefInputs(inputs.kind(), inputs.orgId(), inputs.asOf(), inputs.periodStart(), inputs.basis(),
        inputs.cycle(), inputs.units(), now, inputs.past(), inputs.checkIns(), inputs.signals());

    JsonObject brief = BriefComposer.compose(changed, BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).anyMatch(text -> text.contains(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Raise repeat orders: progress rose from 56.7 % to 79.0 % (+22.3 pp).",
      "de | Raise repeat orders: Der Fortschritt stieg von 56,7 % auf 79,0 % (+22,3 Prozentpunkte)."})
  void changeIsDifferenceOfShownValues(String language, String expected) {
    // Unrounded the change is 22.36 pp, which would show as 22.4 beside 56.7 % and 79.0 %.
    JsonObject now = node("k-repeat", "key_result", "Raise repeat orders", "o-pay", 0.7903, "on_track",
        NOW.minus(Duration.ofDays(1)), "Lena Kowalska");
    JsonObject before = now.copy().put("progress", 0.5667);
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(now), Map.of("k-repeat", before), inputs(BriefKind.WEEKLY).signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  /** A decrease key result from 6.5 % to 3.5 %, now at 5.5 % (6 % a week ago), forecast to reach 4.9286 %. */
  private static BriefInputs failedPayments(BriefKind kind) {
    JsonObject now = node("k-fail", "key_result", "Reduce failed payment attempts", "o-pay", 0.3333, "off_track",
        NOW.minus(Duration.ofDays(1)), "Lena Kowalska")
        .put("measurement", "decrease").put("unit", "%").put("start", 6.5).put("target", 3.5).put("current", 5.5)
        .put("forecast", new JsonObject().put("value", 4.928571).put("progress", 0.5238));
    JsonObject before = now.copy().put("current", 6.0).put("progress", 0.1667).put("forecast", (Object) null);
    return with(kind, List.of(now), Map.of("k-fail", before), inputs(kind).signals());
  }

  /**
   * Returns the failed-payments inputs with a blocker on the key result, reported by Arjun Mehta in
   * the period, and its progress at 25 %, so it is the key result furthest behind plan.
   */
  private static BriefInputs blockedPayments(BriefKind kind) {
    BriefInputs base = failedPayments(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-fail".equals(node.getString("id")) ? node.copy().put("progress", 0.25) : node);
    List<BriefInputs.CheckIn> checkIns = new ArrayList<>(base.checkIns());
    checkIns.add(0, new BriefInputs.CheckIn(13, "k-fail", new BigDecimal("5.5"), 3, null, "No owner on the vendor side",
        "Arjun Mehta", null, NOW.minus(Duration.ofHours(6))));
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, base.past(), checkIns, base.signals());
  }

  /**
   * Checks that a blocker on a key result whose risk sentence the weekly always shows joins that
   * sentence with its quote and check-in link, and that the Blockers section leaves it out.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Reduce failed payment attempts is off track: progress 25.0 % against 70.0 % expected, and Arjun Mehta reports a blocker: “No owner on the vendor side”."
          + " | Ravi Rao reports a blocker on Raise conversion to 3 %: “Test lab booked out”.",
      "de | Reduce failed payment attempts ist nicht im Plan: Fortschritt 25,0 %, erwartet sind 70,0 %, und Arjun Mehta meldet ein Hindernis: „No owner on the vendor side“."
          + " | Ravi Rao meldet ein Hindernis bei Raise conversion to 3 %: „Test lab booked out“."})
  void blockerJoinsShownRisk(String language, String risk, String blocker) {
    JsonObject brief = BriefComposer.compose(blockedPayments(BriefKind.WEEKLY), BriefWording.of(language));

    assertThat(textsOf(brief, "risks")).contains(risk);
    assertThat(textsOf(brief, "blockers")).containsExactly(blocker);
    JsonObject joined = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(sentence -> sentence.getString("text").equals(risk)).findFirst().orElseThrow();
    assertThat(joined.getJsonArray("links").stream().map(link -> ((JsonObject) link).getValue("id")))
        .as("links of %s", risk).contains(13L);
  }

  /** Checks that a blocker on a key result whose risk sentence also gives signals follows that sentence as its continuation. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Arjun Mehta reports a blocker on it: “No owner on the vendor side”.",
      "de | Arjun Mehta meldet dazu ein Hindernis: „No owner on the vendor side“."})
  void blockerContinuesSignalRisk(String language, String continued) {
    BriefInputs base = blockedPayments(BriefKind.WEEKLY);
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    signals.add(new BriefInputs.Signal("s-fail", "off_track_forecast", "warning", "open", List.of("k-fail"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(2)), "Reduce failed payment attempts", "key_result"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), base.now(), base.past(), base.checkIns(), signals);

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    List<JsonObject> risks = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast).toList();
    List<String> texts = risks.stream().map(sentence -> sentence.getString("text")).toList();
    int at = texts.indexOf(continued);
    assertThat(at).as("blocker in %s", texts).isPositive();
    assertThat(texts.get(at - 1)).startsWith("Reduce failed payment attempts");
    assertThat(risks.get(at).getJsonArray("links").getJsonObject(0).getString("id")).isEqualTo("k-fail");
    assertThat(textsOf(brief, "blockers")).noneMatch(text -> text.contains("No owner on the vendor side"));
  }

  /** Checks that each blocker of a weekly brief is quoted once, in its key result's risk or under Blockers. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "de"})
  void blockerQuotedOnce(String language) {
    for (BriefInputs inputs : everyFixture()) {
      if (inputs.kind() != BriefKind.WEEKLY) {
        continue;
      }
      JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));
      List<String> texts = new ArrayList<>(textsOf(brief, "risks"));
      texts.addAll(textsOf(brief, "blockers"));
      // The brief quotes the newest blocker of each of its key results.
      java.util.Set<String> quoted = new java.util.HashSet<>();
      java.util.Set<String> nodeIds = new java.util.HashSet<>();
      inputs.now().forEach(node -> nodeIds.add(node.getString("id")));
      for (BriefInputs.CheckIn checkIn : inputs.checkIns()) {
        if (checkIn.blockers() != null && nodeIds.contains(checkIn.keyResultId()) && quoted.add(checkIn.keyResultId())) {
          assertThat(texts).as("%s in the brief of %s", checkIn.blockers(), inputs.unit().name())
              .filteredOn(text -> text.contains(checkIn.blockers())).hasSize(1);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Re-plan Reduce failed payment attempts with Arjun Mehta: a blocker is open, and at the current pace it reaches 4.9 % by the end of the cycle instead of 3.5 % (forecast progress 52.4 %).",
      "de | Reduce failed payment attempts mit Arjun Mehta neu planen: Ein Hindernis ist offen, und im jetzigen Tempo erreicht es bis zum Zyklusende 4,9 % statt 3,5 % (prognostizierter Fortschritt 52,4 %)."})
  void blockerJoinsReplanRecommendation(String language, String expected) {
    JsonObject brief = BriefComposer.compose(blockedPayments(BriefKind.WEEKLY), BriefWording.of(language));

    List<String> recommendations = textsOf(brief, "recommendations");
    assertThat(recommendations).contains(expected);
    assertThat(recommendations).filteredOn(text -> text.contains("Reduce failed payment attempts")).hasSize(1);
    JsonObject replan = sectionOf(brief, "recommendations").getJsonArray("sentences").getJsonObject(0);
    assertThat(replan.getJsonArray("links").stream().map(link -> ((JsonObject) link).getString("type")))
        .as("links of %s", replan.getString("text")).contains("checkIn");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Ask Arjun Mehta what help the team can give on Reduce failed payment attempts, and agree who clears the blocker "
          + "(see “Recommendations”).",
      "en | 2 more blockers were reported, on Cut fees to 1.6 % and Raise conversion to 3 %: agree who clears each one.",
      "de | Arjun Mehta fragen, welche Hilfe das Team bei Reduce failed payment attempts geben kann, und klären, wer das "
          + "Hindernis löst (siehe „Empfehlungen“).",
      "de | 2 weitere Hindernisse wurden gemeldet, bei Cut fees to 1.6 % und Raise conversion to 3 %: klären, wer welches löst."})
  void blockerJoinsOffTrackTalkingPoint(String language, String expected) {
    JsonObject brief = BriefComposer.compose(blockedPayments(BriefKind.WEEKLY), BriefWording.of(language));

    List<String> points = textsOf(brief, "talkingPoints");
    assertThat(points).contains(expected);
    assertThat(points).filteredOn(text -> text.contains("Reduce failed payment attempts")).hasSize(1);
  }

  /**
   * The talking point on the key result furthest behind plan, which Risks and Recommendations
   * already cover with its numbers, asks a question for the meeting instead of repeating its gap,
   * and still links its blocker.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "de"})
  void recommendedRiskPointAddsQuestion(String language) {
    JsonObject brief = BriefComposer.compose(blockedPayments(BriefKind.WEEKLY), BriefWording.of(language));

    JsonObject point = sectionOf(brief, "talkingPoints").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(s -> "k-fail".equals(s.getJsonArray("links").getJsonObject(0).getString("id"))).findFirst().orElseThrow();
    assertThat(point.getJsonArray("numbers")).as(point.getString("text")).isEmpty();
    assertThat(point.getString("text")).contains("en".equals(language) ? "what help the team can give" : "welche Hilfe das Team");
    assertThat(point.getJsonArray("links").stream().map(link -> ((JsonObject) link).getString("type")))
        .as("links of %s", point.getString("text")).contains("checkIn");
    assertThat(textsOf(brief, "recommendations")).filteredOn(text -> text.contains("Reduce failed payment attempts")).hasSize(1);
  }

  /** Every fixture, each composed as every brief kind. */
  private static List<BriefInputs> everyFixture() {
    List<BriefInputs> all = new ArrayList<>();
    for (BriefKind kind : BriefKind.values()) {
      List<BriefInputs> fixtures = List.of(inputs(kind), busyInputs(kind), withDependencies(kind), failedPayments(kind),
          blockedPayments(kind), lateAndSlow(kind, "Operations"), withLongTitles(busyInputs(kind)), portfolio(), manyMoves(),
          aheadButBlocked(0.4, null), aheadButBlocked(0.8, 3));
      for (BriefInputs base : fixtures) {
        all.add(new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
            base.now(), base.past(), base.checkIns(), base.signals()));
      }
    }
    return all;
  }

  /**
   * Checks that a node's progress against its expected progress appears in one section of a brief
   * only: a later section refers to the sentence that shows the pair instead of repeating it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "de"})
  void progressPairShownInOneSection(String language) {
    List<String> repeated = new ArrayList<>();
    for (BriefInputs inputs : everyFixture()) {
      JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));
      Map<String, String> sectionOfPair = new HashMap<>();
      for (Object item : brief.getJsonArray("sections")) {
        JsonObject section = (JsonObject) item;
        for (Object text : section.getJsonArray("sentences")) {
          JsonObject sentence = (JsonObject) text;
          for (String pair : BriefComposer.progressPairs(sentence)) {
            String first = sectionOfPair.putIfAbsent(pair, section.getString("key"));
            if (first != null && !first.equals(section.getString("key"))) {
              repeated.add(String.format("%s in %s and %s of the %s brief of %s: \"%s\"", pair, first, section.getString("key"),
                  inputs.kind().wire(), inputs.unit().name(), sentence.getString("text")));
            }
          }
        }
      }
    }
    assertThat(repeated).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "de"})
  void nodeHasOneRecommendationAndPoint(String language) {
    for (BriefInputs inputs : everyFixture()) {
      JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));
      for (JsonObject section : brief.getJsonArray("sections").stream().map(JsonObject.class::cast)
          .filter(section -> List.of("recommendations", "talkingPoints").contains(section.getString("key"))).toList()) {
        Map<String, List<String>> bySubject = new HashMap<>();
        for (Object item : section.getJsonArray("sentences")) {
          JsonObject sentence = (JsonObject) item;
          sentence.getJsonArray("links").stream().map(link -> (JsonObject) link)
              .filter(link -> "node".equals(link.getString("type")) || "unit".equals(link.getString("type")))
              .findFirst().filter(link -> "node".equals(link.getString("type")))
              .ifPresent(link -> bySubject.computeIfAbsent(link.getString("id"), id -> new ArrayList<>()).add(sentence.getString("text")));
        }
        bySubject.forEach((id, texts) -> assertThat(texts).as("%s about %s in the %s brief of %s", section.getString("key"), id,
            inputs.kind().wire(), inputs.unit().name()).hasSize(1));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Reduce failed payment attempts: the value fell from 6.0 % to 5.5 % (progress +16.6 pp).",
      "en | Re-plan Reduce failed payment attempts: at the current pace it reaches 4.9 % by the end of the cycle instead of 3.5 % (forecast progress 52.4 %).",
      "de | Reduce failed payment attempts: Der Messwert fiel von 6,0 % auf 5,5 % (Fortschritt +16,6 Prozentpunkte).",
      "de | Reduce failed payment attempts neu planen: Im jetzigen Tempo erreicht es bis zum Zyklusende 4,9 % statt 3,5 % (prognostizierter Fortschritt 52,4 %)."})
  void decreaseKeyResultShowsValues(String language, String expected) {
    JsonObject brief = BriefComposer.compose(failedPayments(BriefKind.WEEKLY), BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Lower acquisition cost: the value fell from EUR 33.10 to EUR 33.00 (progress +1.4 pp).",
      "de | Lower acquisition cost: Der Messwert fiel von 33,10 EUR auf 33,00 EUR (Fortschritt +1,4 Prozentpunkte)."})
  void moneyPairSharesCents(String language, String expected) {
    JsonObject now = node("k-cac", "key_result", "Lower acquisition cost", "o-pay", 0.7143, "on_track",
        NOW.minus(Duration.ofDays(1)), "Lena Kowalska")
        .put("measurement", "decrease").put("unit", "EUR").put("start", 38).put("target", 31).put("current", 33);
    JsonObject before = now.copy().put("current", 33.1).put("progress", 0.7);
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(now), Map.of("k-cac", before), inputs(BriefKind.WEEKLY).signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(textsOf(brief, "moved")).contains(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "value | en | Re-plan Reduce failed payment attempts: its value has stalled, and its progress with it; at its pace over the cycle so far the value would reach 4.9 % by the end instead of 3.5 % (forecast progress 52.4 %).",
      "value | de | Reduce failed payment attempts neu planen: Der Messwert stagniert und mit ihm der Fortschritt; im Tempo des bisherigen Zyklus läge der Messwert zum Zyklusende bei 4,9 % statt 3,5 % (prognostizierter Fortschritt 52,4 %).",
      "signal | en | Re-plan Reduce failed payment attempts: its value has stalled, and its progress with it; at its pace over the cycle so far the value would reach 4.9 % by the end instead of 3.5 % (forecast progress 52.4 %).",
      "progress | en | Re-plan Reduce failed payment attempts: its progress has stalled; at its pace over the cycle so far it would reach 52.4 % by the end instead of the target."})
  void flatKeyResultReplanNamesNoPace(String flatBy, String language, String expected) {
    BriefInputs moving = failedPayments(BriefKind.WEEKLY);
    JsonObject now = moving.now().stream().filter(n -> "k-fail".equals(n.getString("id"))).findFirst().orElseThrow().copy();
    JsonObject before = moving.past().get(WEEK_AGO).get("k-fail").copy();
    List<BriefInputs.Signal> signals = new ArrayList<>(moving.signals());
    switch (flatBy) {
      case "value" -> before.put("current", 5.5).put("progress", 0.3333);
      case "signal" -> signals.add(new BriefInputs.Signal("s-stall", "stalled_despite_effort", "warning", "open",
          List.of("k-fail"), List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), "Reduce failed payment attempts", "key_result"));
      default -> {
        now.remove("measurement");
        before.remove("measurement");
        before.put("progress", 0.3333);
      }
    }
    List<JsonObject> nodes = new ArrayList<>(moving.now());
    nodes.replaceAll(node -> "k-fail".equals(node.getString("id")) ? now : node);
    Map<String, JsonObject> past = new java.util.HashMap<>(moving.past().get(WEEK_AGO));
    past.put("k-fail", before);
    BriefInputs inputs = new BriefInputs(BriefKind.WEEKLY, "org", NOW, WEEK_AGO, "live", CYCLE, List.of(TEAM), nodes,
        Map.of(WEEK_AGO, past), moving.checkIns(), signals);

    List<String> texts = sentences(BriefComposer.compose(inputs, BriefWording.of(language))).stream()
        .map(s -> s.getString("text")).toList();

    assertThat(texts).contains(expected);
    assertThat(texts).noneMatch(text -> text.contains("current pace") || text.contains("jetzigen Tempo"));
  }

  @Test
  void valueNumbersRecordUnitAndEngineValue() {
    JsonObject brief = BriefComposer.compose(failedPayments(BriefKind.WEEKLY), BriefWording.of("en"));

    JsonObject replan = sentences(brief).stream().filter(s -> s.getString("text").startsWith("Re-plan Reduce failed"))
        .findFirst().orElseThrow();
    JsonArray numbers = replan.getJsonArray("numbers");

    assertThat(numbers.stream().map(n -> ((JsonObject) n).getString("measure")))
        .containsExactly("forecastValue", "target", "forecast");
    assertThat(numbers.getJsonObject(0).getString("value")).isEqualTo("4.928571");
    assertThat(numbers.getJsonObject(0).getInteger("decimals")).isEqualTo(1);
    assertThat(numbers.getJsonObject(0).getString("unit")).isEqualTo("%");
    assertThat(numbers.getJsonObject(2).containsKey("unit")).isFalse();
    assertThat(replan.getJsonArray("parts").stream().map(p -> (JsonObject) p).filter(p -> p.containsKey("unit")))
        .extracting(p -> p.getString("text")).containsExactly(" %", " %");
  }

  @ParameterizedTest(name = "{0} brief in {1}")
  @CsvSource({"weekly, en", "weekly, de", "monthly, en", "quarterly, de"})
  void sectionsStopAtSixSentences(String kind, String language) {
    List<JsonObject> behind = new ArrayList<>();
    for (char letter = 'A'; letter <= 'L'; letter++) {
      behind.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null));
    }
    BriefInputs inputs = with(BriefKind.fromWire(kind), behind, Map.of(), List.of());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    for (Object item : brief.getJsonArray("sections")) {
      JsonObject section = (JsonObject) item;
      assertThat(section.getJsonArray("sentences")).as("sentences of %s", section.getString("key"))
          .hasSizeLessThanOrEqualTo(BriefComposer.MAX_ITEMS);
    }
  }

  @Test
  void cutSectionCountsAndLinksRest() {
    List<JsonObject> behind = new ArrayList<>();
    for (char letter = 'A'; letter <= 'L'; letter++) {
      behind.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null));
    }
    BriefInputs inputs = with(BriefKind.QUARTERLY, behind, Map.of(), List.of());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    JsonObject carryOver = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "carryOver".equals(s.getString("key"))).findFirst().orElseThrow();
    JsonArray kept = carryOver.getJsonArray("sentences");
    JsonObject last = kept.getJsonObject(kept.size() - 1);
    // 12 late objectives and the three others not on track make 15 to carry over; 5 are shown.
    // The line names as many as fit in 35 words, 7 here.
    assertThat(last.getString("text")).startsWith("10 more objectives are not detailed here: ").endsWith(" and 3 more.");
    assertThat(last.getJsonArray("numbers").getJsonObject(0).getJsonArray("subjects")).hasSize(10);
    assertThat(last.getJsonArray("numbers").getJsonObject(1).getString("of")).isEqualTo("subjects.more");
    assertThat(last.getJsonArray("numbers").getJsonObject(1).getJsonArray("subjects")).hasSize(3);
    // Seven named and the three counted at the end: every one of the ten stays linked.
    assertThat(last.getJsonArray("links")).hasSize(10);
  }

  /**
   * Checks that the line counting a cut section's rest names all of it when the names fit in the
   * word limit, also beyond six. The late objectives and the three others not on track are to be
   * carried over, and five of them are shown.
   */
  @ParameterizedTest(name = "{0} late objectives")
  @CsvSource({"5, 3", "9, 7"})
  void cutLineNamesAllThatFit(int late, int leftOut) {
    List<JsonObject> behind = new ArrayList<>();
    for (char letter = 'A'; letter < 'A' + late; letter++) {
      behind.add(node("o-late-" + letter, "objective", "Late " + letter, null, 0.1, "off_track", null, null));
    }
    BriefInputs inputs = with(BriefKind.QUARTERLY, behind, Map.of(), List.of());

    JsonArray kept = sectionOf(BriefComposer.compose(inputs, BriefWording.of("en")), "carryOver").getJsonArray("sentences");

    JsonObject last = kept.getJsonObject(kept.size() - 1);
    assertThat(last.getString("text")).startsWith(leftOut + " more objectives are not detailed here: ").doesNotContain(" more.");
    assertThat(last.getJsonArray("numbers")).hasSize(1);
    assertThat(last.getJsonArray("links")).hasSize(leftOut);
  }

  /**
   * Checks that a weekly risks section cut short still shows each node off track, each open
   * critical signal and each risk that a shown recommendation is about.
   */
  @Test
  void weeklyRisksKeepCriticalAndOffTrack() {
    List<JsonObject> late = new ArrayList<>();
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    addLateKeyResults(late, signals);
    late.add(node("k-guest", "key_result", "Reach 30 % of orders through guest checkout", "o-guest", 0.6, "at_risk",
        NOW.minus(Duration.ofDays(1)), null));
    signals.add(new BriefInputs.Signal("s-critical", "missed_check_in", "critical", "open", List.of("k-guest"),
        List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), "Reach 30 % of orders through guest checkout", "key_result"));
    late.add(node("k-off", "key_result", "Late and off track", "o-guest", 0.1, "off_track", NOW.minus(Duration.ofDays(1)), null));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, late, Map.of(), signals), BriefWording.of("en"));

    JsonArray risks = sectionOf(brief, "risks").getJsonArray("sentences");
    List<JsonObject> shown = risks.stream().map(JsonObject.class::cast)
        .filter(sentence -> !sentence.getString("text").contains("not detailed here")).toList();
    assertThat(shown).hasSizeLessThan(risks.size());
    assertThat(linkedIds(shown)).as("risks shown").contains("s-critical", "k-off", "k-quiet");
    for (Object item : sectionOf(brief, "recommendations").getJsonArray("sentences")) {
      JsonObject recommendation = (JsonObject) item;
      String subject = recommendation.getJsonArray("links").getJsonObject(0).getString("id");
      JsonObject cutLine = risks.getJsonObject(risks.size() - 1);
      assertThat(linkedIds(List.of(cutLine))).as("risks cut, against \"%s\"", recommendation.getString("text"))
          .doesNotContain(subject);
    }
  }

  /**
   * A weekly whose risks are all off track keeps every one of them, more than a section's usual
   * sentences, and has nothing left to count.
   */
  @Test
  void weeklyKeepsRisksWhenAllAreOffTrack() {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>();
    now.add(node("o-late", "objective", "Let customers check out as guests", null, 0.2, "off_track", null, "Arjun Mehta"));
    for (int i = 1; i <= 8; i++) {
      now.add(node("k-late" + i, "key_result", "Late key result number " + (char) ('A' + i), "o-late", 0.2, "off_track",
          NOW.minus(Duration.ofDays(1)), null));
    }
    Map<String, JsonObject> before = new java.util.HashMap<>();
    now.forEach(node -> before.put(node.getString("id"), node.copy()));
    BriefInputs allLate = new BriefInputs(BriefKind.WEEKLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, Map.of(WEEK_AGO, before), base.checkIns(), List.of());

    for (String language : List.of("en", "de")) {
      JsonArray risks = sectionOf(BriefComposer.compose(allLate, BriefWording.of(language)), "risks").getJsonArray("sentences");

      assertThat(risks.size()).as(language).isGreaterThan(BriefComposer.MAX_ITEMS);
      assertThat(linkedIds(risks.stream().map(JsonObject.class::cast).toList())).as(language)
          .contains("k-late1", "k-late8");
    }
  }

  /** An objective ahead of plan but off track through a key result names that key result. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Ahead but blocked is off track because its key result Blocked key result is off track (progress 60.0 % against 70.0 % expected).",
      "de|Ahead but blocked ist nicht im Plan, weil sein Schlüsselergebnis Blocked key result nicht im Plan ist (Fortschritt 60,0 %, erwartet sind 70,0 %)."})
  void objectiveRiskNamesKeyResultSettingItsStatus(String language, String expected) {
    List<JsonObject> extra = List.of(
        node("o-ahead", "objective", "Ahead but blocked", null, 0.9, "off_track", null, "Clara Nowak"),
        node("k-done", "key_result", "Finished key result", "o-ahead", 1.0, "on_track", NOW.minus(Duration.ofDays(1)), null),
        node("k-blocked", "key_result", "Blocked key result", "o-ahead", 0.6, "off_track", NOW.minus(Duration.ofDays(1)), null));
    JsonObject brief = BriefComposer.compose(with(BriefKind.MONTHLY, extra, Map.of(), inputs(BriefKind.MONTHLY).signals()),
        BriefWording.of(language));

    List<JsonObject> risks = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast).toList();
    JsonObject sentence = risks.stream().filter(s -> s.getString("text").startsWith("Ahead but blocked")).findFirst().orElseThrow();
    assertThat(sentence.getString("text")).isEqualTo(expected);
    assertThat(linkedIds(List.of(sentence))).contains("o-ahead", "k-blocked");
    // The numbers are the key result's, which set the objective's status.
    assertThat(sentence.getJsonArray("numbers").getJsonObject(0).getString("nodeId")).isEqualTo("k-blocked");
  }

  /** Returns the start of Operations' risk line, which counts items of its sub-unit Returns too. */
  private static String treeLine(String language) {
    return "en".equals(language) ? "Operations and its sub-units" : "Operations mit allen Untereinheiten";
  }

  private static JsonObject sectionOf(JsonObject brief, String key) {
    return brief.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(section -> key.equals(section.getString("key"))).findFirst().orElseThrow();
  }

  private static List<String> linkedIds(List<JsonObject> sentences) {
    return sentences.stream().flatMap(sentence -> sentence.getJsonArray("links").stream())
        .map(link -> ((JsonObject) link).getString("id")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Now the score of Northwind and its sub-units is ",
      "de | Jetzt liegt der Gesamtfortschritt von Northwind mit allen Untereinheiten bei "})
  void portfolioTrendNamesSubUnits(String language, String start) {
    JsonObject brief = BriefComposer.compose(lateAndSlow(BriefKind.QUARTERLY, "Operations"), BriefWording.of(language));

    JsonArray trend = sectionOf(brief, "trend").getJsonArray("sentences");
    assertThat(trend.getJsonObject(trend.size() - 1).getString("text")).startsWith(start);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | objectives off track",
      "de | Ziele nicht im Plan"})
  void portfolioRiskLineNamesCountedKinds(String language, String counted) {
    JsonObject brief = BriefComposer.compose(withLongTitles(lateAndSlow(BriefKind.MONTHLY, "Operations")), BriefWording.of(language));

    JsonObject line = sentences(brief).stream().filter(s -> s.getString("text").startsWith(treeLine(language))).findFirst().orElseThrow();
    assertThat(line.getString("text")).contains("4 " + counted);
  }

  @Test
  void unitsCutLineNamesAllThatFit() {
    BriefInputs base = portfolio();
    List<BriefInputs.Unit> units = new ArrayList<>(base.units());
    List<JsonObject> now = new ArrayList<>(base.now());
    for (char letter = 'A'; letter <= 'E'; letter++) {
      BriefInputs.Unit team = new BriefInputs.Unit("u-team-" + letter, "Team " + letter, "team", "u-tech", 2);
      units.add(team);
      now.add(node("o-team-" + letter, "objective", "Goal of team " + letter, null, 0.5, "on_track", null, null)
          .put("unitId", team.id()));
    }
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        units, now, base.past(), base.checkIns(), base.signals());

    JsonArray lines = sectionOf(BriefComposer.compose(inputs, BriefWording.of("en")), "units").getJsonArray("sentences");

    // 8 of the 13 sub-units are left out, and their short names fit in one line.
    JsonObject last = lines.getJsonObject(lines.size() - 1);
    assertThat(last.getString("text")).startsWith("8 more units are not detailed here: ").doesNotContain(" more.");
    assertThat(last.getJsonArray("links")).hasSize(8);
  }

  @Test
  void cutSectionCountsNodesOnce() {
    JsonArray risks = risksOfLateKeyResults();
    JsonObject last = risks.getJsonObject(risks.size() - 1);
    // 16 sentences about 11 nodes are left out: 4 on signals, 10 on nodes behind plan, a silence and
    // a missing value. The kept signal sentences name 5 of those nodes, so 6 are counted.
    assertThat(last.getString("text")).startsWith("6 more key results are not detailed here: ");
    JsonArray subjects = last.getJsonArray("numbers").getJsonObject(0).getJsonArray("subjects");
    assertThat(subjects).hasSize(6);
    assertThat(new java.util.HashSet<>(subjects.getList())).hasSize(6);
  }

  @Test
  void unitsSectionNamesEveryDirectSubUnit() {
    JsonArray lines = BriefComposer.compose(portfolio(), BriefWording.of("en")).getJsonArray("sections").stream()
        .map(s -> (JsonObject) s).filter(s -> "units".equals(s.getString("key"))).findFirst().orElseThrow()
        .getJsonArray("sentences");
    List<String> texts = lines.stream().map(s -> ((JsonObject) s).getString("text")).toList();

    assertThat(texts).hasSize(BriefComposer.MAX_ITEMS);
    assertThat(texts.get(0)).startsWith("Operations scores 90.0 %").contains("(+80.0 pp since last month)");
    assertThat(texts.get(1)).startsWith("Marketplace scores 82.0 %").contains("(+42.0 pp since last month)");
    assertThat(texts.get(2)).startsWith("Product & Technology scores 70.0 %").contains("(+30.0 pp since last month)");
    assertThat(texts.get(3)).startsWith("Checkout scores 75.0 %").contains("(+25.0 pp since last month)");
    assertThat(texts.get(4)).startsWith("Commerce scores 50.0 %").contains("(+10.0 pp since last month)");
    assertThat(texts.get(5)).isEqualTo("3 more units are not detailed here: Data, Customer Care and Returns.");
    assertThat(lines.getJsonObject(5).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactly("/units/u-data", "/units/u-care", "/units/u-ret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Ask Operations what worked: the score of its own objectives rose by 80.0 pp this month, 50.0 pp more than planned.",
      "de | Operations fragen, was funktioniert hat: Der Gesamtfortschritt ihrer eigenen Ziele ist in diesem Monat um 80,0 Prozentpunkte gestiegen, 50,0 Prozentpunkte mehr als geplant."})
  void unitRiseNamesOwnObjectives(String language, String expected) {
    // The risk lines beside it count a unit's whole sub-tree, so the rise names whose objectives it covers.
    JsonObject brief = BriefComposer.compose(withPlan(portfolio(), 0.4, 0.7), BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  /**
   * Operations rose most, by 80 pp; the plan rises from {@code thenExpected} to {@code nowExpected}.
   * An empty {@code expected} means that no unit gets the talking point.
   */
  @ParameterizedTest(name = "plan from {0} to {1}")
  @CsvSource(delimiter = '|', value = {
      "0.1 | 0.85 | Ask Operations what worked: the score of its own objectives rose by 80.0 pp this month, 5.0 pp more than planned.",
      "0.0 | 0.7 | Ask Operations what worked: the score of its own objectives rose by 80.0 pp this month, 10.0 pp more than planned.",
      "0.1 | 0.86 | ",
      "0.05 | 0.9 | "})
  void unitRiseNeedsClearLeadOverPlan(double thenExpected, double nowExpected, String expected) {
    JsonObject brief = BriefComposer.compose(withPlan(portfolio(), thenExpected, nowExpected), BriefWording.of("en"));

    List<String> points = textsOf(brief, "talkingPoints");
    if (expected == null) {
      assertThat(points).noneMatch(text -> text.contains("what worked"));
    } else {
      assertThat(points).contains(expected);
    }
  }

  /** Returns the inputs with the expected progress of every objective set to {@code thenExpected} at the period's start and {@code nowExpected} now. */
  private static BriefInputs withPlan(BriefInputs base, double thenExpected, double nowExpected) {
    List<JsonObject> now = base.now().stream().map(node -> node.copy().put("expected", nowExpected)).toList();
    Map<Instant, Map<String, JsonObject>> past = new HashMap<>();
    base.past().forEach((at, nodes) -> {
      Map<String, JsonObject> then = new HashMap<>();
      nodes.forEach((id, node) -> then.put(id, node.copy().put("expected", thenExpected)));
      past.put(at, then);
    });
    return new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, past, base.checkIns(), base.signals());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | In Commerce and its sub-units, 2 objectives rose (most Goal of Checkout, by 25.0 pp). | In Product & Technology and its sub-units, 1 objective rose (Goal of Data, by 20.0 pp).",
      "de | In Commerce mit allen Untereinheiten kamen 2 Ziele voran (am meisten Goal of Checkout, um 25,0 Prozentpunkte). | In Product & Technology mit allen Untereinheiten kam 1 Ziel voran (Goal of Data, um 20,0 Prozentpunkte)."})
  void movedLineCountsPerUnit(String language, String commerce, String tech) {
    JsonObject brief = BriefComposer.compose(portfolio(), BriefWording.of(language));

    List<String> moved = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "moved".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(moved).hasSize(BriefComposer.MAX_ITEMS).contains(commerce, tech);
    assertThat(moved).noneMatch(text -> text.contains("not detailed here") || text.contains("nicht näher ausgeführt"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | 1 more objective is new (Open a pop-up store)",
      "de | 1 weiteres Ziel ist neu (Open a pop-up store)"})
  void movedLineNamesNewObjective(String language, String clause) {
    BriefInputs base = portfolio();
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(node("o-popup", "objective", "Open a pop-up store", null, 0, "pending", null, null).put("unitId", "u-chk"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    List<String> moved = sectionOf(brief, "moved").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(moved).anyMatch(text -> text.startsWith("In Commerce") && text.contains(clause));
    assertThat(moved).noneMatch(text -> text.contains("new or changed status") || text.contains("neu oder"));
  }

  /** Builds a company with three business units and five teams, each with one objective that moved over the month. */
  private static BriefInputs portfolio() {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit commerce = new BriefInputs.Unit("u-com", "Commerce", "business_unit", company.id(), 1);
    BriefInputs.Unit checkout = new BriefInputs.Unit("u-chk", "Checkout", "team", commerce.id(), 2);
    BriefInputs.Unit marketplace = new BriefInputs.Unit("u-mkt", "Marketplace", "team", commerce.id(), 2);
    BriefInputs.Unit operations = new BriefInputs.Unit("u-ops", "Operations", "business_unit", company.id(), 1);
    BriefInputs.Unit care = new BriefInputs.Unit("u-care", "Customer Care", "team", operations.id(), 2);
    BriefInputs.Unit returns = new BriefInputs.Unit("u-ret", "Returns", "team", operations.id(), 2);
    BriefInputs.Unit tech = new BriefInputs.Unit("u-tech", "Product & Technology", "business_unit", company.id(), 1);
    BriefInputs.Unit data = new BriefInputs.Unit("u-data", "Data", "team", tech.id(), 2);
    List<BriefInputs.Unit> units = List.of(company, commerce, checkout, marketplace, operations, care, returns, tech, data);
    // Progress now and a week ago of each unit's only objective: the changes order the lines.
    Map<BriefInputs.Unit, double[]> progress = new java.util.LinkedHashMap<>();
    progress.put(commerce, new double[] {0.5, 0.4});
    progress.put(checkout, new double[] {0.75, 0.5});
    progress.put(marketplace, new double[] {0.82, 0.4});
    progress.put(operations, new double[] {0.9, 0.1});
    progress.put(care, new double[] {0.75, 0.7});
    progress.put(returns, new double[] {0.71, 0.7});
    progress.put(tech, new double[] {0.7, 0.4});
    progress.put(data, new double[] {0.8, 0.6});
    List<JsonObject> now = new ArrayList<>();
    Map<String, JsonObject> before = new java.util.HashMap<>();
    progress.forEach((unit, values) -> {
      JsonObject objective = node("o-" + unit.id(), "objective", "Goal of " + unit.name(), null, values[0], "on_track", null, null)
          .put("unitId", unit.id());
      now.add(objective);
      before.put(objective.getString("id"), objective.copy().put("progress", values[1]));
    });
    return new BriefInputs(BriefKind.MONTHLY, "org", NOW, WEEK_AGO, "live", CYCLE, units, now,
        Map.of(WEEK_AGO, before), List.of(), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Operations and its sub-units, besides the risks listed above: 4 objectives off track (Late E, Late F, Late G and Late H), and 2 objectives at risk (Slow objective A and Slow objective B).",
      "de | Operations mit allen Untereinheiten, außer den oben aufgeführten Risiken: 4 Ziele nicht im Plan (Late E, Late F, Late G und Late H) und 2 Ziele gefährdet (Slow objective A und Slow objective B)."})
  void portfolioRiskLineNamesReasons(String language, String expected) {
    BriefInputs base = lateAndSlow(BriefKind.MONTHLY, "Operations");
    // Short titles keep the line, which names the sub-units too, within the word limit.
    List<JsonObject> now = base.now().stream()
        .map(node -> node.copy().put("title", node.getString("title").replace("Late objective ", "Late "))).toList();
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    JsonArray risks = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    List<JsonObject> operationsLines = risks.stream().map(s -> (JsonObject) s)
        .filter(s -> s.getString("text").startsWith(treeLine(language))).toList();
    assertThat(operationsLines).extracting(s -> s.getString("text")).containsExactly(expected);
    // No sentence above names a node of Checkout, so its line counts all of them without "besides the risks listed above".
    assertThat(risks.stream().map(s -> ((JsonObject) s).getString("text"))).anyMatch(text -> text.startsWith("Checkout: "));
    JsonArray numbers = operationsLines.get(0).getJsonArray("numbers");
    assertThat(numbers.stream().map(n -> ((JsonObject) n).getString("of"))).containsExactly("subjects.off_track", "subjects.at_risk");
    assertThat(numbers.getJsonObject(0).getJsonArray("subjects")).hasSize(4);
    assertThat(risks.stream().map(s -> (JsonObject) s)).noneMatch(s -> s.containsKey("riskReason"));
  }
  /**
   * A risk line counts the signals of a unit and of key results by kind, so no count reads as
   * "units and key results", and each count is a number of its own.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | unresolved signals on 1 unit and 2 key results",
      "de | ungelöste Signale bei 1 Einheit und 2 Schlüsselergebnissen"})
  void riskLineCountsSignalsByKind(String language, String expected) {
    BriefInputs base = lateAndSlow(BriefKind.MONTHLY, "Operations");
    List<JsonObject> now = new ArrayList<>(base.now());
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    for (char letter = 'A'; letter <= 'B'; letter++) {
      now.add(node("k-sig-" + letter, "key_result", "Signal " + letter, "o-late-A", 0.8, "on_track", NOW, null)
          .put("unitId", "u-returns"));
      signals.add(new BriefInputs.Signal("s-sig-" + letter, "stalled_despite_effort", "warning", "open", List.of("k-sig-" + letter),
          List.of("u-returns"), NOW.minus(Duration.ofDays(1)), "Signal " + letter, "key_result"));
    }
    signals.add(new BriefInputs.Signal("s-unit", "missed_check_in", "warning", "open", List.of(), List.of("u-returns"),
        NOW.minus(Duration.ofDays(1)), null, null));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), signals);

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    JsonObject line = sentences(brief).stream().filter(s -> s.getString("text").startsWith(treeLine(language))).findFirst().orElseThrow();
    assertThat(line.getString("text")).contains(expected);
    List<JsonObject> signalCounts = line.getJsonArray("numbers").stream().map(JsonObject.class::cast)
        .filter(n -> "subjects.signal".equals(n.getString("of"))).toList();
    assertThat(signalCounts).extracting(n -> n.getString("value")).containsExactly("1", "2");
    assertThat(signalCounts.get(0).getJsonArray("subjects").getJsonObject(0).getString("type")).isEqualTo("unit");
  }

  @Test
  void riskLineOfOwnItemsNamesUnitAlone() {
    BriefInputs base = lateAndSlow(BriefKind.MONTHLY, "Operations");
    // With Returns' objectives moved to Operations, the line counts only Operations' own.
    List<JsonObject> now = base.now().stream().map(node -> "u-returns".equals(node.getString("unitId"))
        ? node.copy().put("unitId", "u-ops") : node).toList();
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    List<String> texts = sectionOf(brief, "risks").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(texts).anyMatch(text -> text.startsWith("Operations, besides the risks listed above: 4 objectives off track"));
    assertThat(texts).noneMatch(text -> text.startsWith("Operations and its sub-units"));
  }

  /**
   * Checks that a risk line "besides the risks listed above" counts no node or unit that a risk
   * sentence above it links, in English and German.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"en, besides the risks listed above:", "de, außer den oben aufgeführten Risiken:"})
  void besidesLineCountsOnlyUnlistedRisks(String language, String besides) {
    List<BriefInputs> fixtures = new ArrayList<>(everyFixture());
    fixtures.add(withLongTitles(lateAndSlow(BriefKind.MONTHLY, "Operations")));
    fixtures.add(withLongTitles(lateAndSlow(BriefKind.QUARTERLY, "Operations")));
    int besidesLines = 0;
    for (BriefInputs inputs : fixtures) {
      JsonArray risks = sectionOf(BriefComposer.compose(inputs, BriefWording.of(language)), "risks").getJsonArray("sentences");
      java.util.Set<String> listed = new java.util.HashSet<>();
      for (Object item : risks) {
        JsonObject sentence = (JsonObject) item;
        if (sentence.getString("text").contains(besides)) {
          besidesLines++;
          for (Object number : sentence.getJsonArray("numbers")) {
            for (Object subject : ((JsonObject) number).getJsonArray("subjects", new JsonArray())) {
              JsonObject link = (JsonObject) subject;
              assertThat(listed).as("%s counted in \"%s\"", link.getString("id"), sentence.getString("text"))
                  .doesNotContain(link.getString("type") + ":" + link.getString("id"));
            }
          }
        }
        sentence.getJsonArray("links").stream().map(JsonObject.class::cast)
            .forEach(link -> listed.add(link.getString("type") + ":" + link.getValue("id")));
      }
    }
    assertThat(besidesLines).as("risk lines that leave out the risks listed above").isGreaterThan(0);
  }

  /**
   * Checks that a sub-unit's risk line with titles too long to name them all names the weightiest
   * in brackets after the count they belong to, so no name follows a count of other kinds. The
   * rest stay linked.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Operations and its sub-units, besides the risks listed above: 4 objectives off track (Late objective E across every market,"
          + " channel and device we serve today and 3 more), and 2 objectives at risk.",
      "de | Operations mit allen Untereinheiten, außer den oben aufgeführten Risiken: 4 Ziele nicht im Plan (Late objective E across"
          + " every market, channel and device we serve today und 3 weitere) und 2 Ziele gefährdet."})
  void portfolioRiskLineCountsFirst(String language, String expected) {
    BriefInputs inputs = withLongTitles(lateAndSlow(BriefKind.MONTHLY, "Operations"));

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    JsonObject line = sentences(brief).stream().filter(s -> s.getString("text").startsWith(treeLine(language))).findFirst().orElseThrow();
    assertThat(line.getString("text")).isEqualTo(expected);
    assertThat(BriefComposer.wordCount(line)).isLessThanOrEqualTo(BriefComposer.MAX_WORDS);
    JsonArray numbers = line.getJsonArray("numbers");
    assertThat(numbers.stream().map(n -> ((JsonObject) n).getString("of")))
        .containsExactly("subjects.off_track", "subjects.more", "subjects.at_risk");
    assertThat(numbers.getJsonObject(0).getJsonArray("subjects")).hasSize(4);
    assertThat(numbers.getJsonObject(1).getJsonArray("subjects")).hasSize(3);
    // The unit and all six objectives are linked, named or not.
    assertThat(line.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")).distinct()).hasSize(7);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | , and 2 key results without a check-in for more than 7 days.",
      "de | und 2 Schlüsselergebnisse seit mehr als 7 Tagen ohne Check-in."})
  void countedRiskLineCountsStaleOnce(String language, String staleClause) {
    BriefInputs base = lateAndSlow(BriefKind.MONTHLY, "Operations");
    List<JsonObject> now = new ArrayList<>(base.now());
    // One silent key result in Returns and one in Operations itself: two units, one count.
    for (String unitId : List.of("u-returns", "u-ops")) {
      now.add(node("k-silent-" + unitId, "key_result", "Silent key result of " + unitId, "o-slow-A", 0.2, "off_track",
          NOW.minus(Duration.ofDays(40)), null).put("unitId", unitId).put("stale", true));
    }
    BriefInputs inputs = withLongTitles(new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals()));

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    JsonObject line = sentences(brief).stream().filter(s -> s.getString("text").startsWith(treeLine(language))).findFirst().orElseThrow();
    assertThat(line.getString("text")).contains(staleClause);
    assertThat(BriefComposer.wordCount(line)).isLessThanOrEqualTo(BriefComposer.MAX_WORDS);
    JsonObject staleCount = line.getJsonArray("numbers").stream().map(n -> (JsonObject) n)
        .filter(n -> "keyResults.stale".equals(n.getString("of"))).findFirst().orElseThrow();
    assertThat(staleCount.getJsonArray("nodeIds")).containsExactlyInAnyOrder("k-silent-u-returns", "k-silent-u-ops");
  }

  /**
   * Returns portfolio inputs with 8 objectives off track in team Returns and 2 at risk in its
   * business unit {@code operationsName}, so the risks section is cut and names Operations' rest in one line.
   */
  private static BriefInputs lateAndSlow(BriefKind kind, String operationsName) {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit team = new BriefInputs.Unit(TEAM.id(), TEAM.name(), TEAM.kind(), company.id(), 1);
    BriefInputs.Unit operations = new BriefInputs.Unit("u-ops", operationsName, "business_unit", company.id(), 1);
    BriefInputs.Unit returns = new BriefInputs.Unit("u-returns", "Returns", "team", operations.id(), 2);
    BriefInputs base = inputs(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    for (char letter = 'A'; letter <= 'H'; letter++) {
      now.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null)
          .put("unitId", returns.id()));
    }
    for (char letter = 'A'; letter <= 'B'; letter++) {
      now.add(node("o-slow-" + letter, "objective", "Slow objective " + letter, null, 0.55, "at_risk", null, null)
          .put("unitId", operations.id()));
    }
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), List.of(company, team, operations, returns), now, base.past(), base.checkIns(), base.signals());
  }


  /**
   * Returns monthly inputs in which Operations and its sub-unit Returns are far behind plan, with
   * {@code extra} nodes added.
   */
  private static BriefInputs operationsBehind(List<JsonObject> extra) {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit team = new BriefInputs.Unit(TEAM.id(), TEAM.name(), TEAM.kind(), company.id(), 1);
    BriefInputs.Unit operations = new BriefInputs.Unit("u-ops", "Operations", "business_unit", company.id(), 1);
    BriefInputs.Unit returns = new BriefInputs.Unit("u-returns", "Returns", "team", operations.id(), 2);
    BriefInputs base = inputs(BriefKind.MONTHLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    // A forecast below the target makes the off-track key result one to re-plan.
    now.replaceAll(node -> "k-quiet".equals(node.getString("id"))
        ? node.copy().put("forecast", new JsonObject().put("progress", 0.5)) : node);
    for (char letter = 'A'; letter <= 'H'; letter++) {
      now.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null)
          .put("unitId", returns.id()));
    }
    now.addAll(extra);
    now.add(node("o-slow", "objective", "Slow objective", null, 0.55, "at_risk", null, null).put("unitId", operations.id()));
    return new BriefInputs(BriefKind.MONTHLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), List.of(company, team, operations, returns), now, base.past(), base.checkIns(), base.signals());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Operations: its own objectives far behind plan, and 1 more unit far behind plan (Returns).",
      "de | Operations: die eigenen Ziele weit hinter dem Plan und 1 weitere Einheit weit hinter dem Plan (Returns)."})
  void recommendationLineGivesReason(String language, String expected) {
    JsonObject brief = BriefComposer.compose(operationsBehind(List.of()), BriefWording.of(language));

    List<JsonObject> recommendations = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "recommendations".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences")
        .stream().map(s -> (JsonObject) s).toList();
    assertThat(recommendations).extracting(s -> s.getString("text")).contains(expected);
    assertThat(recommendations).extracting(s -> s.getString("text"))
        .noneMatch(text -> text.contains("not detailed here") || text.contains("nicht näher ausgeführt"));
    JsonObject line = recommendations.stream().filter(s -> s.getString("text").equals(expected)).findFirst().orElseThrow();
    assertThat(line.getJsonArray("numbers").getJsonObject(0).getString("of")).isEqualTo("subjects.unitGap");
    assertThat(line.getJsonArray("numbers").getJsonObject(0).getJsonArray("subjects")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Operations: its own objectives far behind plan, and 1 more unit far behind plan (Returns), partly because objectives "
          + "without values yet pull its score down.",
      "de | Operations: die eigenen Ziele weit hinter dem Plan und 1 weitere Einheit weit hinter dem Plan (Returns), auch weil "
          + "Ziele noch ohne Messwerte ihren Gesamtfortschritt senken."})
  void recommendationLineNamesObjectivesWithoutValues(String language, String expected) {
    JsonObject draft = node("o-draft", "objective", "Accepted draft", null, 0, "pending", null, null).put("unitId", "u-returns");
    JsonObject firstKeyResult = node("k-draft", "key_result", "First key result", "o-draft", 0, "pending", null, null)
        .put("unitId", "u-returns");

    JsonObject brief = BriefComposer.compose(operationsBehind(List.of(draft, firstKeyResult)), BriefWording.of(language));

    List<String> texts = sectionOf(brief, "recommendations").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(texts).contains(expected);
  }

  /** The talking point on a unit whose gap a shown recommendation covers refers to it instead of repeating the gap. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Ask Checkout what help it needs to get its own objectives back on plan (see “Recommendations”).",
      "de|Checkout fragen, welche Hilfe die Einheit braucht, um ihre eigenen Ziele wieder in den Plan zu bringen (siehe „Empfehlungen“)."})
  void unitPointRefersToGapRecommendation(String language, String expected) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.MONTHLY), BriefWording.of(language));

    assertThat(textsOf(brief, "recommendations")).anyMatch(text -> text.startsWith("en".equals(language)
        ? "Ask Checkout how it will close the gap" : "Checkout fragen, wie die Einheit den Rückstand"));
    List<JsonObject> points = sectionOf(brief, "talkingPoints").getJsonArray("sentences").stream().map(JsonObject.class::cast).toList();
    assertThat(points).extracting(s -> s.getString("text")).contains(expected);
    assertThat(points).allMatch(point -> point.getJsonArray("numbers").stream()
        .noneMatch(number -> "scoreGap".equals(((JsonObject) number).getString("measure"))));
  }

  @Test
  void unitGapRecommendationNamesObjectiveWithoutValues() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.MONTHLY), BriefWording.of("en"));

    JsonObject gap = sectionOf(brief, "recommendations").getJsonArray("sentences").stream().map(s -> (JsonObject) s)
        .filter(s -> s.getString("text").startsWith("Ask Checkout how it will close the gap")).findFirst().orElseThrow();
    assertThat(gap.getString("text")).endsWith("; 1 objective without values yet pulls its score down: Open the marketplace.");
    JsonObject pending = gap.getJsonArray("numbers").getJsonObject(1);
    assertThat(pending.getString("of")).isEqualTo("unitObjectives.pending");
    assertThat(pending.getJsonArray("nodeIds")).containsExactly("o-new");
  }

  @Test
  void portfolioCutSectionCoversEachSubUnit() {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit team = new BriefInputs.Unit(TEAM.id(), TEAM.name(), TEAM.kind(), company.id(), 1);
    BriefInputs.Unit operations = new BriefInputs.Unit("u-ops", "Operations", "business_unit", company.id(), 1);
    BriefInputs.Unit returns = new BriefInputs.Unit("u-returns", "Returns", "team", operations.id(), 2);
    BriefInputs base = inputs(BriefKind.QUARTERLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    for (char letter = 'A'; letter <= 'H'; letter++) {
      now.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null)
          .put("unitId", returns.id()));
    }
    BriefInputs inputs = new BriefInputs(BriefKind.QUARTERLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), List.of(company, team, operations, returns), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    JsonArray carryOver = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "carryOver".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    List<String> texts = carryOver.stream().map(s -> ((JsonObject) s).getString("text")).toList();
    // 11 objectives carry over: the 8 late ones of Returns, in Operations, furthest behind first, and 3 of Checkout.
    assertThat(texts).hasSize(BriefComposer.MAX_ITEMS);
    assertThat(texts.get(4)).isEqualTo("4 more objectives in Operations are not detailed here: Late objective E, Late objective F, "
        + "Late objective G and Late objective H.");
    assertThat(texts.get(5)).startsWith("3 more objectives in Checkout are not detailed here: ");
    assertThat(carryOver.getJsonObject(5).getJsonArray("numbers").getJsonObject(0).getJsonArray("subjects").stream()
        .map(subject -> ((JsonObject) subject).getString("id"))).containsExactlyInAnyOrder("o-guest", "o-pay", "o-new");
  }

  @Test
  void ownUnitGapNamesObjectivesWithoutValues() {
    JsonObject draft = node("o-draft", "objective", "Accepted draft", null, 0, "pending", null, null).put("unitId", "u-ops");
    JsonObject firstKeyResult = node("k-draft", "key_result", "First key result", "o-draft", 0, "pending", null, null)
        .put("unitId", "u-ops");

    JsonObject brief = BriefComposer.compose(operationsBehind(List.of(draft, firstKeyResult)), BriefWording.of("en"));

    List<String> texts = sectionOf(brief, "recommendations").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(texts).contains("Operations: its own objectives far behind plan, partly because those without values yet pull the "
        + "score down, and 1 more unit far behind plan (Returns).");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Decide which of the 3 objectives under “To carry over” continue after Q4 2026, 2 not on track and 1 without values yet.",
      "de|Entscheiden, welche der 3 Ziele unter „Zu übernehmen“ nach Q4 2026 weiterlaufen, 2 außerhalb des Plans und 1 noch ohne Messwerte."})
  void carryOverPointCountsObjectivesWithoutValues(String language, String expected) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.QUARTERLY), BriefWording.of(language));

    JsonObject point = sectionOf(brief, "talkingPoints").getJsonArray("sentences").stream().map(s -> (JsonObject) s)
        .filter(s -> s.getString("text").startsWith(language.equals("en") ? "Decide" : "Entscheiden")).findFirst().orElseThrow();
    assertThat(point.getString("text")).isEqualTo(expected);
    // The "To carry over" section names the objectives, so the point links them as data only.
    assertThat(point.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")))
        .containsExactlyInAnyOrder("c-q4", "o-pay", "o-guest", "o-new");
    assertThat(point.getJsonArray("parts").stream().map(p -> (JsonObject) p).filter(p -> p.containsKey("link")))
        .extracting(p -> p.getString("text")).containsExactly("Q4 2026");
    JsonArray counts = point.getJsonArray("numbers");
    assertThat(counts.getJsonObject(0).getString("of")).isEqualTo("objectives.carryOver");
    assertThat(counts.getJsonObject(1).getString("of")).isEqualTo("objectives.carryOver.notOnTrack");
    assertThat(counts.getJsonObject(1).getJsonArray("nodeIds")).containsExactlyInAnyOrder("o-pay", "o-guest");
    assertThat(counts.getJsonObject(2).getString("of")).isEqualTo("objectives.carryOver.pending");
    assertThat(counts.getJsonObject(2).getJsonArray("nodeIds")).containsExactly("o-new");
  }

  @Test
  void portfolioCutLineNeverNamesItsOwnUnit() {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    List<BriefInputs.Unit> units = new ArrayList<>(List.of(company));
    BriefInputs base = inputs(BriefKind.MONTHLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    for (String area : List.of("Operations", "Commerce")) {
      BriefInputs.Unit parent = new BriefInputs.Unit("u-" + area, area, "business_unit", company.id(), 1);
      units.add(parent);
      now.add(node("o-" + area, "objective", area + " objective", null, 0.2, "off_track", null, null).put("unitId", parent.id()));
      for (int i = 1; i <= 4; i++) {
        BriefInputs.Unit team = new BriefInputs.Unit("u-" + area + i, area + " team " + i, "team", parent.id(), 2);
        units.add(team);
        now.add(node("o-" + area + i, "objective", area + " goal " + i, null, 0.1 * i, "off_track", null, null)
            .put("unitId", team.id()));
      }
    }
    BriefInputs inputs = new BriefInputs(BriefKind.MONTHLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), units, now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    List<String> cutLines = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .flatMap(s -> s.getJsonArray("sentences").stream().map(sentence -> ((JsonObject) sentence).getString("text")))
        .filter(text -> text.contains(" are not detailed here: ") || text.contains(" is not detailed here: ")).toList();
    assertThat(cutLines).isNotEmpty();
    for (String line : cutLines) {
      java.util.regex.Matcher in = java.util.regex.Pattern.compile(" items? in (.+?) (?:are|is) not detailed here: (.*)").matcher(line);
      if (in.find()) {
        List<String> named = List.of(in.group(2).replaceAll("\\.$", "").split(", | and "));
        assertThat(named).as(line).doesNotContain(in.group(1));
      }
    }
  }

  @Test
  void cutSectionCountsOnlyWhatKeptSentencesMiss() {
    JsonArray risks = risksOfLateKeyResults();
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (int i = 0; i < risks.size() - 1; i++) {
      risks.getJsonObject(i).getJsonArray("links").stream().map(l -> (JsonObject) l)
          .filter(l -> "node".equals(l.getString("type"))).forEach(l -> shown.add(l.getString("id")));
    }
    List<String> counted = risks.getJsonObject(risks.size() - 1).getJsonArray("numbers").getJsonObject(0)
        .getJsonArray("subjects").stream().map(subject -> ((JsonObject) subject).getString("id")).toList();
    assertThat(counted).as("counted nodes").doesNotContainAnyElementsOf(shown);
    // k-quiet, k-flat2, k-none and the 8 late key results are the 11 nodes of the section.
    assertThat(shown.size() + counted.size()).as("shown and counted nodes").isEqualTo(11);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "de"})
  void silentKeyResultWithSignalGetsOneRisk(String language) {
    JsonObject silent = node("k-silent", "key_result", "Cut form errors", "o-guest", 0.2, "on_track",
        NOW.minus(Duration.ofDays(65)), "Clara Nowak").put("stale", true);
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(new BriefInputs.Signal("s-silent", "missed_check_in", "warning", "open", List.of("k-silent"),
        List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), "Cut form errors", "key_result"));

    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(silent), Map.of(), signals), BriefWording.of(language));

    JsonArray risks = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    List<JsonObject> about = risks.stream().map(s -> (JsonObject) s)
        .filter(s -> s.getString("text").startsWith("Cut form errors")).toList();
    assertThat(about).hasSize(1);
    assertThat(about.get(0).getString("text")).contains(language.equals("en") ? "for 65 days; " : "seit 65 Tagen ");
    assertThat(about.get(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .contains("/units/u-team#signal-s-silent");
  }

  @Test
  void cutSectionAboutShownNodesKeepsSixSentences() {
    List<JsonObject> extra = List.of(
        node("k-x1", "key_result", "Extra key result one", "o-guest", 0.6, "at_risk", NOW.minus(Duration.ofDays(1)), null),
        node("k-x2", "key_result", "Extra key result two", "o-guest", 0.6, "at_risk", NOW.minus(Duration.ofDays(1)), null));
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    for (JsonObject node : List.of(extra.get(0), extra.get(1))) {
      signals.add(new BriefInputs.Signal("s-" + node.getString("id"), "missed_check_in", "warning", "open",
          List.of(node.getString("id")), List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), node.getString("title"), "key_result"));
    }
    signals.add(new BriefInputs.Signal("s-fees", "confidence_drop", "warning", "open", List.of("k-flat2"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Cut fees to 1.6 %", "key_result"));
    signals.add(new BriefInputs.Signal("s-none", "missed_check_in", "warning", "open", List.of("k-none"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Reach 30 % guest orders", "key_result"));
    BriefInputs base = with(BriefKind.WEEKLY, extra, Map.of(), signals);
    // Without blockers, which would join the risk sentences of recommended key results and add sentences that always show.
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), base.now(), base.past(), List.of(), base.signals());
    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    JsonArray risks = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    // Five signal sentences name every node the later risk sentences are about.
    assertThat(risks).hasSize(BriefComposer.MAX_ITEMS);
    assertThat(risks.stream().map(s -> ((JsonObject) s).getString("text"))).noneMatch(text -> text.contains("not detailed here"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Reduce failed payments to 3.5 % is off track: progress 30.0 % against 70.0 % expected; its forecast is far off the target, and a check-in is overdue (open signals).",
      "de | Reduce failed payments to 3.5 % ist nicht im Plan: Fortschritt 30,0 %, erwartet sind 70,0 %; die Prognose verfehlt den Zielwert deutlich, und ein Check-in ist überfällig (offene Signale)."})
  void nodeSignalsShareOneSentence(String language, String expected) {
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(new BriefInputs.Signal("s-2", "missed_check_in", "warning", "open", List.of("k-quiet"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Reduce failed payments to 3.5 %", "key_result"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of(language));

    List<JsonObject> about = signalSentencesAboutQuietKeyResult(brief);
    assertThat(about).extracting(s -> s.getString("text")).containsExactly(expected);
    assertThat(about.get(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactly("/key-results/k-quiet", "/units/u-team#signal-s-1", "/units/u-team#signal-s-2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Beyond that, its forecast is far off the target; it relies on Retry card payments (initiative), which is off track; and Move card payments (initiative) contributes to it and is flagged as affected (open signals).",
      "de | Außerdem: Die Prognose verfehlt den Zielwert deutlich; es hängt von Retry card payments (Initiative) ab, die nicht im Plan ist; Move card payments (Initiative) trägt dazu bei und ist als betroffen markiert (offene Signale)."})
  void dependencySignalsJoinSignalSentence(String language, String expected) {
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(dependency("s-retry", "k-quiet", "i-retry", List.of(TEAM.id()),
        "Reduce failed payments to 3.5 %", "key_result", "depends_on", "Retry card payments", "initiative"));
    signals.add(dependency("s-move", "i-move", "k-quiet", List.of(TEAM.id()),
        "Move card payments", "initiative", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of(language));

    List<JsonObject> about = signalSentencesAboutQuietKeyResult(brief);
    assertThat(about).extracting(s -> s.getString("text")).containsExactly(expected);
    // A counted linked node's signal is linked as data, ahead of the clauses' links.
    assertThat(about.get(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactlyInAnyOrder("/key-results/k-quiet", "/units/u-team#signal-s-1", "/units/u-team#signal-s-retry",
            "/units/u-team#signal-s-retry", "/units/u-team#signal-s-move");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Beyond that, its forecast is far off the target; it relies on Move card payments (initiative), which is off track; and Cut the API error rate of the payment gateway, linked to it, has a signal too (open signals).",
      "de | Außerdem: Die Prognose verfehlt den Zielwert deutlich; es hängt von Move card payments (Initiative) ab, die nicht im Plan ist; Cut the API error rate of the payment gateway ist damit verknüpft und hat ebenfalls ein Signal (offene Signale)."})
  void dependencySignalsNameEachNodeOnce(String language, String expected) {
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    // The contributing key result's signal comes first; the clause about what the node relies on still leads.
    // Telling how both linked nodes relate would take 42 words, so the second gets a short clause.
    signals.add(dependency("s-api", "k-api", "k-quiet", List.of("u-platform"),
        "Cut the API error rate of the payment gateway", "key_result", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    signals.add(dependency("s-relies", "k-quiet", "i-move", List.of(TEAM.id()),
        "Reduce failed payments to 3.5 %", "key_result", "depends_on", "Move card payments", "initiative"));
    signals.add(dependency("s-move", "i-move", "k-quiet", List.of(TEAM.id()),
        "Move card payments", "initiative", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of(language));

    List<JsonObject> about = signalSentencesAboutQuietKeyResult(brief);
    assertThat(about).extracting(s -> s.getString("text")).containsExactly(expected);
    // Every signal stays linked, the one merged into the clause about Move card payments as data.
    assertThat(about.get(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")))
        .contains("s-1", "s-relies", "s-move", "s-api");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Beyond that, its forecast is far off the target, and Site conversion rate (KPI), which relies on it, and Rebuild checkout (initiative), which contributes to it, are flagged as affected (open signals).",
      "de | Außerdem: Die Prognose verfehlt den Zielwert deutlich, und Site conversion rate (KPI), der davon abhängt, und Rebuild checkout (Initiative), die dazu beiträgt, sind als betroffen markiert (offene Signale)."})
  void affectedNodesShareOneClause(String language, String expected) {
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(dependency("s-kpi", "kpi-conversion", "k-quiet", List.of(TEAM.id()),
        "Site conversion rate", "kpi", "depends_on", "Reduce failed payments to 3.5 %", "key_result"));
    signals.add(dependency("s-rebuild", "i-rebuild", "k-quiet", List.of(TEAM.id()),
        "Rebuild checkout", "initiative", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of(language));

    List<JsonObject> about = signalSentencesAboutQuietKeyResult(brief);
    assertThat(about).extracting(s -> s.getString("text")).containsExactly(expected);
    assertThat(about.get(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactly("/key-results/k-quiet", "/units/u-team#signal-s-1", "/units/u-team#signal-s-kpi",
            "/units/u-team#signal-s-rebuild");
  }

  @Test
  void signalStatesNamed() {
    List<BriefInputs.Signal> signals = List.of(
        new BriefInputs.Signal("s-ack", "confidence_drop", "warning", "acknowledged", List.of("k-flat2"), List.of(TEAM.id()),
            NOW.minus(Duration.ofDays(2)), "Cut fees to 1.6 %", "key_result"),
        new BriefInputs.Signal("s-snz", "missed_check_in", "warning", "snoozed", List.of("k-quiet"), List.of(TEAM.id()),
            NOW.minus(Duration.ofDays(2)), "Reduce failed payments to 3.5 %", "key_result"));

    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(
        "Cut fees to 1.6 % is at risk: progress 55.0 % against 70.0 % expected; its confidence dropped (acknowledged signal).",
        "Reduce failed payments to 3.5 % is off track: progress 30.0 % against 70.0 % expected; a check-in is overdue (snoozed signal).");
    assertThat(sentences(brief)).extracting(s -> s.getString("text")).noneMatch(text -> text.contains("open signal"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Since last week the score of Checkout rose by 2.5 pp, from 38.8 % to 41.3 %.",
      "en | Celebrate Raise conversion to 3 %: its progress rose by 20.0 pp this week.",
      "de | Seit letzter Woche ist der Gesamtfortschritt von Checkout um 2,5 Prozentpunkte gestiegen, von 38,8 % auf 41,3 %."})
  void changesReadAsRiseOrFallWithoutSign(String language, String expected) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  /** "Raise conversion to 3 %" rises from 60 % to 100 % this week, measured as {@code measurement}. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "en | milestone | Celebrate Raise conversion to 3 %: it is done, and its progress rose by 40.0 pp this week to 100.0 %.",
      "de | milestone | Raise conversion to 3 % würdigen: Es ist erledigt, und der Fortschritt stieg diese Woche um 40,0 Prozentpunkte auf 100,0 %.",
      "en | binary | Celebrate Raise conversion to 3 %: it is done, and its progress rose by 40.0 pp this week to 100.0 %.",
      "en | increase | Celebrate Raise conversion to 3 %: it reached its target, and its progress rose by 40.0 pp this week to 100.0 %.",
      "de | increase | Raise conversion to 3 % würdigen: Es hat seinen Zielwert erreicht, und der Fortschritt stieg diese Woche um 40,0 Prozentpunkte auf 100,0 %."})
  void winAtTargetCelebratesReached(String language, String measurement, String expected) {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-rise".equals(node.getString("id"))
        ? node.copy().put("progress", 1.0).put("measurement", measurement) : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    List<String> points = texts(sectionOf(BriefComposer.compose(inputs, BriefWording.of(language)), "talkingPoints"));

    assertThat(points).contains(expected);
  }

  @Test
  void quarterlyLinesSaySinceWhenAndLeavePendingOut() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.QUARTERLY), BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text"))
        .contains("Checkout scores 41.3 % on its own objectives (+2.5 pp since the start of the cycle); 1 of the 4 is on track.",
            "Make checkout effortless (Checkout): progress 80.0 %, on track.")
        .noneMatch(text -> text.startsWith("Open the marketplace ("));
  }

  @Test
  void dependencySignalsFollowTheLinkDirection() {
    List<BriefInputs.Signal> signals = List.of(
        // The initiative contributes to the key result, which was off track when the signal was raised.
        dependency("s-move", "i-move", "k-flat2", List.of(TEAM.id()),
        "Move card payments", "initiative", "contributes_to", "Cut fees to 1.6 %", "key_result"),
        // The key result relies on an initiative outside the brief that is off track.
        dependency("s-retry", "k-quiet", "i-retry", List.of(TEAM.id()),
        "Reduce failed payments to 3.5 %", "key_result", "depends_on", "Retry card payments", "initiative"));
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(), Map.of(), signals);

    assertThat(sentences(BriefComposer.compose(inputs, BriefWording.of("en")))).extracting(s -> s.getString("text")).contains(
        "Cut fees to 1.6 % is at risk: progress 55.0 % against 70.0 % expected; Move card payments (initiative) contributes to it and is flagged as affected (open signal).",
        "Reduce failed payments to 3.5 % is off track: progress 30.0 % against 70.0 % expected; it relies on Retry card payments (initiative), which is off track (open signal).");
    List<JsonObject> german = sentences(BriefComposer.compose(inputs, BriefWording.of("de")));
    assertThat(german).extracting(s -> s.getString("text")).contains(
        "Cut fees to 1.6 % ist gefährdet: Fortschritt 55,0 %, erwartet sind 70,0 %; Move card payments (Initiative) trägt dazu bei und ist als betroffen markiert (offenes Signal).")
        .noneMatch(text -> text.contains("Knoten"));
    JsonObject held = sentences(BriefComposer.compose(inputs, BriefWording.of("en"))).stream()
        .filter(s -> s.getString("text").contains("contributes to it")).findFirst().orElseThrow();
    assertThat(held.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactly("/key-results/k-flat2", "/units/u-team#signal-s-move");
  }

  @Test
  void signalAboutNodeOutsideBriefNamesIt() {
    List<BriefInputs.Signal> signals = List.of(new BriefInputs.Signal("s-kpi", "kpi_anomaly", "warning", "acknowledged",
        List.of("kpi-active"), List.of(TEAM.id()), NOW.minus(Duration.ofDays(2)), "Active customers (90 days)", "kpi"));

    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text"))
        .contains("Active customers (90 days) (KPI of Checkout): its value moved unusually (acknowledged signal).");
  }

  /**
   * A brief about Q3 while Q4 runs leaves out the signals about Q4's key results, which the
   * brief does not contain, and a KPI's dependency on one of them, but keeps the unit's KPI
   * signal. Its summary states that Q3 closed.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Q3 2026 closed on 2026-09-30: the score of Checkout is |, against 70.0 % expected by its end.",
      "de|Q3 2026 wurde am 30.09.2026 abgeschlossen: Der Gesamtfortschritt von Checkout liegt bei |; erwartet waren bis zum Ende 70,0 %."})
  void closedCycleBriefKeepsToItsCycle(String language, String start, String end) {
    BriefInputs.Cycle q3 = new BriefInputs.Cycle("c-q3", "Q3 2026", "quarter", LocalDate.parse("2026-07-01"),
        LocalDate.parse("2026-09-30"));
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(new BriefInputs.Signal("s-q4", "missed_check_in", "warning", "open", List.of("k-q4"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Carried-over key result", null));
    signals.add(dependency("s-q4-link", "k-q4", "k-q4-other", List.of(TEAM.id()), "Carried-over key result", "key_result",
        "depends_on", "Other Q4 key result", "key_result"));
    signals.add(dependency("s-q4-kpi", "kpi-conversion", "k-q4", List.of(TEAM.id()), "Site conversion rate", "kpi",
        "depends_on", "Carried-over key result", "key_result"));
    signals.add(new BriefInputs.Signal("s-kpi", "kpi_anomaly", "warning", "open", List.of("kpi-active"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(2)), "Active customers (90 days)", null));
    BriefInputs base = with(BriefKind.WEEKLY, List.of(), Map.of(), signals);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), q3, base.units(),
        base.now(), base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    List<String> linked = linkedIds(sentences(brief));
    assertThat(linked).doesNotContain("s-q4", "s-q4-link", "s-q4-kpi");
    assertThat(linked).contains("s-1", "s-kpi");
    assertThat(sentences(brief)).extracting(s -> s.getString("text")).noneMatch(text -> text.contains("Carried-over"));
    String summary = textsOf(brief, "summary").get(0);
    assertThat(summary).startsWith(start);
    assertThat(summary).endsWith(end);
  }

  /**
   * A key result whose progress fell by 10 pp or more in the week is a risk with the reason its
   * values show, or with none, and the recommendation asks its owner why.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource(delimiter = '|', value = {
      "en|6|5|because work items were added to it.",
      "en|8|6|because fewer of its work items are done than at the start of the period.",
      "en|8|5|and its values show no reason.",
      "de|6|5|weil Arbeitselemente hinzukamen."})
  void progressFallIsRiskAndRecommendation(String language, int totalThen, int doneThen, String reason) {
    JsonObject help = node("k-help", "key_result", "Rebuild the help centre", "o-fast", 0.771, "on_track",
        NOW.minus(Duration.ofDays(1)), "Clara Nowak").put("workItems", new JsonObject().put("done", 5).put("total", 8));
    JsonObject before = help.copy().put("progress", 0.926)
        .put("workItems", new JsonObject().put("done", doneThen).put("total", totalThen));
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(help), Map.of("k-help", before), inputs(BriefKind.WEEKLY).signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    // A reason follows "period" directly, and the sentence without one adds "and" after a comma.
    String separator = reason.startsWith("because") ? " " : ", ";
    String risk = "en".equals(language) ? "Rebuild the help centre lost 15.5 pp of progress in this period" + separator + reason
        : "Rebuild the help centre verlor in diesem Zeitraum 15,5 Prozentpunkte Fortschritt, " + reason;
    String recommendation = "en".equals(language) ? "Ask Clara Nowak why Rebuild the help centre lost 15.5 pp of progress in this period."
        : "Clara Nowak fragen, warum Rebuild the help centre in diesem Zeitraum 15,5 Prozentpunkte Fortschritt verlor.";
    assertThat(textsOf(brief, "risks")).contains(risk);
    assertThat(textsOf(brief, "recommendations")).contains(recommendation);
  }

  /** A key result at risk whose progress fell has its fall in a sentence after its status, which links its values. */
  @Test
  void progressFallContinuesStatusRisk() {
    JsonObject help = node("k-help", "key_result", "Rebuild the help centre", "o-fast", 0.5, "at_risk",
        NOW.minus(Duration.ofDays(1)), "Clara Nowak");
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(help), Map.of("k-help", help.copy().put("progress", 0.7)),
        inputs(BriefKind.WEEKLY).signals());

    List<JsonObject> risks = sectionOf(BriefComposer.compose(inputs, BriefWording.of("en")), "risks").getJsonArray("sentences")
        .stream().map(JsonObject.class::cast).toList();

    JsonObject fall = risks.stream().filter(s -> s.getString("text").startsWith("Its progress fell by 20.0 pp")).findFirst().orElseThrow();
    assertThat(fall.getString("text")).isEqualTo("Its progress fell by 20.0 pp in this period, and its values show no reason.");
    assertThat(fall.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("type"))).contains("values");
    assertThat(risks.get(risks.indexOf(fall) - 1).getString("text")).startsWith("Rebuild the help centre is at risk");
  }

  @Test
  void weeklyRisksLeadWithOffTrack() {
    List<BriefInputs.Signal> signals = List.of(new BriefInputs.Signal("s-fees", "missed_check_in", "warning", "open",
        List.of("k-flat2"), List.of(TEAM.id()), NOW.minus(Duration.ofDays(1)), "Cut fees to 1.6 %", "key_result"));

    List<String> risks = textsOf(BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of("en")),
        "risks");

    assertThat(risks.get(0)).startsWith("Reduce failed payments to 3.5 % is off track");
    assertThat(risks.get(1)).startsWith("Cut fees to 1.6 % is at risk").endsWith("; a check-in is overdue (open signal).");
  }

  /** Checks that a signal sentence too long to say how both linked nodes relate still names both. */
  @Test
  void signalSentenceNamesBothLinkedNodes() {
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(dependency("s-api", "k-api", "k-quiet", List.of(TEAM.id()), "Cut the checkout API error rate from 0.9 % to 0.3 %",
        "key_result", "contributes_to", "Reduce failed payments to 3.5 %", "key_result"));
    signals.add(dependency("s-relies", "k-quiet", "i-move", List.of(TEAM.id()),
        "Reduce failed payments to 3.5 %", "key_result", "depends_on", "Move card payments", "initiative"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of("en"));

    List<JsonObject> about = signalSentencesAboutQuietKeyResult(brief);
    assertThat(about).extracting(s -> s.getString("text")).containsExactly("Beyond that, its forecast is far off the target, "
        + "and Move card payments and Cut the checkout API error rate from 0.9 % to 0.3 %, linked to it, have signals too (open signals).");
  }

  @Test
  void kpiSignalWithoutKindNamesKpi() {
    List<BriefInputs.Signal> signals = List.of(new BriefInputs.Signal("s-rating", "kpi_out_of_corridor", "warning", "open",
        List.of("kpi-rating"), List.of(TEAM.id()), NOW.minus(Duration.ofDays(2)), "App store rating", null));

    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, List.of(), Map.of(), signals), BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text"))
        .contains("App store rating (KPI of Checkout): its value left its corridor (open signal).");
  }

  @Test
  void openSignalsComeBeforeMinorRisks() {
    List<JsonObject> late = new ArrayList<>();
    for (char letter = 'A'; letter <= 'H'; letter++) {
      late.add(node("k-late-" + letter, "key_result", "Late key result " + letter, "o-guest", 0.6, "at_risk",
          NOW.minus(Duration.ofDays(1)), null));
    }
    JsonObject brief = BriefComposer.compose(with(BriefKind.WEEKLY, late, Map.of(), inputs(BriefKind.WEEKLY).signals()),
        BriefWording.of("en"));

    JsonArray risks = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    assertThat(risks.getJsonObject(0).getString("text"))
        .isEqualTo("Reduce failed payments to 3.5 % is off track: progress 30.0 % against 70.0 % expected; its forecast is far off the target (open signal).");
    assertThat(risks.getJsonObject(1).getString("text")).doesNotStartWith("Reduce failed payments");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Ask Clara Nowak about the open signal on Grow loyalty sign-ups.",
      "de | Clara Nowak nach dem offenen Signal zu Grow loyalty sign-ups fragen."})
  void openSignalIsNoCalmPlan(String language, String expected) {
    List<JsonObject> now = List.of(
        node("o-loyal", "objective", "Keep customers coming back", null, 0.8, "on_track", null, "Clara Nowak"),
        node("k-loyal", "key_result", "Grow loyalty sign-ups", "o-loyal", 0.8, "on_track", NOW.minus(Duration.ofDays(1)), null));
    Map<String, JsonObject> before = new java.util.HashMap<>();
    now.forEach(node -> before.put(node.getString("id"), node.copy()));
    List<BriefInputs.Signal> signals = List.of(dependency("s-loyal", "k-loyal", "i-app", List.of(TEAM.id()),
        "Grow loyalty sign-ups", "key_result", "depends_on", "Ship the loyalty app", "initiative"));
    BriefInputs inputs = new BriefInputs(BriefKind.WEEKLY, "org", NOW, WEEK_AGO, "live", CYCLE, List.of(TEAM), now,
        Map.of(WEEK_AGO, before), List.of(), signals);

    JsonArray recommendations = BriefComposer.compose(inputs, BriefWording.of(language)).getJsonArray("sections").stream()
        .map(s -> (JsonObject) s).filter(s -> "recommendations".equals(s.getString("key"))).findFirst().orElseThrow()
        .getJsonArray("sentences");

    assertThat(recommendations.stream().map(s -> ((JsonObject) s).getString("text"))).containsExactly(expected);
    assertThat(recommendations.getJsonObject(0).getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("path")))
        .containsExactly("/units/u-team#signal-s-loyal", "/key-results/k-loyal");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"weekly", "monthly", "quarterly"})
  void nodeBehindWithSignalGetsOneRisk(String kind) {
    JsonObject offTrackObjective = node("o-guest", "objective", "Let customers check out as guests", null, 0.3, "off_track",
        null, "Arjun Mehta");
    List<BriefInputs.Signal> signals = new ArrayList<>(inputs(BriefKind.WEEKLY).signals());
    signals.add(new BriefInputs.Signal("s-guest", "confidence_drop", "warning", "open", List.of("o-guest"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), offTrackObjective.getString("title"), "objective"));
    JsonObject brief = BriefComposer.compose(with(BriefKind.fromWire(kind), List.of(), Map.of(), signals), BriefWording.of("en"));

    JsonArray risks = brief.getJsonArray("sections").stream().map(s -> (JsonObject) s)
        .filter(s -> "risks".equals(s.getString("key"))).findFirst().orElseThrow().getJsonArray("sentences");
    String node = "weekly".equals(kind) ? "Reduce failed payments to 3.5 %" : "Let customers check out as guests";
    List<String> about = risks.stream().map(s -> ((JsonObject) s).getString("text")).filter(text -> text.startsWith(node)).toList();
    assertThat(about).hasSize(1);
    assertThat(about.get(0)).contains(" is off track: progress 30.0 % against 70.0 % expected; ").endsWith("(open signal).");
  }

  @Test
  void cycleAndObjectiveLinkToBoard() {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of("en"));

    List<JsonObject> links = sentences(brief).stream().flatMap(s -> s.getJsonArray("links").stream())
        .map(l -> (JsonObject) l).toList();

    assertThat(links).filteredOn(l -> "cycle".equals(l.getString("type"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l.getString("path")).isEqualTo("/units/u-team?cycle=c-q4"));
    assertThat(links).filteredOn(l -> "o-fast".equals(l.getString("id"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l.getString("path")).isEqualTo("/units/u-team?cycle=c-q4#objective-o-fast"));
  }

  @Test
  void portfolioBriefNamesItsScope() {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit team = new BriefInputs.Unit(TEAM.id(), TEAM.name(), TEAM.kind(), company.id(), 1);
    BriefInputs base = inputs(BriefKind.MONTHLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(node("o-co", "objective", "Grow in the DACH region", null, 0.5, "on_track", null, null).put("unitId", company.id()));
    BriefInputs inputs = new BriefInputs(BriefKind.MONTHLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), List.of(company, team), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(
        "The score of Northwind and its sub-units is 43.0 % in Q4 2026, against 70.0 % expected by now.",
        "On its own, the score of Northwind is 50.0 %, as its tile on the boards shows: its only objective is on track.",
        "Northwind scores 50.0 % on the only objective it owns (it had no objectives a month ago), which is on track.");
    assertThat(sentences(brief)).extracting(s -> s.getString("text")).noneMatch(text -> text.contains(" of its 1 "));
    // The change covers the sub-units too, so it names them like the score before it.
    assertThat(sentences(brief)).extracting(s -> s.getString("text"))
        .anyMatch(text -> text.startsWith("Since last month the score of the objectives that Northwind and its sub-units had then "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Checkout scores 35.0 % on its own objectives, and 41.3 % on those it had a month ago (+2.5 pp since last month); 1 of the 5 is on track.",
      "de | Der Gesamtfortschritt der eigenen Ziele von Checkout liegt bei 35,0 %, für die Ziele, die die Einheit vor einem Monat hatte, bei 41,3 % (+2,5 Prozentpunkte seit dem Vormonat); 1 von 5 ist im Plan."})
  void unitLineComparesObjectivesThatExistedThen(String language, String expected) {
    JsonObject addedObjective = node("o-shop", "objective", "Open the shop", null, 0.1, "off_track", null, null);
    JsonObject brief = BriefComposer.compose(with(BriefKind.MONTHLY, List.of(addedObjective), Map.of(),
        inputs(BriefKind.MONTHLY).signals()), BriefWording.of(language));

    JsonObject line = sentences(brief).stream().filter(s -> s.getString("text").equals(expected)).findFirst().orElseThrow();
    JsonObject change = line.getJsonArray("numbers").getJsonObject(2);
    assertThat(change.getString("measure")).isEqualTo("scoreChange");
    assertThat(change.getString("existedAt")).isEqualTo(WEEK_AGO.toString());
    assertThat(change.getJsonArray("nodeIds")).doesNotContain("o-shop").isEqualTo(change.getJsonArray("fromNodeIds"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Checkout scores 67.5 % on its own objectives (0.0 pp since last month); both are on track.",
      "en | Both objectives are on track (Make checkout effortless and Make payments reliable).",
      "de | Der Gesamtfortschritt der eigenen Ziele von Checkout liegt bei 67,5 % (0,0 Prozentpunkte seit dem Vormonat); beide sind im Plan."})
  void unitLineNamesBothObjectives(String language, String expected) {
    BriefInputs base = inputs(BriefKind.MONTHLY);
    List<JsonObject> now = base.now().stream().filter(node -> List.of("o-fast", "o-pay").contains(node.getString("id")))
        .map(node -> node.copy().put("status", "on_track")).toList();
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, Map.of(WEEK_AGO, Map.of("o-fast", now.get(0), "o-pay", now.get(1))),
        List.of(), List.of());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | All 4 objectives are on track (Make checkout effortless, Make payments reliable, Let customers check out as guests and Open the marketplace).",
      "de | Alle 4 Ziele sind im Plan (Make checkout effortless, Make payments reliable, Let customers check out as guests und Open the marketplace)."})
  void allObjectivesOnTrackCountedOnce(String language, String expected) {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "objective".equals(node.getString("kind")) ? node.copy().put("status", "on_track") : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(sentences(brief)).extracting(s -> s.getString("text")).contains(expected);
  }

  /**
   * Returns monthly inputs with an objective ahead of plan that is off track through its key
   * result "Blocked key result", which is behind on progress or, with {@code confidence}, ahead
   * on progress but held back by that confidence.
   */
  private static BriefInputs aheadButBlocked(double keyResultProgress, Integer confidence) {
    JsonObject blocked = node("k-blocked", "key_result", "Blocked key result", "o-ahead", keyResultProgress, "off_track",
        NOW.minus(Duration.ofDays(1)), null);
    if (confidence != null) {
      blocked.put("confidence", confidence);
    }
    List<JsonObject> extra = List.of(
        node("o-ahead", "objective", "Ahead but blocked", null, 0.9, "off_track", null, "Clara Nowak"),
        node("k-done", "key_result", "Finished key result", "o-ahead", 1.0, "on_track", NOW.minus(Duration.ofDays(1)), null),
        blocked);
    return with(BriefKind.MONTHLY, extra, Map.of(), inputs(BriefKind.MONTHLY).signals());
  }

  /**
   * A review of an objective ahead of plan names the key result that sets its status. The risk
   * sentence above shows that key result's numbers, so the review refers to it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Review Ahead but blocked with Clara Nowak and agree how its key result Blocked key result gets back on plan (see “Risks”).",
      "de|Ahead but blocked mit Clara Nowak durchgehen und festlegen, wie sein Schlüsselergebnis Blocked key result wieder in den Plan kommt (siehe „Risiken“)."})
  void reviewNamesKeyResultSettingStatus(String language, String expected) {
    JsonObject brief = BriefComposer.compose(aheadButBlocked(0.4, null), BriefWording.of(language));

    JsonObject review = sectionOf(brief, "recommendations").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("text").contains("Ahead but blocked")).findFirst().orElseThrow();
    assertThat(review.getString("text")).isEqualTo(expected);
    assertThat(linkedIds(List.of(review))).containsExactly("o-ahead", "k-blocked");
    assertThat(review.getJsonArray("numbers")).isEmpty();
    assertThat(textsOf(brief, "risks")).anyMatch(text -> text.contains("Blocked key result") && text.contains("40"));
  }

  /**
   * An objective off track because of its key result's progress, with a rolled-up confidence of 6,
   * moved to off track because of that key result: a confidence of 6 makes nothing off track. What
   * moved and Risks give the same cause.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Ahead but blocked moved from at risk to off track because its key result Blocked key result is off track "
          + "(progress 10.0 % against 70.0 % expected).",
      "de|Ahead but blocked wechselte von gefährdet auf nicht im Plan, weil sein Schlüsselergebnis Blocked key result "
          + "nicht im Plan ist (Fortschritt 10,0 %, erwartet sind 70,0 %)."})
  void statusChangeNamesKeyResultNotConfidence(String language, String expected) {
    BriefInputs base = aheadButBlocked(0.1, 6);
    List<JsonObject> now = new ArrayList<>();
    for (JsonObject node : base.now()) {
      now.add("o-ahead".equals(node.getString("id")) ? node.copy().put("confidence", 6) : node);
    }
    Map<String, JsonObject> before = new HashMap<>(base.past().get(WEEK_AGO));
    before.put("o-ahead", node("o-ahead", "objective", "Ahead but blocked", null, 0.9, "at_risk", null, "Clara Nowak"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, Map.of(WEEK_AGO, before), base.checkIns(), base.signals());
    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    List<String> moved = textsOf(brief, "moved");
    assertThat(moved).contains(expected);
    assertThat(moved).noneMatch(text -> text.contains("6/10"));
    assertThat(textsOf(brief, "risks")).anyMatch(text -> text.startsWith("Ahead but blocked") && text.contains("Blocked key result")
        && !text.contains("6/10"));
  }

  /** A key result off track on its confidence alone is named with that confidence, in the risk and in the review. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Ahead but blocked is off track because the latest check-in of its key result Blocked key result gives a confidence of only 3/10."
          + "|Review Ahead but blocked with Clara Nowak: the latest check-in of its key result Blocked key result gives a confidence of only 3/10.",
      "de|Ahead but blocked ist nicht im Plan, weil der letzte Check-in seines Schlüsselergebnisses Blocked key result nur eine Zuversicht von 3/10 angibt."
          + "|Ahead but blocked mit Clara Nowak durchgehen: Der letzte Check-in seines Schlüsselergebnisses Blocked key result gibt nur eine Zuversicht von 3/10 an."})
  void keyResultConfidenceExplainsObjective(String language, String risk, String review) {
    JsonObject brief = BriefComposer.compose(aheadButBlocked(0.8, 3), BriefWording.of(language));

    List<String> risks = sectionOf(brief, "risks").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    List<JsonObject> recommendations = sectionOf(brief, "recommendations").getJsonArray("sentences").stream()
        .map(JsonObject.class::cast).toList();
    assertThat(risks).contains(risk);
    assertThat(recommendations).extracting(s -> s.getString("text")).contains(review);
    JsonObject sentence = recommendations.stream().filter(s -> s.getString("text").equals(review)).findFirst().orElseThrow();
    assertThat(sentence.getJsonArray("numbers").getJsonObject(0).getString("measure")).isEqualTo("confidence");
    assertThat(sentence.getJsonArray("numbers").getJsonObject(0).getString("nodeId")).isEqualTo("k-blocked");
  }

  /**
   * Returns the busy inputs with more than one risk on several key results. Cut fees to 1.6 % is
   * at risk and silent, Raise conversion to 3 % has a low and a dropped confidence, and Reach 30 %
   * guest orders has no value and an overdue check-in.
   */
  private static BriefInputs crowdedInputs(BriefKind kind) {
    BriefInputs base = busyInputs(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> switch (node.getString("id")) {
      case "k-flat2" -> node.copy().put("stale", true).put("updatedAt", NOW.minus(Duration.ofDays(30)).toString());
      case "k-rise" -> node.copy().put("confidence", 5);
      default -> node;
    });
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    signals.add(new BriefInputs.Signal("s-rise", "confidence_drop", "warning", "open", List.of("k-rise"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Raise conversion to 3 %", "key_result"));
    signals.add(new BriefInputs.Signal("s-none", "missed_check_in", "warning", "open", List.of("k-none"), List.of(TEAM.id()),
        NOW.minus(Duration.ofDays(1)), "Reach 30 % guest orders", "key_result"));
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, base.past(), base.checkIns(), signals);
  }

  /** Returns the node a sentence starts its risk with: its first node link when a label of the sentence shows it, else null. */
  private static String headOf(JsonObject sentence) {
    JsonArray links = sentence.getJsonArray("links");
    for (int i = 0; i < links.size(); i++) {
      JsonObject link = links.getJsonObject(i);
      if ("node".equals(link.getString("type")) || "unit".equals(link.getString("type"))) {
        int index = i;
        boolean shown = sentence.getJsonArray("parts").stream().map(JsonObject.class::cast)
            .anyMatch(part -> Integer.valueOf(index).equals(part.getInteger("link")));
        return shown && "node".equals(link.getString("type")) ? link.getString("id") : null;
      }
    }
    return null;
  }

  @ParameterizedTest(name = "{0} brief of {1} in {2}")
  @CsvSource({"weekly, busy, en", "weekly, busy, de", "weekly, crowded, en", "weekly, crowded, de", "weekly, dependencies, en",
      "monthly, busy, en", "monthly, busy, de", "monthly, crowded, en", "monthly, late and slow, en",
      "quarterly, busy, en", "quarterly, busy, de", "quarterly, crowded, en", "quarterly, late and slow, de",
      "weekly, crowded and cut, en", "weekly, crowded and cut, de", "monthly, crowded and cut, en"})
  void noNodeHeadsTwoRisks(String kind, String fixture, String language) {
    BriefKind briefKind = BriefKind.fromWire(kind);
    BriefInputs inputs = switch (fixture) {
      case "busy" -> busyInputs(briefKind);
      case "crowded" -> crowdedInputs(briefKind);
      case "dependencies" -> withDependencies(briefKind);
      case "crowded and cut" -> crowdedAndCut(briefKind);
      default -> lateAndSlow(briefKind, "Operations");
    };

    JsonArray risks = sectionOf(BriefComposer.compose(inputs, BriefWording.of(language)), "risks").getJsonArray("sentences");

    java.util.Set<String> heads = new java.util.HashSet<>();
    String previous = null;
    int continued = 0;
    for (Object item : risks) {
      JsonObject sentence = (JsonObject) item;
      String head = headOf(sentence);
      if (head != null) {
        assertThat(heads.add(head)).as("second risk headed by %s: \"%s\"", head, sentence.getString("text")).isTrue();
        previous = head;
      } else if ("node".equals(sentence.getJsonArray("links").getJsonObject(0).getString("type"))) {
        // A continuation links its node first without naming it, right after the sentences about that node.
        assertThat(sentence.getJsonArray("links").getJsonObject(0).getString("id")).as("node continued by \"%s\"",
            sentence.getString("text")).isEqualTo(previous);
        continued++;
      }
    }
    if (briefKind == BriefKind.WEEKLY && fixture.startsWith("crowded")) {
      assertThat(continued).as("continuations in %s", risks.encodePrettily()).isGreaterThanOrEqualTo(2);
    }
  }

  /** Returns the crowded inputs with 8 more key results at risk, each with an overdue check-in, so a weekly's risks are cut. */
  private static BriefInputs crowdedAndCut(BriefKind kind) {
    BriefInputs base = crowdedInputs(kind);
    List<JsonObject> now = new ArrayList<>(base.now());
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    addLateKeyResults(now, signals);
    return new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(), base.units(),
        now, base.past(), base.checkIns(), signals);
  }

  /**
   * A risk split over two sentences continues in the second without naming its key result again.
   * The token check-in's blocker joins the first, because a shown recommendation is about it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Cut fees to 1.6 % is at risk: progress 55.0 % against 70.0 % expected, and a check-in reports a blocker: “Waiting for the payment provider”."
          + "|It has had no check-in or value for 30 days.",
      "de|Cut fees to 1.6 % ist gefährdet: Fortschritt 55,0 %, erwartet sind 70,0 %, und ein Check-in meldet ein Hindernis: „Waiting for the payment provider“."
          + "|Es hat seit 30 Tagen weder Check-in noch Messwert."})
  void splitRiskContinues(String language, String status, String silence) {
    JsonObject brief = BriefComposer.compose(crowdedInputs(BriefKind.WEEKLY), BriefWording.of(language));

    List<JsonObject> risks = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast).toList();
    List<String> texts = risks.stream().map(s -> s.getString("text")).toList();
    int at = texts.indexOf(status);
    assertThat(at).as("status sentence in %s", texts).isNotNegative();
    assertThat(texts.get(at + 1)).isEqualTo(silence);
    assertThat(risks.get(at + 1).getJsonArray("links").getJsonObject(0).getString("id")).isEqualTo("k-flat2");
    assertThat(risks.get(at + 1).getJsonArray("numbers").getJsonObject(0).getString("measure")).isEqualTo("staleDays");
  }

  /** A confidence is written on its 0-10 scale, the top of the scale in a run of its own after the engine number. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Reduce failed payments to 3.5 % is off track on confidence alone: progress is 75.0 % against 70.0 % expected, "
          + "but the latest check-in gives a confidence of only 3/10.",
      "de|Reduce failed payments to 3.5 % ist allein wegen der Zuversicht nicht im Plan: Fortschritt 75,0 %, erwartet sind 70,0 %, "
          + "doch laut letztem Check-in liegt die Zuversicht nur bei 3/10."})
  void confidenceShowsItsScale(String language, String expected) {
    JsonObject brief = BriefComposer.compose(busyInputs(BriefKind.WEEKLY), BriefWording.of(language));

    JsonObject risk = sentences(brief).stream().filter(s -> s.getString("text").equals(expected)).findFirst().orElseThrow();
    JsonArray parts = risk.getJsonArray("parts");
    int confidenceAt = -1;
    for (int i = 0; i < parts.size(); i++) {
      Integer number = parts.getJsonObject(i).getInteger("number");
      if (number != null && "confidence".equals(risk.getJsonArray("numbers").getJsonObject(number).getString("measure"))) {
        confidenceAt = i;
      }
    }
    assertThat(confidenceAt).isNotNegative();
    assertThat(parts.getJsonObject(confidenceAt).getString("text")).isEqualTo("3");
    assertThat(parts.getJsonObject(confidenceAt + 1).getString("text")).isEqualTo("/10");
    assertThat(parts.getJsonObject(confidenceAt + 1).getBoolean("scale")).isTrue();
    for (JsonObject sentence : sentences(brief)) {
      assertThat(sentence.getString("text")).as("confidence without scale").doesNotContainPattern("(confidence of only|now at|bei) \\d+\\.($| )");
    }
  }

  /** The Objectives section lists every objective with values and names those without. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|1 objective is not listed because it has no values yet: Open the marketplace.",
      "de|1 Ziel ist nicht aufgeführt, weil es noch keine Messwerte hat: Open the marketplace."})
  void objectivesSectionNamesPending(String language, String pendingLine) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.QUARTERLY), BriefWording.of(language));

    List<JsonObject> lines = sectionOf(brief, "objectives").getJsonArray("sentences").stream().map(JsonObject.class::cast).toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3).getString("text")).isEqualTo(pendingLine);
    assertThat(linkedIds(lines)).containsExactlyInAnyOrder("o-fast", "u-team", "o-pay", "u-team", "o-guest", "u-team", "o-new");
  }

  /** With more objectives than the section holds, one line counts and names those between the most and least advanced. */
  @Test
  void objectivesSectionCountsTheRest() {
    BriefInputs inputs = lateAndSlow(BriefKind.QUARTERLY, "Operations");

    List<JsonObject> lines = sectionOf(BriefComposer.compose(inputs, BriefWording.of("en")), "objectives").getJsonArray("sentences")
        .stream().map(JsonObject.class::cast).toList();

    assertThat(lines).hasSize(BriefComposer.MAX_ITEMS);
    JsonObject rest = lines.get(4);
    assertThat(rest.getString("text")).startsWith("9 more objectives, with progress between those listed, are not detailed here: ");
    JsonObject count = rest.getJsonArray("numbers").getJsonObject(0);
    assertThat(count.getJsonArray("subjects")).hasSize(9);
    assertThat(rest.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")).distinct()).hasSize(9);
    assertThat(lines.get(5).getString("text")).isEqualTo("1 objective is not listed because it has no values yet: Open the marketplace.");
    // Every objective of the brief is listed, counted or named as without values, once.
    List<String> covered = linkedIds(lines).stream().filter(id -> id.startsWith("o-")).toList();
    assertThat(covered).doesNotHaveDuplicates();
    assertThat(covered).hasSize((int) inputs.now().stream().filter(n -> "objective".equals(n.getString("kind"))).count());
  }

  /** A monthly team brief whose cut risks include a unit's silent key results counts those key results, never the unit. */
  @Test
  void cutLineCountsOnlyObjectivesAndKeyResults() {
    List<JsonObject> extra = new ArrayList<>();
    for (char letter = 'A'; letter <= 'F'; letter++) {
      extra.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null));
    }
    extra.add(node("k-silent", "key_result", "Silent key result", "o-guest", 0.2, "off_track", NOW.minus(Duration.ofDays(40)), null)
        .put("stale", true));
    JsonObject brief = BriefComposer.compose(with(BriefKind.MONTHLY, extra, Map.of(), inputs(BriefKind.MONTHLY).signals()),
        BriefWording.of("en"));

    JsonArray risks = sectionOf(brief, "risks").getJsonArray("sentences");
    JsonObject last = risks.getJsonObject(risks.size() - 1);
    assertThat(last.getString("text")).contains(" not detailed here: ");
    JsonArray subjects = last.getJsonArray("numbers").getJsonObject(0).getJsonArray("subjects");
    assertThat(subjects.stream().map(subject -> ((JsonObject) subject).getString("type"))).containsOnly("node");
    assertThat(subjects.stream().map(subject -> ((JsonObject) subject).getString("id"))).contains("k-silent");
    assertThat(last.getString("text")).startsWith(subjects.size() + " more ").doesNotContain("Checkout");
    assertThat(last.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("id")))
        .containsExactlyElementsOf(subjects.stream().map(subject -> ((JsonObject) subject).getString("id")).toList());
  }

  /**
   * A key result off track on confidence alone is ahead of plan, so its talking point names no
   * gap. Its recommendation asks about its confidence, so the point asks what help the team can give.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Ask Arjun Mehta what help the team can give on Reduce failed payments to 3.5 % (see “Recommendations”).",
      "de|Arjun Mehta fragen, welche Hilfe das Team bei Reduce failed payments to 3.5 % geben kann (siehe „Empfehlungen“)."})
  void offTrackOnConfidenceHasNoGap(String language, String expected) {
    JsonObject brief = BriefComposer.compose(busyInputs(BriefKind.WEEKLY), BriefWording.of(language));

    List<String> points = sectionOf(brief, "talkingPoints").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(points).contains(expected);
    assertThat(points).noneMatch(text -> text.contains("behind plan") || text.contains(" zurück."));
  }

  /** A key result without a value and without anyone to ask gets a recommendation to agree who enters its first value. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|Agree who enters a first value of Reach 30 % guest orders.",
      "de|Festlegen, wer einen ersten Messwert für Reach 30 % guest orders einträgt."})
  void firstValueWithoutOwner(String language, String expected) {
    JsonObject brief = BriefComposer.compose(inputs(BriefKind.WEEKLY), BriefWording.of(language));

    List<String> recommendations = sectionOf(brief, "recommendations").getJsonArray("sentences").stream()
        .map(s -> ((JsonObject) s).getString("text")).toList();
    assertThat(recommendations).contains(expected);
  }

  /** The trend's start names the objectives it covers when objectives were added since. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en|At the start of Q4 2026 the score of the objectives that existed then stood at 38.8 %.|At the start of Q4 2026 the score stood at 38.8 %.",
      "de|Zu Beginn von Q4 2026 lag der Gesamtfortschritt der damals bestehenden Ziele bei 38,8 %.|Zu Beginn von Q4 2026 lag der Gesamtfortschritt bei 38,8 %."})
  void trendStartNamesObjectivesThen(String language, String withAdded, String withoutAdded) {
    JsonObject added = BriefComposer.compose(lateAndSlow(BriefKind.QUARTERLY, "Operations"), BriefWording.of(language));
    JsonObject same = BriefComposer.compose(inputs(BriefKind.QUARTERLY), BriefWording.of(language));

    assertThat(sectionOf(added, "trend").getJsonArray("sentences").getJsonObject(0).getString("text")).isEqualTo(withAdded);
    assertThat(sectionOf(same, "trend").getJsonArray("sentences").getJsonObject(0).getString("text")).isEqualTo(withoutAdded);
  }

  /** A unit with one objective not on track gets its status named, not shares of one counted. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "en|off_track|The only objective, Let customers check out as guests, is off track.",
      "de|at_risk|Das einzige Ziel, Let customers check out as guests, ist gefährdet.",
      "en|pending|1 objective has no values yet: Let customers check out as guests."})
  void onlyObjectiveNamesItsStatus(String language, String status, String expected) {
    BriefInputs base = inputs(BriefKind.WEEKLY);
    List<JsonObject> now = base.now().stream().filter(node -> !"objective".equals(node.getString("kind"))
        || "o-guest".equals(node.getString("id"))).map(node -> "o-guest".equals(node.getString("id"))
        ? node.copy().put("status", status) : node).toList();
    BriefInputs single = new BriefInputs(BriefKind.WEEKLY, base.orgId(), base.asOf(), base.periodStart(), base.basis(),
        base.cycle(), base.units(), now, base.past(), base.checkIns(), base.signals());

    List<String> summary = sectionOf(BriefComposer.compose(single, BriefWording.of(language)), "summary").getJsonArray("sentences")
        .stream().map(s -> ((JsonObject) s).getString("text")).toList();

    assertThat(summary.get(summary.size() - 1)).isEqualTo(expected);
    assertThat(summary).noneMatch(text -> text.contains(" of 1 objectives") || text.contains(" von 1 Zielen"));
  }

  /** Returns the texts of a section's sentences. */
  private static List<String> textsOf(JsonObject brief, String key) {
    return sectionOf(brief, key).getJsonArray("sentences").stream().map(s -> ((JsonObject) s).getString("text")).toList();
  }

  /**
   * Builds monthly inputs whose recommendations are cut: three objectives of Returns to review,
   * two key results to re-plan (one in Returns, one in Commerce) and three units far behind plan,
   * Returns, Checkout and Marketplace, where an objective without values pulls the score down.
   */
  private static BriefInputs unitsFarBehind() {
    BriefInputs.Unit company = new BriefInputs.Unit("u-co", "Northwind", "company", null, 0);
    BriefInputs.Unit commerce = new BriefInputs.Unit("u-com", "Commerce", "business_unit", company.id(), 1);
    BriefInputs.Unit checkout = new BriefInputs.Unit("u-chk", "Checkout", "team", commerce.id(), 2);
    BriefInputs.Unit marketplace = new BriefInputs.Unit("u-mkt", "Marketplace", "team", commerce.id(), 2);
    BriefInputs.Unit operations = new BriefInputs.Unit("u-ops", "Operations", "business_unit", company.id(), 1);
    BriefInputs.Unit returns = new BriefInputs.Unit("u-ret", "Returns", "team", operations.id(), 2);
    List<JsonObject> now = new ArrayList<>();
    for (char letter = 'A'; letter <= 'C'; letter++) {
      now.add(node("o-late-" + letter, "objective", "Late " + letter, null, 0.05, "off_track", null, null).put("unitId", returns.id()));
    }
    now.add(node("k-ret", "key_result", "Refund in two days", "o-late-A", 0.05, "off_track", NOW, null)
        .put("unitId", returns.id()).put("forecast", new JsonObject().put("progress", 0.3)));
    now.add(node("o-repeat", "objective", "Win repeat buyers", null, 0.65, "at_risk", null, null).put("unitId", commerce.id()));
    now.add(node("k-repeat", "key_result", "Lift repeat orders", "o-repeat", 0.4, "off_track", NOW, null)
        .put("unitId", commerce.id()).put("forecast", new JsonObject().put("progress", 0.4)));
    now.add(node("o-chk", "objective", "Speed up checkout", null, 0.45, "at_risk", null, null).put("unitId", checkout.id()));
    now.add(node("o-mkt", "objective", "Grow the marketplace", null, 0.5, "at_risk", null, null).put("unitId", marketplace.id()));
    now.add(node("o-popup", "objective", "Open a pop-up store", null, 0, "pending", null, null).put("unitId", marketplace.id()));
    now.add(node("k-popup", "key_result", "Sell at the pop-up store", "o-popup", 0, "pending", null, null).put("unitId", marketplace.id()));
    Map<String, JsonObject> before = new HashMap<>();
    now.forEach(node -> before.put(node.getString("id"), node.copy()));
    return new BriefInputs(BriefKind.MONTHLY, "org", NOW, WEEK_AGO, "live", CYCLE,
        List.of(company, commerce, checkout, marketplace, operations, returns), now, Map.of(WEEK_AGO, before), List.of(), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Commerce: 1 key result to re-plan (Lift repeat orders), and 2 units far behind plan (Checkout and "
          + "Marketplace), Marketplace partly because objectives without values yet lower its score.",
      "de | Commerce: 1 Schlüsselergebnis neu zu planen (Lift repeat orders) und 2 Einheiten weit hinter dem "
          + "Plan (Checkout und Marketplace), Marketplace auch, weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken."})
  void recommendationLineMergesUnitsBehind(String language, String expected) {
    JsonObject brief = BriefComposer.compose(unitsFarBehind(), BriefWording.of(language));

    List<JsonObject> lines = sectionOf(brief, "recommendations").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("text").startsWith("Commerce")).toList();
    assertThat(lines).extracting(s -> s.getString("text")).containsExactly(expected);
    JsonArray numbers = lines.get(0).getJsonArray("numbers");
    assertThat(numbers.getJsonObject(1).getString("of")).isEqualTo("subjects.unitGap");
    assertThat(numbers.getJsonObject(1).getJsonArray("subjects").stream().map(u -> ((JsonObject) u).getString("id")))
        .containsExactly("u-chk", "u-mkt");
  }

  /**
   * A recommendations line counts "more" key results to re-plan only after a kept sentence
   * re-plans one of the same sub-unit, and no unit far behind plan of Operations is named above.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Operations: 1 more key result to re-plan (Lift repeat orders), and 1 unit far behind plan (Returns).",
      "de | Operations: 1 weiteres Schlüsselergebnis neu zu planen (Lift repeat orders) und 1 Einheit weit hinter dem Plan (Returns)."})
  void recommendationMoreAfterSameUnit(String language, String expected) {
    BriefInputs base = unitsFarBehind();
    List<JsonObject> now = new ArrayList<>(base.now());
    now.replaceAll(node -> "k-repeat".equals(node.getString("id")) ? node.copy().put("unitId", "u-ret") : node);
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, base.past(), base.checkIns(), base.signals());

    List<String> texts = textsOf(BriefComposer.compose(inputs, BriefWording.of(language)), "recommendations");

    assertThat(texts).anyMatch(text -> text.contains("Refund in two days"));
    assertThat(texts).contains(expected);
  }

  @Test
  void recommendationLineNamesWhatItCounts() {
    JsonObject brief = BriefComposer.compose(withLongTitles(unitsFarBehind()), BriefWording.of("en"));

    JsonObject line = sectionOf(brief, "recommendations").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("text").startsWith("Commerce")).findFirst().orElseThrow();
    assertThat(line.getString("text")).contains("to re-plan (Lift repeat orders across every market", "far behind plan (Checkout");
    assertThat(BriefComposer.wordCount(line)).as(line.getString("text")).isLessThanOrEqualTo(BriefComposer.MAX_WORDS_LINKED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | ; it relies on Ship the payment retry service (initiative), which is off track; and 2 more signals (open signals).",
      "de | ; es hängt von Ship the payment retry service (Initiative) ab, die nicht im Plan ist; 2 weitere Signale (offene Signale)."})
  void signalSentenceNamesLinkedItem(String language, String ending) {
    JsonObject brief = BriefComposer.compose(busyInputs(BriefKind.WEEKLY), BriefWording.of(language));

    JsonObject signals = signalSentencesAboutQuietKeyResult(brief).get(0);
    assertThat(signals.getString("text")).endsWith(ending);
    assertThat(signals.getString("text")).doesNotContain("linked item", "verknüpftes Element");
    int named = signals.getJsonArray("parts").stream().map(JsonObject.class::cast)
        .filter(part -> "Ship the payment retry service".equals(part.getString("text"))).findFirst().orElseThrow().getInteger("link");
    assertThat(signals.getJsonArray("links").getJsonObject(named).getString("id")).isEqualTo("s-app");
  }

  @ParameterizedTest(name = "{0} days")
  @CsvSource(delimiter = '|', value = {
      "7 | 1 key result of Checkout has had no check-in for more than 7 days.",
      "1 | 1 key result of Checkout has had no check-in for more than 1 day."})
  void staleCountNamesLimitInBothPortfolioBriefs(int days, String expected) {
    for (BriefKind kind : List.of(BriefKind.MONTHLY, BriefKind.QUARTERLY)) {
      BriefInputs base = crowdedInputs(kind);
      BriefInputs inputs = new BriefInputs(kind, base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
          base.units(), base.now(), base.past(), base.checkIns(), base.signals(), days);

      JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

      JsonObject stale = sectionOf(brief, "risks").getJsonArray("sentences").stream().map(JsonObject.class::cast)
          .filter(s -> s.getString("text").contains("no check-in for more than")).findFirst().orElseThrow();
      assertThat(stale.getString("text")).as("%s brief", kind).isEqualTo(expected);
      JsonObject limit = stale.getJsonArray("numbers").getJsonObject(1);
      assertThat(limit.getString("measure")).isEqualTo("staleAfterDays");
      assertThat(limit.getString("value")).isEqualTo(Integer.toString(days));
    }
  }

  @Test
  void germanStaleCountNamesLimit() {
    JsonObject brief = BriefComposer.compose(crowdedInputs(BriefKind.QUARTERLY), BriefWording.of("de"));

    assertThat(textsOf(brief, "risks")).contains("1 Schlüsselergebnis von Checkout hat seit mehr als 7 Tagen keinen Check-in.");
  }

  @ParameterizedTest(name = "{0} brief")
  @CsvSource({"monthly", "quarterly"})
  void portfolioRisksLeadWithOffTrack(String kind) {
    BriefInputs base = lateAndSlow(BriefKind.fromWire(kind), "Operations");
    List<BriefInputs.Signal> signals = new ArrayList<>(base.signals());
    // An open signal about an objective at risk with a small gap must not put it before those off track.
    signals.add(new BriefInputs.Signal("s-slow", "confidence_drop", "warning", "open", List.of("o-slow-A"), List.of("u-ops"),
        NOW.minus(Duration.ofDays(1)), "Slow objective A", "objective"));
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(node("o-worst", "objective", "Refund within two days", null, 0.02, "off_track", null, null).put("unitId", "u-returns"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, base.past(), base.checkIns(), signals);

    List<String> risks = textsOf(BriefComposer.compose(inputs, BriefWording.of("en")), "risks");

    assertThat(risks.get(0)).startsWith("Refund within two days is off track");
    assertThat(risks.subList(1, 4)).allMatch(text -> text.startsWith("Late objective ") && text.contains(" is off track"));
    assertThat(risks).noneMatch(text -> text.startsWith("Slow objective A"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | 1 objective has no key results yet, so it has nothing to measure: Cut delivery times. | "
          + "Ask Clara Nowak to add key results to Cut delivery times, so its progress can be measured.",
      "de | 1 Ziel hat noch keine Schlüsselergebnisse, an denen sich sein Fortschritt messen ließe: Cut delivery times. | "
          + "Clara Nowak bitten, Schlüsselergebnisse für Cut delivery times anzulegen, damit sich sein Fortschritt messen lässt."})
  void objectiveWithoutKeyResultsAsksForThem(String language, String summary, String recommendation) {
    JsonObject empty = node("o-empty", "objective", "Cut delivery times", null, 0, "pending", null, "Clara Nowak");
    BriefInputs inputs = with(BriefKind.WEEKLY, List.of(empty), Map.of("o-empty", empty), inputs(BriefKind.WEEKLY).signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(textsOf(brief, "summary")).contains(summary);
    assertThat(textsOf(brief, "summary")).noneMatch(text -> text.contains("no values yet: Cut delivery times")
        || text.contains("Messwerte: Cut delivery times"));
    JsonObject asked = sectionOf(brief, "recommendations").getJsonArray("sentences").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("text").equals(recommendation)).findFirst().orElseThrow();
    assertThat(asked.getJsonArray("links").getJsonObject(0).getString("path")).isEqualTo("/units/u-team?cycle=c-q4#objective-o-empty");
  }

  @Test
  void portfolioAsksForKeyResults() {
    BriefInputs base = portfolio();
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(node("o-empty", "objective", "Cut delivery times", null, 0, "pending", null, "Clara Nowak").put("unitId", "u-ret"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    assertThat(textsOf(brief, "recommendations"))
        .contains("Ask Clara Nowak to add key results to Cut delivery times, so its progress can be measured.");
    assertThat(textsOf(brief, "summary")).contains("1 objective has no key results yet, so it has nothing to measure: Cut delivery times.");
  }

  /** A KPI's signal left out of the risks is counted and named with the key results left out beside it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | 4 more key results and KPIs are not detailed here: Trusted data set F, Trusted data set G, Trusted data set H and Data freshness.",
      "de | 4 weitere Schlüsselergebnisse und KPIs werden hier nicht näher ausgeführt: Trusted data set F, Trusted data set G, Trusted data set H und Data freshness."})
  void signalCountNamesKinds(String language, String expected) {
    BriefInputs base = portfolio();
    List<JsonObject> now = new ArrayList<>(base.now());
    for (String letter : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
      now.add(node("k-data-" + letter, "key_result", "Trusted data set " + letter, "o-u-data", 0.8, "on_track", NOW, null)
          .put("unitId", "u-data"));
    }
    List<BriefInputs.Signal> signals = new ArrayList<>();
    for (String letter : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
      signals.add(new BriefInputs.Signal("s-" + letter, "off_track_forecast", "warning", "open", List.of("k-data-" + letter),
          List.of("u-data"), NOW.minus(Duration.ofDays(1)), "Trusted data set " + letter, "key_result"));
    }
    signals.add(new BriefInputs.Signal("s-kpi", "kpi_out_of_corridor", "warning", "open", List.of("kpi-freshness"),
        List.of("u-data"), NOW.minus(Duration.ofDays(1)), "Data freshness", "kpi"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, base.past(), base.checkIns(), signals);

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of(language));

    assertThat(textsOf(brief, "risks")).contains(expected);
  }

  @Test
  void objectiveWithChildObjectiveHasMeasure() {
    BriefInputs base = portfolio();
    List<JsonObject> now = new ArrayList<>(base.now());
    now.add(node("o-parent", "objective", "Cut delivery times", null, 0, "pending", null, "Clara Nowak").put("unitId", "u-ret"));
    now.add(node("o-child", "objective", "Ship within a day", "o-parent", 0, "pending", null, "Arjun Mehta").put("unitId", "u-ret"));
    BriefInputs inputs = new BriefInputs(base.kind(), base.orgId(), base.asOf(), base.periodStart(), base.basis(), base.cycle(),
        base.units(), now, base.past(), base.checkIns(), base.signals());

    JsonObject brief = BriefComposer.compose(inputs, BriefWording.of("en"));

    assertThat(textsOf(brief, "recommendations")).noneMatch(text -> text.contains("add key results to Cut delivery times"));
    assertThat(textsOf(brief, "recommendations")).anyMatch(text -> text.contains("add key results to Ship within a day"));
    assertThat(textsOf(brief, "summary")).noneMatch(text -> text.contains("no key results yet") && text.contains("Cut delivery times"));
  }

  /**
   * Builds weekly inputs with three more key results that rose and one that fell from at risk to
   * off track with a smaller change, so "What moved" has seven sentences.
   */
  private static BriefInputs manyMoves() {
    List<JsonObject> extra = new ArrayList<>();
    Map<String, JsonObject> before = new HashMap<>();
    for (int i = 1; i <= 3; i++) {
      JsonObject rising = node("k-up-" + i, "key_result", "Rise " + (char) ('A' + i - 1), "o-fast", 0.5 + i * 0.05, "on_track",
          NOW.minus(Duration.ofDays(1)), null);
      extra.add(rising);
      before.put(rising.getString("id"), rising.copy().put("progress", 0.5));
    }
    JsonObject worse = node("k-worse", "key_result", "Cut the median time", "o-pay", 0.44, "off_track", NOW.minus(Duration.ofDays(1)), null);
    extra.add(worse);
    before.put("k-worse", worse.copy().put("progress", 0.45).put("status", "at_risk"));
    return with(BriefKind.WEEKLY, extra, before, List.of());
  }

  @Test
  void worseStatusLeadsWhatMoved() {
    List<String> moved = textsOf(BriefComposer.compose(manyMoves(), BriefWording.of("en")), "moved");

    assertThat(moved.get(0)).isEqualTo("Cut the median time moved from at risk to off track: progress is 44.0 % against 70.0 % expected.");
    assertThat(moved).noneMatch(text -> text.contains("not detailed here"));
    assertThat(moved).hasSize(BriefComposer.MAX_ITEMS + 1);
  }

  @Test
  void unitsListedByChange() {
    JsonArray units = sectionOf(BriefComposer.compose(portfolio(), BriefWording.of("en")), "units").getJsonArray("sentences");

    List<BigDecimal> changes = new ArrayList<>();
    for (Object item : units) {
      ((JsonObject) item).getJsonArray("numbers").stream().map(JsonObject.class::cast)
          .filter(number -> "scoreChange".equals(number.getString("measure")))
          .forEach(number -> changes.add(new BigDecimal(number.getString("shownValue", number.getString("value")))));
    }
    assertThat(changes).hasSize(5);
    assertThat(changes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en | Carry over ",
      "de | übernehmen"})
  void carryOverCountsObjectives(String language, String item) {
    List<JsonObject> behind = new ArrayList<>();
    for (char letter = 'A'; letter <= 'L'; letter++) {
      behind.add(node("o-late-" + letter, "objective", "Late objective " + letter, null, 0.1, "off_track", null, null));
    }
    JsonObject brief = BriefComposer.compose(with(BriefKind.QUARTERLY, behind, Map.of(), List.of()), BriefWording.of(language));

    List<String> carried = textsOf(brief, "carryOver");
    assertThat(carried.subList(0, carried.size() - 1)).allMatch(text -> text.contains(item));
    assertThat(carried.get(carried.size() - 1)).startsWith("en".equals(language) ? "10 more objectives are not detailed here: "
        : "10 weitere Ziele werden hier nicht näher ausgeführt: ");
  }
}
