package io.momentum.server.assist.briefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a brief from its inputs: a pure function of {@link BriefInputs} and the language, so
 * the same inputs give the same brief. Every number comes from {@link BriefNumbers}.
 *
 * <p>Rules of the sections: a node "moved" when its progress shown with one decimal changed; a
 * node is a risk when it is off track or at risk, when its latest confidence is 6 or lower (the
 * level at which the status rules cap it at "at risk"), when it is stale short of its target, or when it has no value;
 * an objective carries over when it is not on track at the brief's instant.
 *
 * <p>A section has at most {@link #MAX_ITEMS} sentences, the largest changes and gaps first. A
 * section with more keeps the first {@code MAX_ITEMS - 1} and ends with one sentence that counts
 * and links the nodes and units the others are about. A sentence about a key result measured in its own
 * unit shows its value and forecast value in that unit, and its progress only where labelled so.
 */
final class BriefComposer {

  /**
   * Maximum number of sentences in a section, including the one that counts the rest. Two short
   * sentences left out are shown in place of that count, so a section may have one more.
   */
  static final int MAX_ITEMS = 6;
  /**
   * Maximum words of a risk sentence, an estimate of what a reader takes in at once. A longer
   * sentence about a node's status and signals is split in two, and a longer signal sentence counts
   * its linked nodes, then some of its signals. The English text is measured for every language.
   */
  static final int MAX_WORDS = 35;
  /**
   * Maximum words of a signal sentence that names every node its signals link to. A longer one
   * names one linked node, or none, and counts the others.
   */
  static final int MAX_WORDS_LINKED = 40;
  /** Signal kinds that a signal sentence always names, first, and never counts as "1 more signal". */
  private static final List<String> KEPT_KINDS = List.of("off_track_forecast", "missed_check_in");
  /**
   * Minimum by which a unit's score must rise more than the expected progress over the period, as
   * a ratio (0.05 = 5 pp), for a portfolio talking point to ask the unit what worked. Below it the
   * unit only kept pace with the plan.
   */
  static final BigDecimal RISE_OVER_PLAN = new BigDecimal("0.05");
  /** Highest confidence that counts as low: the status rules make a node at most "at risk" at 6. */
  static final int LOW_CONFIDENCE = 6;
  /** The smallest fall of progress in a period, as a ratio, that a weekly brief explains as a risk. */
  static final BigDecimal FALL_TO_EXPLAIN = new BigDecimal("0.10");
  /** The highest confidence that makes a node off track whatever its progress. */
  static final int OFF_TRACK_CONFIDENCE = 3;

  /**
   * Field of a risk sentence, removed before output, that names why its subject is a risk:
   * off_track, at_risk, signal, lowConfidence, stale, noValue or staleCount. A portfolio
   * recommendation has review, replan, unitGap or unitGapPending (a unit far behind plan that has
   * objectives without values yet) there.
   */
  private static final String RISK_REASON = "riskReason";
  /**
   * Field of a weekly risk sentence, removed before output, set when a cut section keeps it
   * anyway: it is about a node off track or one that a shown recommendation names, or it links an
   * open critical signal.
   */
  private static final String KEEP = "keep";
  /** Field of a sentence of a portfolio's "What moved" section, removed before output. */
  private static final String MOVED = "moved";
  /**
   * Field of a risk sentence, removed before output, set when it continues the sentence before it
   * about the same node and does not name that node.
   */
  private static final String CONTINUES = "continues";
  /**
   * Field of a sentence, removed before output, with the index in {@link #pointerForms} of its
   * shorter form that refers to an earlier section instead of repeating the node's progress and
   * expected progress shown there.
   */
  private static final String POINTER = "pointer";

  private final BriefInputs in;
  private final BriefWording words;
  private final BriefNumbers numbers;
  private final Map<String, JsonObject> then;
  private final Map<String, JsonObject> byId = new LinkedHashMap<>();
  /**
   * Each node's progress and expected progress shown by the sections written so far, as
   * "k-1: 0.3/0.7", with the key of the first section that shows the pair.
   */
  private final Map<String, String> shownPairs = new HashMap<>();
  /** Builders of the forms that {@link #POINTER} indexes, each given the title of the section it refers to. */
  private final List<Function<String, JsonObject>> pointerForms = new ArrayList<>();
  /**
   * Keys of the nodes whose risk sentence a weekly brief's cut keeps because a shown
   * recommendation is about them, such as "node:k-1". Nodes off track are kept too.
   */
  private Set<String> recommendedRisks = Set.of();
  /** Blocker check-ins that joined the risk sentence of their key result, so the Blockers section leaves them out. */
  private final Set<BriefInputs.CheckIn> blockersInRisks = new HashSet<>();
  /**
   * Whether each sentence checked against a word limit fitted, in the order of the checks. The
   * English brief records them and a brief in another language replays them, so what a brief keeps
   * and cuts does not depend on its language.
   */
  private static final Logger LOG = LoggerFactory.getLogger(BriefComposer.class);
  private final List<Boolean> limitChecks;
  private final boolean replaying;
  private int nextFit;

  private BriefComposer(BriefInputs in, BriefWording words, List<Boolean> limitChecks, boolean replaying) {
    this.in = in;
    this.words = words;
    this.limitChecks = limitChecks;
    this.replaying = replaying;
    this.numbers = new BriefNumbers(words, in.cycle().id());
    this.then = in.past().getOrDefault(in.periodStart(), Map.of());
    in.now().forEach(node -> byId.put(node.getString("id"), node));
  }

  /** Composes the brief JSON: {@code title}, {@code sections} of {@code key}, {@code title} and {@code sentences}. */
  static JsonObject compose(BriefInputs in, BriefWording words) {
    BriefComposer composer;
    if ("en".equals(words.language())) {
      composer = new BriefComposer(in, words, new ArrayList<>(), false);
    } else {
      // Word limits are checked on the English text, and this brief makes the same cuts.
      BriefComposer english = new BriefComposer(in, BriefWording.of("en"), new ArrayList<>(), false);
      english.sections();
      composer = new BriefComposer(in, words, english.limitChecks, true);
    }
    return new JsonObject()
        .put("title", words.template("title." + in.kind().wire()) + ": " + in.unit().name() + ", " + in.cycle().name())
        .put("sections", composer.sections());
  }

  /**
   * Returns true when the brief in the language of {@code words} makes exactly the word-limit
   * checks that the English brief of {@code in} made, so it never falls back to its own counts.
   */
  static boolean replaysEveryLimitCheck(BriefInputs in, BriefWording words) {
    BriefComposer english = new BriefComposer(in, BriefWording.of("en"), new ArrayList<>(), false);
    english.sections();
    BriefComposer other = new BriefComposer(in, words, english.limitChecks, true);
    other.sections();
    return other.nextFit == english.limitChecks.size();
  }

  private JsonArray sections() {
    JsonArray sections = new JsonArray();
    switch (in.kind()) {
      case WEEKLY -> weekly(sections);
      case MONTHLY -> monthly(sections);
      case QUARTERLY -> quarterly(sections);
    }
    return sections;
  }

  private void weekly(JsonArray sections) {
    List<JsonObject> keyResults = in.keyResults();
    sections.add(section("summary", summary()));
    if (in.objectives().isEmpty()) {
      return;
    }
    sections.add(section("moved", moved(keyResults, true)));
    List<JsonObject> recommendations = recommendations(keyResults);
    // A risk that a shown recommendation is about stays in the risks section, so the recommendation
    // never refers to a cut risk. The recommendations are cut once more after the risks, because a
    // recommendation refers to a risk sentence that shows its numbers instead of repeating them.
    Set<String> recommended = new HashSet<>();
    section("recommendations", recommendations, false).getJsonArray("sentences")
        .forEach(sentence -> recommended.add(linkKey(subjectOf((JsonObject) sentence))));
    recommendedRisks = recommended;
    List<JsonObject> risks = risks(keyResults);
    risks.stream().filter(risk -> recommended.contains(linkKey(subjectOf(risk)))).forEach(risk -> risk.put(KEEP, true));
    sections.add(section("risks", risks));
    sections.add(section("blockers", blockers()));
    JsonObject shownRecommendations = section("recommendations", recommendations);
    sections.add(shownRecommendations);
    Set<String> withRecommendation = new HashSet<>();
    shownRecommendations.getJsonArray("sentences")
        .forEach(sentence -> withRecommendation.add(linkKey(subjectOf((JsonObject) sentence))));
    sections.add(section("talkingPoints", talkingPoints(keyResults, withRecommendation)));
  }

  private void monthly(JsonArray sections) {
    sections.add(section("summary", summary()));
    if (in.objectives().isEmpty()) {
      return;
    }
    sections.add(section("units", unitLines()));
    List<JsonObject> moved = moved(in.objectives(), false);
    moved.forEach(sentence -> sentence.put(MOVED, true));
    sections.add(section("moved", moved));
    List<JsonObject> risks = risks(in.objectives());
    risks.addAll(staleCounts());
    sections.add(section("risks", risks));
    sections.add(section("blockers", blockers()));
    JsonObject recommendations = section("recommendations", portfolioRecommendations());
    sections.add(recommendations);
    sections.add(section("talkingPoints", portfolioTalkingPoints(false, subjectsOf(recommendations))));
  }

  private void quarterly(JsonArray sections) {
    sections.add(section("summary", summary()));
    if (in.objectives().isEmpty()) {
      return;
    }
    sections.add(section("trend", trend()));
    sections.add(section("units", unitLines()));
    sections.add(section("objectives", objectiveLines()));
    sections.add(section("carryOver", carryOver()));
    // The quarterly risks count silent key results as the monthly ones do, so both agree at the same instant.
    List<JsonObject> risks = risks(in.objectives());
    risks.addAll(staleCounts());
    sections.add(section("risks", risks));
    JsonObject recommendations = section("recommendations", portfolioRecommendations());
    sections.add(recommendations);
    sections.add(section("talkingPoints", portfolioTalkingPoints(true, subjectsOf(recommendations))));
  }

  private JsonObject section(String key, List<JsonObject> sentences) {
    return section(key, sentences, true);
  }

  /**
   * Writes a section. A sentence whose progress pairs an earlier section shows takes its form that
   * refers to that section. A {@code shown} section records the pairs it shows, so later sections
   * refer to them. A section written only to see what it keeps records nothing.
   */
  private JsonObject section(String key, List<JsonObject> sentences, boolean shown) {
    List<JsonObject> written = sentences.stream().map(this::referringBack).toList();
    // The Units section cuts itself, so that no direct sub-unit is left out.
    List<JsonObject> kept = written.size() <= MAX_ITEMS || "units".equals(key) ? written : capped(written);
    JsonArray out = new JsonArray();
    kept.forEach(sentence -> {
      JsonObject copy = sentence.copy();
      copy.remove(RISK_REASON);
      copy.remove(KEEP);
      copy.remove(MOVED);
      copy.remove(CONTINUES);
      copy.remove(POINTER);
      out.add(copy);
    });
    if (shown) {
      for (JsonObject sentence : kept) {
        progressPairs(sentence).forEach(pair -> shownPairs.putIfAbsent(pair, key));
      }
    }
    return new JsonObject().put("key", key).put("title", words.template("section." + key)).put("sentences", out);
  }

  /**
   * Marks {@code full}, a recommendation on {@code node} built from template {@code key}, to take
   * the "{@code key}.seeSection" form, which names the owner and the earlier section instead of
   * the node's progress against plan, when that section shows them.
   */
  private JsonObject withSectionPointer(JsonObject full, String key, JsonObject node, String owner) {
    return withPointer(full, section -> {
      Sentence.Builder shorter = sentence(key + ".seeSection").node(node);
      if (owner != null) {
        shorter.quote(owner);
      }
      return shorter.words(section).build();
    });
  }

  /** Marks {@code sentence} as one that takes the form {@code pointer} builds when its progress pairs are shown earlier. */
  private JsonObject withPointer(JsonObject sentence, Function<String, JsonObject> pointer) {
    pointerForms.add(pointer);
    return sentence.put(POINTER, pointerForms.size() - 1);
  }

  /**
   * Returns the form of a sentence that refers to the earlier section showing all its progress
   * pairs, with the marks that steer cutting. Returns the sentence itself when it has no such
   * form or no single earlier section shows all its pairs.
   */
  private JsonObject referringBack(JsonObject sentence) {
    Integer pointer = sentence.getInteger(POINTER);
    List<String> pairs = progressPairs(sentence);
    if (pointer == null || pairs.isEmpty()) {
      return sentence;
    }
    Set<String> shownIn = new HashSet<>();
    pairs.forEach(pair -> shownIn.add(shownPairs.get(pair)));
    if (shownIn.size() != 1 || shownIn.contains(null)) {
      return sentence;
    }
    JsonObject shorter = pointerForms.get(pointer).apply(words.template("section." + shownIn.iterator().next()));
    for (String mark : List.of(RISK_REASON, KEEP, MOVED, CONTINUES)) {
      if (sentence.containsKey(mark)) {
        shorter.put(mark, sentence.getValue(mark));
      }
    }
    return shorter;
  }

  /** Returns "nodeId: progress/expected" for each node whose progress and expected progress a sentence both shows. */
  static List<String> progressPairs(JsonObject sentence) {
    Map<String, String> progress = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    for (Object item : sentence.getJsonArray("numbers")) {
      JsonObject fact = (JsonObject) item;
      String nodeId = fact.getString("nodeId");
      if (nodeId != null && "progress".equals(fact.getString("measure"))) {
        progress.put(nodeId, fact.getString("value"));
      } else if (nodeId != null && "expected".equals(fact.getString("measure"))) {
        expected.put(nodeId, fact.getString("value"));
      }
    }
    List<String> pairs = new ArrayList<>();
    progress.forEach((nodeId, value) -> {
      if (expected.containsKey(nodeId)) {
        pairs.add(nodeId + ": " + value + "/" + expected.get(nodeId));
      }
    });
    return pairs;
  }

  /**
   * Keeps the first {@code MAX_ITEMS - 1} sentences and replaces the rest with one that counts and
   * links the nodes and units they are about, each once: a sentence is about its first such link.
   * A node or unit that a kept sentence links is neither counted nor named again, so the kept
   * names and the count add up to what the section is about. When every left-out sentence is about
   * a node or unit the kept ones name, the section keeps {@code MAX_ITEMS} sentences and no count.
   * A weekly risk section also keeps every sentence marked {@link #KEEP}, so it may have more.
   */
  private List<JsonObject> capped(List<JsonObject> sentences) {
    if (in.kind() != BriefKind.WEEKLY) {
      List<JsonObject> grouped = cappedByUnit(sentences);
      if (grouped != null) {
        return grouped;
      }
    }
    // Sentences marked KEEP all stay, and the first others fill the section up to MAX_ITEMS - 1.
    long marked = sentences.stream().filter(sentence -> sentence.getBoolean(KEEP, false)).count();
    long others = Math.max(0, MAX_ITEMS - 1 - marked);
    List<JsonObject> kept = new ArrayList<>();
    List<JsonObject> left = new ArrayList<>();
    for (JsonObject sentence : sentences) {
      if (sentence.getBoolean(KEEP, false) || others-- > 0) {
        kept.add(sentence);
      } else {
        left.add(sentence);
      }
    }
    if (left.isEmpty()) {
      // Every sentence must stay (a weekly's off-track and critical risks), so nothing is counted.
      return kept;
    }
    // One or two short sentences left out take no more room than the sentence that would count
    // them, so the section shows them instead.
    if (left.size() == 1 || left.size() == 2 && checked(left.stream().mapToInt(BriefComposer::wordCount).sum() <= MAX_WORDS_LINKED,
        left.get(0).getString("text"))) {
      return sentences;
    }
    Set<String> covered = new HashSet<>();
    kept.forEach(sentence -> covered.addAll(namedKeys(sentence)));
    Map<String, JsonObject> named = new LinkedHashMap<>();
    for (JsonObject dropped : left) {
      for (JsonObject item : itemsOf(dropped)) {
        if (!covered.contains(linkKey(item))) {
          named.putIfAbsent(linkKey(item), item);
        }
      }
    }
    if (named.isEmpty()) {
      // The kept sentences name every left-out subject: one more sentence takes the place of the count.
      JsonObject next = left.get(0);
      return sentences.stream().filter(sentence -> sentence == next || kept.contains(sentence)).toList();
    }
    List<JsonObject> subjects = new ArrayList<>(named.values());
    String noun = countedNoun(subjects);
    kept.add(naming(count -> counted("more", subjects.size()).number(numbers.more(subjects, in.asOf())).labels(subjects, count)
        .words(noun), subjects.size()));
    return kept;
  }

  /**
   * Returns the links of the objectives and key results a left-out sentence is about, which a
   * "N more items" sentence counts. They are its subject when that is a node, else the nodes it
   * links, else the nodes its numbers count (such as the silent key results of a unit). A unit is
   * never one of them, so a sentence about a unit alone, such as its open signals, has none.
   */
  private List<JsonObject> itemsOf(JsonObject sentence) {
    JsonObject subject = subjectOf(sentence);
    if ("node".equals(subject.getString("type"))) {
      return List.of(subject);
    }
    Map<String, JsonObject> items = new LinkedHashMap<>();
    for (Object item : sentence.getJsonArray("links")) {
      JsonObject link = (JsonObject) item;
      if ("node".equals(link.getString("type"))) {
        items.putIfAbsent(linkKey(link), link);
      }
    }
    if (items.isEmpty()) {
      for (Object item : sentence.getJsonArray("numbers")) {
        JsonArray ids = ((JsonObject) item).getJsonArray("nodeIds", new JsonArray());
        for (Object id : ids) {
          JsonObject node = byId.get((String) id);
          if (node != null) {
            JsonObject link = Sentence.Builder.nodeLink(node);
            items.putIfAbsent(linkKey(link), link);
          }
        }
      }
    }
    if (items.isEmpty()) {
      // A KPI outside the brief's nodes is named by its signal's link, which carries its title.
      for (Object item : sentence.getJsonArray("links")) {
        JsonObject link = (JsonObject) item;
        if ("signal".equals(link.getString("type")) && link.getString("label") != null
            && link.getString("kind", "").startsWith("kpi_")) {
          items.putIfAbsent(linkKey(link), link.copy().put("subjectKind", "kpi"));
        }
      }
    }
    return new ArrayList<>(items.values());
  }

  /**
   * Cuts a portfolio section so that it names every sub-unit. The first sentences stay. The nodes
   * and units of the rest that no kept sentence names get one sentence per direct sub-unit of the
   * brief's unit ("4 more items in Operations are not detailed here: A, B, C and D."), or in the
   * risks section one that says what is wrong ("Operations: 3 off track (A, B and C), and 2 with
   * unresolved signals (D and E)."). Returns null
   * when the rest falls into fewer than two sub-units, or into so many that fewer than two
   * sentences would stay, so that one sentence counts them all.
   */
  private List<JsonObject> cappedByUnit(List<JsonObject> sentences) {
    for (int keep = MAX_ITEMS - 2; keep >= 2; keep--) {
      Set<String> covered = new HashSet<>();
      sentences.subList(0, keep).forEach(sentence -> covered.addAll(namedKeys(sentence)));
      Map<String, Map<String, JsonObject>> byUnit = new LinkedHashMap<>();
      Map<String, List<JsonObject>> droppedByUnit = new HashMap<>();
      // The reason of each left-out risk subject: the first, so the weightiest, of its sentences.
      Map<String, String> reasons = new HashMap<>();
      for (JsonObject dropped : sentences.subList(keep, sentences.size())) {
        JsonObject subject = subjectOf(dropped);
        String key = linkKey(subject);
        if (dropped.containsKey(RISK_REASON)) {
          reasons.putIfAbsent(key, dropped.getString(RISK_REASON));
        }
        BriefInputs.Unit group = groupOf(subject);
        if (group == null) {
          return null;
        }
        if (!covered.contains(key)) {
          byUnit.computeIfAbsent(group.id(), id -> new LinkedHashMap<>()).putIfAbsent(key, subject);
          droppedByUnit.computeIfAbsent(group.id(), id -> new ArrayList<>()).add(dropped);
        }
      }
      if (byUnit.size() < 2) {
        return null;
      }
      if (keep + byUnit.size() <= MAX_ITEMS) {
        List<JsonObject> kept = new ArrayList<>(sentences.subList(0, keep));
        for (Map.Entry<String, Map<String, JsonObject>> entry : byUnit.entrySet()) {
          BriefInputs.Unit unit = in.units().stream().filter(u -> u.id().equals(entry.getKey())).findFirst().orElseThrow();
          List<JsonObject> subjects = new ArrayList<>(entry.getValue().values());
          boolean unitSubject = subjects.stream().anyMatch(subject -> "unit".equals(subject.getString("type")));
          if (reasons.keySet().containsAll(entry.getValue().keySet())) {
            boolean namedAbove = covered.stream().anyMatch(key -> unit.equals(groupOfKey(key)));
            kept.add(riskLine(unit, entry.getValue(), reasons, namedAbove, reasonsNamed(sentences.subList(0, keep), unit)));
          } else if (sentences.get(0).getBoolean(MOVED, false) && !unitSubject) {
            kept.add(movedLine(unit, subjects));
          } else {
            // The line counts only objectives and key results, so a sentence about a unit counts the nodes it is about.
            Map<String, JsonObject> items = new LinkedHashMap<>();
            droppedByUnit.get(entry.getKey()).forEach(dropped -> itemsOf(dropped).stream()
                .filter(item -> !covered.contains(linkKey(item))).forEach(item -> items.putIfAbsent(linkKey(item), item)));
            List<JsonObject> inside = new ArrayList<>(items.values());
            if (!inside.isEmpty()) {
              String noun = countedNoun(inside);
              kept.add(naming(named -> counted("moreIn", inside.size()).number(numbers.more(inside, in.asOf())).unit(unit)
                  .labels(inside, named).words(noun), inside.size()));
            }
          }
        }
        return kept;
      }
    }
    return null;
  }

  /** Returns the reasons of the sentences among {@code kept} whose subject belongs to the sub-unit {@code group}. */
  private Set<String> reasonsNamed(List<JsonObject> kept, BriefInputs.Unit group) {
    Set<String> named = new HashSet<>();
    for (JsonObject sentence : kept) {
      if (sentence.containsKey(RISK_REASON) && group.equals(groupOf(subjectOf(sentence)))) {
        named.add(sentence.getString(RISK_REASON));
      }
    }
    return named;
  }

  /**
   * Writes one line about the left-out objectives of a sub-unit in "What moved": how many rose
   * and fell, each with the largest change, and how many more are new or changed status ("In
   * Operations and its sub-units, 4 objectives rose (most Cut warehouse errors, by 12.0 pp), and 1
   * fell (...)").
   */
  private JsonObject movedLine(BriefInputs.Unit group, List<JsonObject> subjects) {
    List<JsonObject> rose = new ArrayList<>();
    List<JsonObject> fell = new ArrayList<>();
    List<JsonObject> other = new ArrayList<>();
    for (JsonObject subject : subjects) {
      JsonObject node = byId.get(subject.getString("id"));
      int direction = change(node).signum();
      if (direction > 0) {
        rose.add(node);
      } else if (direction < 0) {
        fell.add(node);
      } else {
        other.add(node);
      }
    }
    Comparator<JsonObject> largestFirst = Comparator.comparing((JsonObject node) -> change(node).abs()).reversed()
        .thenComparing(BriefComposer::title);
    rose.sort(largestFirst);
    fell.sort(largestFirst);
    List<JsonObject> clauses = new ArrayList<>();
    for (Map.Entry<String, List<JsonObject>> entry : List.of(Map.entry("rose", rose), Map.entry("fell", fell))) {
      List<JsonObject> nodes = entry.getValue();
      if (!nodes.isEmpty()) {
        JsonObject largest = nodes.get(0);
        clauses.add(counted(movedInKey(entry.getKey(), clauses.isEmpty()), nodes.size())
            .number(numbers.risks(entry.getKey(), links(nodes), in.asOf())).node(largest)
            .number(numbers.unsigned(numbers.change(then.get(largest.getString("id")), in.periodStart(), largest, in.asOf())))
            .build());
      }
    }
    // The line names what the unmoved rest is: new in the period, changed status, or the general
    // "new or changed status" (for example a change that rounds to nothing).
    List<JsonObject> added = other.stream().filter(node -> !then.containsKey(node.getString("id"))).toList();
    List<JsonObject> statusChanged = other.stream().filter(node -> then.containsKey(node.getString("id"))
        && !node.getString("status").equals(then.get(node.getString("id")).getString("status"))).toList();
    List<JsonObject> rest = other.stream().filter(node -> !added.contains(node) && !statusChanged.contains(node)).toList();
    for (Map.Entry<String, List<JsonObject>> entry : List.of(Map.entry("new", added), Map.entry("statusChanged", statusChanged),
        Map.entry("more", rest))) {
      List<JsonObject> nodes = entry.getValue();
      if (!nodes.isEmpty()) {
        String key = movedInKey("more".equals(entry.getKey()) ? "other" : entry.getKey(), clauses.isEmpty());
        clauses.add(counted(key, nodes.size()).number(numbers.risks(entry.getKey(), links(nodes), in.asOf()))
            .nodes(nodes, MAX_ITEMS / 2).build());
      }
    }
    // The Units section covers a unit's own objectives, so a line that also counts its sub-units' objectives names that scope.
    boolean tree = subjects.stream().anyMatch(subject -> !group.id().equals(byId.get(subject.getString("id")).getString("unitId")));
    return sentence(tree ? "movedInTree" : "movedIn").unit(group).clauses(clauses).build();
  }

  /**
   * Returns the template of a clause of {@link #movedLine}. The first clause has its own form,
   * because German puts its verb before the count after "In Operations" ("In Operations kamen 4 Ziele
   * voran"), and it counts no "more" objectives since no clause precedes it.
   */
  private static String movedInKey(String clause, boolean first) {
    return (first ? "movedInFirst." : "movedIn.") + clause;
  }

  private static List<JsonObject> links(List<JsonObject> nodes) {
    return nodes.stream().map(Sentence.Builder::nodeLink).toList();
  }

  /** The order of the clauses of a risk line, weightiest first. */
  private static final List<String> RISK_REASONS = List.of("off_track", "at_risk", "signal", "lowConfidence", "noValue", "staleCount",
      "stale");
  /** The order of the clauses of a portfolio recommendations line, in the order the section has them. */
  private static final List<String> RECOMMENDATION_REASONS = List.of("review", "replan", "addKeyResults", "unitGap", "unitGapPending");

  /**
   * Writes one line about the left-out risks or recommendations of a sub-unit: per reason, the
   * count of nodes and units with that reason, with their names in brackets when all of them fit
   * in {@link #MAX_WORDS} words ("Operations: 2 more objectives to review (A and B)"). Otherwise
   * it names only the weightiest few, each in brackets after the count of its reason
   * ("Operations: 4 objectives off track (A and 3 more), 1 objective at risk, and 9 items with
   * unresolved signals"). It names none when even one name does not fit. The others are linked as
   * data. Key results without a recent check-in, counted per unit in the
   * risks section, are counted here too, with the unit they belong to. The line calls the
   * sub-unit's own objectives and key results "its own", since it names the sub-unit first. When
   * the kept risk sentences name nodes or units of the sub-unit, the line leaves them out of its
   * counts and starts "Operations and its sub-units, besides the risks listed above:", so its
   * counts never read as the sub-unit's totals. Nodes that only other sections name, such as
   * "What moved", stay in its counts. A recommendations clause counts "more" subjects only when
   * a kept sentence of its reason ({@code reasonsAbove}) is about the same sub-unit.
   */
  private JsonObject riskLine(BriefInputs.Unit group, Map<String, JsonObject> subjects, Map<String, String> reasons,
                              boolean namedAbove, Set<String> reasonsAbove) {
    boolean recommendations = RECOMMENDATION_REASONS.containsAll(reasons.values());
    Map<String, List<JsonObject>> byReason = new LinkedHashMap<>();
    (recommendations ? RECOMMENDATION_REASONS : RISK_REASONS).forEach(reason -> byReason.put(reason, new ArrayList<>()));
    subjects.forEach((key, subject) -> byReason.get(reasons.get(key)).add(subject));
    String groupKey = "unit:" + group.id();
    // A risk line that counts items of the sub-unit's own sub-units names that scope, because the
    // unit's line in the Units section covers only its own objectives.
    boolean tree = !recommendations && subjects.values().stream().anyMatch(subject -> !group.id().equals(unitIdOf(subject)));
    String besides = namedAbove && !recommendations ? "Besides" : "";
    String line = (tree ? "riskInTree" : "riskIn") + besides;
    if (recommendations) {
      // Every count names what it counts: long titles cost names per clause ("A and 1 more"), never all of them.
      return naming(max -> sentence(line).unit(group).clauses(recommendationClauses(group, byReason, reasonsAbove, max)),
          MAX_ITEMS);
    }
    JsonObject named = sentence(line).unit(group).clauses(riskClauses(group, byReason, recommendations, Integer.MAX_VALUE)).build();
    if (fits(named, MAX_WORDS)) {
      return named;
    }
    boolean nameable = byReason.entrySet().stream().anyMatch(entry -> !"staleCount".equals(entry.getKey())
        && entry.getValue().stream().anyMatch(subject -> !linkKey(subject).equals(groupKey)));
    if (nameable) {
      // The weightiest clauses name their first subjects in brackets, so each name follows the count of its kind.
      JsonObject withNames = naming(count -> sentence(line).unit(group).clauses(riskClauses(group, byReason, recommendations, count)),
          MAX_ITEMS / 2);
      if (fits(withNames, MAX_WORDS)) {
        return withNames;
      }
    }
    // Even one name is too long: the line only counts, and links every subject as data.
    return sentence(line).unit(group).clauses(riskClauses(group, byReason, recommendations, 0)).build();
  }

  /** Returns the unit of a node or the id of a unit link. */
  private static String unitIdOf(JsonObject subject) {
    return "unit".equals(subject.getString("type")) ? subject.getString("id") : subject.getString("unitId");
  }

  /**
   * Returns the clauses of a recommendations line of {@link #riskLine}, one per reason, each naming
   * at most {@code max} of its subjects in brackets. Units far behind plan share one clause whether
   * or not objectives without values pull their scores down, and the clause names those that do.
   * A clause counts "1 more key result to re-plan" only when the sentences above, whose reasons
   * are {@code reasonsAbove}, already name one of the sub-unit, else "1 key result to re-plan".
   */
  private List<JsonObject> recommendationClauses(BriefInputs.Unit group, Map<String, List<JsonObject>> byReason,
                                                 Set<String> reasonsAbove, int max) {
    List<JsonObject> clauses = new ArrayList<>();
    for (String reason : List.of("review", "replan", "addKeyResults")) {
      List<JsonObject> about = byReason.get(reason);
      if (!about.isEmpty()) {
        String key = "recIn." + reason + (reasonsAbove.contains(reason) ? ".more" : "");
        clauses.add(counted(key, about.size()).number(numbers.risks(reason, about, in.asOf()))
            .bracketedLabels(about, max).build());
      }
    }

    String own = "unit:" + group.id();
    List<JsonObject> gap = new ArrayList<>(byReason.get("unitGap"));
    List<JsonObject> pending = new ArrayList<>(byReason.get("unitGapPending"));
    // The sub-unit itself far behind plan, in its clause or in a sentence above, makes the units after it "more".
    boolean unitNamed = reasonsAbove.contains("unitGap") || reasonsAbove.contains("unitGapPending");
    if (gap.removeIf(subject -> linkKey(subject).equals(own))) {
      clauses.add(sentence("recIn.unitGapOwn").build());
      unitNamed = true;
    }
    if (pending.removeIf(subject -> linkKey(subject).equals(own))) {
      clauses.add(sentence("recIn.unitGapPendingOwn").build());
      unitNamed = true;
    }
    List<JsonObject> units = new ArrayList<>(gap);
    units.addAll(pending);
    if (units.isEmpty()) {
      return clauses;
    }

    Sentence.Number count = numbers.risks("unitGap", units, in.asOf());
    String more = unitNamed ? ".more" : "";
    if (pending.isEmpty() || gap.isEmpty()) {
      String key = (pending.isEmpty() ? "recIn.unitGap" : "recIn.unitGapPending") + more;
      clauses.add(counted(key, units.size()).number(count).bracketedLabels(units, max).build());
    } else {
      clauses.add(counted("recIn.unitGapMixed" + more, pending.size()).number(count).bracketedLabels(units, max)
          .labels(pending, max).build());
    }
    return clauses;
  }

  /**
   * Returns the clauses of {@link #riskLine}, one per reason, naming at most {@code names}
   * subjects in brackets, the first clauses first ("4 objectives off track (A, B and 2 more)"). A
   * clause without names links its subjects as data. Stale key results get a clause per unit when
   * every subject is named ({@code names} is {@link Integer#MAX_VALUE}), else one in all.
   */
  private List<JsonObject> riskClauses(BriefInputs.Unit group, Map<String, List<JsonObject>> byReason, boolean recommendations,
                                       int names) {
    boolean withNames = names == Integer.MAX_VALUE;
    int namesLeft = names;
    String prefix = recommendations ? "recIn." : "riskIn.";
    List<JsonObject> clauses = new ArrayList<>();
    for (Map.Entry<String, List<JsonObject>> entry : byReason.entrySet()) {
      List<JsonObject> about = new ArrayList<>(entry.getValue());
      if (about.isEmpty()) {
        continue;
      }
      if ("staleCount".equals(entry.getKey()) && !withNames) {
        // Without names the stale key results of all units share one count, and their units are linked as data.
        List<JsonObject> stale = new ArrayList<>();
        for (JsonObject unitLink : about) {
          stale.addAll(stale(keyResultsOf(List.of(unitLink.getString("id")))));
        }
        Sentence.Builder clause = staleLimit(counted("riskIn.staleCountAll", stale.size())
            .number(numbers.count("keyResults.stale", stale, in.asOf())));
        about.forEach(clause::data);
        clauses.add(clause.build());
        continue;
      }
      if ("staleCount".equals(entry.getKey())) {
        for (JsonObject unitLink : about) {
          BriefInputs.Unit unit = in.units().stream().filter(u -> u.id().equals(unitLink.getString("id"))).findFirst().orElseThrow();
          List<JsonObject> stale = stale(keyResultsOf(List.of(unit.id())));
          Sentence.Number count = numbers.count("keyResults.stale", stale, in.asOf());
          clauses.add(unit.id().equals(group.id())
              ? staleLimit(counted("riskIn.staleCountOwn", stale.size()).number(count)).build()
              : staleLimit(counted("riskIn.staleCount", stale.size()).number(count).unit(unit)).build());
        }
        continue;
      }
      if (entry.getKey().startsWith("unitGap") && about.removeIf(subject -> linkKey(subject).equals("unit:" + group.id()))) {
        clauses.add(sentence("recIn." + entry.getKey() + "Own").build());
        if (about.isEmpty()) {
          continue;
        }
      }
      Map<String, List<JsonObject>> byKind = recommendations ? Map.of() : byCountedKind(about);
      Sentence.Builder clause;
      if (byKind.size() > 1) {
        // One count of several kinds ("5 units and key results") reads as if each subject were both, so each kind gets its count.
        clause = sentence(prefix + entry.getKey() + ".kinds").list(kindCounts(entry.getKey(), byKind));
      } else {
        clause = counted(prefix + entry.getKey(), about.size()).number(numbers.risks(entry.getKey(), about, in.asOf()));
      }
      int shown = Math.min(namesLeft, about.size());
      if (shown > 0) {
        clause.bracketedLabels(about, shown);
        namesLeft -= shown;
      } else {
        clause.bracketedLabels(List.of(), 0);
        about.forEach(clause::data);
      }
      if (!recommendations && byKind.size() <= 1) {
        clause.words(countedNoun(about));
      }
      clauses.add(clause.build());
    }
    return clauses;
  }

  /**
   * Groups the subjects of a count by the kind its noun names, in the order of {@link #COUNTED_KINDS}.
   * Subjects of any other kind are grouped under "item".
   */
  private static Map<String, List<JsonObject>> byCountedKind(List<JsonObject> subjects) {
    Map<String, List<JsonObject>> byKind = new LinkedHashMap<>();
    COUNTED_KINDS.keySet().forEach(kind -> byKind.put(kind, new ArrayList<>()));
    byKind.put("item", new ArrayList<>());
    for (JsonObject subject : subjects) {
      String kind = "unit".equals(subject.getString("type")) ? "unit" : subject.getString("subjectKind", subject.getString("kind"));
      byKind.get(COUNTED_KINDS.containsKey(kind) ? kind : "item").add(subject);
    }
    byKind.values().removeIf(List::isEmpty);
    return byKind;
  }

  /** Returns one phrase per kind, such as "3 units", each count a number of the subjects left out for {@code reason}. */
  private List<JsonObject> kindCounts(String reason, Map<String, List<JsonObject>> byKind) {
    // The signal clause puts its counts after "on" (German "bei", which takes the dative: "bei 2 Schlüsselergebnissen").
    String nouns = "signal".equals(reason) ? "countedOn." : "counted.";
    List<JsonObject> phrases = new ArrayList<>();
    byKind.forEach((kind, subjects) -> {
      String noun = BriefWording.countedKey(nouns + COUNTED_KINDS.getOrDefault(kind, "items"), subjects.size());
      phrases.add(sentence("count.kind").number(numbers.risks(reason, subjects, in.asOf())).words(words.template(noun)).build());
    });
    return phrases;
  }

  /** Kinds of counted subjects, in the order their nouns are listed, with the key of each noun. */
  private static final Map<String, String> COUNTED_KINDS = orderedCountedKinds();

  private static Map<String, String> orderedCountedKinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("unit", "units");
    kinds.put("objective", "objectives");
    kinds.put("key_result", "keyResults");
    kinds.put("kpi", "kpis");
    kinds.put("initiative", "initiatives");
    return Collections.unmodifiableMap(kinds);
  }

  /**
   * Returns the noun for what a count line counts, by the kinds of the linked subjects. One kind
   * gets its noun in the number of the count ("key result", "KPIs"), several kinds get their plural
   * nouns joined ("key results and KPIs"), and a subject of another kind makes it "items".
   */
  private String countedNoun(List<JsonObject> subjects) {
    Set<String> kinds = new HashSet<>();
    subjects.forEach(subject -> kinds.add("unit".equals(subject.getString("type")) ? "unit"
        : subject.getString("subjectKind", subject.getString("kind"))));
    if (!COUNTED_KINDS.keySet().containsAll(kinds)) {
      return words.template(BriefWording.countedKey("counted.items", subjects.size()));
    }
    List<String> nouns = new ArrayList<>();
    COUNTED_KINDS.forEach((kind, key) -> {
      if (kinds.contains(kind)) {
        nouns.add(words.template(BriefWording.countedKey("counted." + key, kinds.size() == 1 ? subjects.size() : 2)));
      }
    });
    if (nouns.size() == 1) {
      return nouns.get(0);
    }
    String last = nouns.remove(nouns.size() - 1);
    return String.join(", ", nouns) + words.template("list.and") + last;
  }

  /**
   * Returns the direct sub-unit of the brief's unit that a node or unit belongs to, the brief's
   * unit for its own nodes, or null for one outside the brief's units.
   */
  private BriefInputs.Unit groupOf(JsonObject subject) {
    String unitId = unitIdOf(subject);
    Map<String, BriefInputs.Unit> units = new HashMap<>();
    in.units().forEach(unit -> units.put(unit.id(), unit));
    BriefInputs.Unit unit = unitId == null ? null : units.get(unitId);
    while (unit != null && unit.depth() > 1) {
      unit = units.get(unit.parentId());
    }
    return unit;
  }

  /** Returns the sub-unit that {@link #groupOf} gives for a link key such as "node:k-1", or null. */
  private BriefInputs.Unit groupOfKey(String key) {
    String id = key.substring(key.indexOf(':') + 1);
    if (key.startsWith("node:")) {
      JsonObject node = byId.get(id);
      return node == null ? null : groupOf(node);
    }
    return key.startsWith("unit:") ? groupOf(new JsonObject().put("type", "unit").put("id", id)) : null;
  }

  /** Returns the keys of the nodes and units a sentence links, such as "node:k-1". */
  private static Set<String> namedKeys(JsonObject sentence) {
    Set<String> keys = new HashSet<>();
    for (Object item : sentence.getJsonArray("links")) {
      JsonObject link = (JsonObject) item;
      if ("node".equals(link.getString("type")) || "unit".equals(link.getString("type"))) {
        keys.add(linkKey(link));
      }
    }
    return keys;
  }

  private static String linkKey(JsonObject link) {
    return link.getString("type") + ":" + link.getValue("id");
  }

  private static JsonObject subjectOf(JsonObject sentence) {
    JsonObject first = null;
    for (Object item : sentence.getJsonArray("links")) {
      JsonObject link = (JsonObject) item;
      if ("node".equals(link.getString("type")) || "unit".equals(link.getString("type"))) {
        return link;
      }
      first = first == null && link.getString("label") != null ? link : first;
    }
    if (first == null) {
      throw new IllegalStateException("A brief sentence links no node or unit: " + sentence.getString("text"));
    }
    return first;
  }

  private Sentence.Builder sentence(String key) {
    return Sentence.of(words, key).countingRest(rest -> numbers.more(rest, in.asOf()));
  }

  private Sentence.Builder counted(String key, long count) {
    return sentence(BriefWording.countedKey(key, count));
  }

  // Summary

  /** Returns true when the brief's instant lies after the last day of its cycle (UTC). */
  private boolean cycleClosed() {
    return !in.asOf().isBefore(in.cycle().end().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
  }

  private List<JsonObject> summary() {
    List<JsonObject> out = new ArrayList<>();
    List<JsonObject> objectives = in.objectives();
    if (objectives.isEmpty()) {
      out.add(sentence("summary.none").unit(in.unit()).cycle(in.cycle(), in.unit()).build());
      return out;
    }
    List<String> unitIds = unitIds();
    boolean tree = unitIds.size() > 1;
    // A closed cycle is no longer live, so the sentence gives the day it closed instead of "by now".
    String closed = cycleClosed() ? ".closed" : "";
    Sentence.Builder score = sentence((tree ? "summary.scoreTree" : "summary.score") + closed).unit(in.unit())
        .number(numbers.score(objectives, unitIds, in.asOf()))
        .cycle(in.cycle(), in.unit()).number(numbers.expected(objectives.get(0), in.asOf()));
    if (cycleClosed()) {
      score.cycleEnd(in.cycle(), in.unit(), words.date(in.cycle().end()));
    }
    out.add(score.build());
    if (tree) {
      out.add(ownScore());
    }
    List<JsonObject> before = thenOf(objectives);
    if (!before.isEmpty()) {
      // The change covers only the objectives that existed at the period's start, so both scores
      // average the same set. Objectives added since get a sentence of their own with their effect.
      List<JsonObject> kept = existedThen(objectives);
      List<JsonObject> addedObjectives = objectives.stream().filter(o -> !then.containsKey(o.getString("id"))).toList();
      // A portfolio's score covers its sub-units too, so the sentence names them, as the first one does.
      String scope = (addedObjectives.isEmpty() ? "" : "Kept") + (tree ? "Tree" : "");
      BigDecimal change = BriefWording.shownChange(BriefNumbers.meanProgress(before), BriefNumbers.meanProgress(kept));
      if (change.signum() != 0) {
        out.add(sentence("summary.delta" + scope).words(words.template("period." + in.kind().wire()))
            .number(numbers.unsigned(numbers.keptScoreChange(before, in.periodStart(), kept, in.asOf(), unitIds)))
            .number(numbers.score(before, unitIds, in.periodStart()))
            .number(numbers.keptScore(kept, unitIds, in.asOf(), in.periodStart())).unit(in.unit())
            .words(words.template(change.signum() < 0 ? "score.down" : "score.up")).build());
        List<JsonObject> pullingDown = addedBelow(BriefNumbers.meanProgress(before));
        if (change.signum() < 0 && !pullingDown.isEmpty()) {
          out.add(naming(named -> counted(noKeyResultFell() ? "summary.fallFromAdded" : "summary.lowerFromAdded", pullingDown.size())
              .number(numbers.count("keyResults.added", pullingDown, in.asOf())).nodes(pullingDown, named)));
        }
      } else {
        out.add(sentence("summary.flat" + scope).words(words.template("period." + in.kind().wire()))
            .number(numbers.keptScore(kept, unitIds, in.asOf(), in.periodStart())).unit(in.unit()).build());
      }
      if (!addedObjectives.isEmpty()) {
        out.add(naming(named -> counted("summary.addedObjectives", addedObjectives.size())
            .number(numbers.count("objectives.added", addedObjectives, in.asOf())).nodes(addedObjectives, named)
            .number(numbers.score(objectives, unitIds, in.asOf()))
            .number(numbers.keptScore(kept, unitIds, in.asOf(), in.periodStart()))));
      }
    }
    List<JsonObject> onTrack = withStatus(objectives, "on_track");
    if (onTrack.size() == objectives.size()) {
      // With every objective on track the sentence names them without counting the statuses left at zero.
      out.add(naming(named -> {
        Sentence.Builder all = sentence(BriefWording.shareKey("summary.status", onTrack.size(), objectives.size()));
        if (objectives.size() > 2) {
          all.number(numbers.count("objectives.on_track", onTrack, in.asOf()));
        }
        return all.nodes(onTrack, named);
      }));
      return out;
    }
    List<JsonObject> pending = withStatus(objectives, "pending");
    if (objectives.size() > 1) {
      out.add(statusShares(objectives, onTrack));
    } else if (pending.isEmpty()) {
      // One objective has no shares to count: the sentence names its status. One without values is named below.
      out.add(sentence("summary.status.onlyStatus").node(objectives.get(0))
          .words(words.status(objectives.get(0).getString("status"))).build());
    }
    // An objective without key results has nothing to measure, so it is named apart from those waiting for values.
    List<JsonObject> empty = withoutKeyResults(pending);
    List<JsonObject> waiting = pending.stream().filter(objective -> !empty.contains(objective)).toList();
    if (!waiting.isEmpty()) {
      out.add(naming(named -> counted("summary.pending", waiting.size())
          .number(numbers.count("objectives.pending", waiting, in.asOf())).nodes(waiting, named)));
    }
    if (!empty.isEmpty()) {
      out.add(naming(named -> counted("summary.noKeyResults", empty.size())
          .number(numbers.count("objectives.pending", empty, in.asOf())).nodes(empty, named)));
    }
    return out;
  }

  /**
   * Returns those of the objectives that have neither key results nor aligned child objectives in
   * the brief. Callers pass objectives without values, because one without key results but with
   * values takes them from aligned child objectives. NOTE: the brief holds only the objectives of
   * its own units, so one whose only child objectives belong to other units is returned too.
   */
  private List<JsonObject> withoutKeyResults(List<JsonObject> objectives) {
    Set<String> parents = new HashSet<>();
    in.now().forEach(node -> parents.add(node.getString("parentId")));
    return objectives.stream().filter(objective -> !parents.contains(objective.getString("id"))).toList();
  }

  /**
   * Writes how many objectives are on track, at risk and off track, leaving out a status that no
   * objective has: "1 of 3 objectives is on track and 2 are off track", "None of the 3 objectives
   * is on track: ...". Only the worst status with objectives names them, so the sentence stays
   * short with long titles: the off-track ones, else those at risk, else those on track. The
   * others are linked as data of their counts.
   */
  private JsonObject statusShares(List<JsonObject> objectives, List<JsonObject> onTrack) {
    List<JsonObject> atRisk = withStatus(behindFirst(objectives), "at_risk");
    List<JsonObject> offTrack = withStatus(behindFirst(objectives), "off_track");
    List<JsonObject> worst = !offTrack.isEmpty() ? offTrack : !atRisk.isEmpty() ? atRisk : onTrack;
    String parts = (atRisk.isEmpty() ? "" : "AtRisk") + (offTrack.isEmpty() ? "" : "OffTrack");
    return naming(named -> {
      Sentence.Builder status = onTrack.isEmpty() ? sentence("summary.statusNone" + parts)
          .number(numbers.count("objectives", objectives, in.asOf())).words(words.template("word.objectives"), Sentence.Builder.unitLink(in.unit()))
          : counted("summary.status" + parts, onTrack.size()).number(numbers.count("objectives.on_track", onTrack, in.asOf()))
          .number(numbers.count("objectives", objectives, in.asOf())).bracketedNodes(worst == onTrack ? onTrack : List.of(), named);
      if (!atRisk.isEmpty()) {
        status.number(numbers.count("objectives.at_risk", atRisk, in.asOf())).words(verbFor(atRisk.size()))
            .bracketedNodes(worst == atRisk ? atRisk : List.of(), named);
      }
      if (!offTrack.isEmpty()) {
        status.number(numbers.count("objectives.off_track", offTrack, in.asOf())).words(verbFor(offTrack.size()))
            .bracketedNodes(offTrack, named);
      }
      objectives.stream().filter(objective -> !worst.contains(objective))
          .forEach(objective -> status.data(Sentence.Builder.nodeLink(objective)));
      return status;
    }, MAX_ITEMS);
  }

  /** Returns the verb "is" or "are" in the brief's language that agrees with a count. */
  private String verbFor(long count) {
    return words.template(count == 1 ? "word.is" : "word.are");
  }

  /**
   * Writes the score of the unit's own objectives, which its tile on the boards shows, beside the
   * score of its whole tree that a portfolio brief is about.
   */
  private JsonObject ownScore() {
    List<String> own = List.of(in.unit().id());
    List<JsonObject> objectives = objectivesOf(own);
    if (objectives.isEmpty()) {
      return sentence("summary.ownNone").unit(in.unit()).cycle(in.cycle(), in.unit()).build();
    }
    List<JsonObject> onTrack = withStatus(objectives, "on_track");
    // The counted objectives on track are named; an only objective is named by its status alone.
    return naming(named -> {
      Sentence.Builder sentence = sentence(BriefWording.shareKey("summary.own", onTrack.size(), objectives.size()))
          .unit(in.unit()).number(numbers.score(objectives, own, in.asOf()));
      share(sentence, objectives, ".own");
      return objectives.size() == 1 ? sentence : sentence.bracketedNodes(onTrack, named);
    }, MAX_ITEMS);
  }

  /**
   * Adds the pieces of "N of M objectives are on track" in the form {@link BriefWording#shareKey}
   * chose: the status of an only objective, no count when both of two are on track, the count once
   * when all of more are, else both counts. {@code scope} ends the counts' names, such as ".own"
   * for the brief unit's own objectives.
   */
  private Sentence.Builder share(Sentence.Builder sentence, List<JsonObject> objectives, String scope) {
    List<JsonObject> onTrack = withStatus(objectives, "on_track");
    if (objectives.size() == 1) {
      return sentence.words(words.status(objectives.get(0).getString("status")));
    }
    if (objectives.size() == 2 && onTrack.size() == 2) {
      return sentence;
    }
    sentence.number(numbers.count("objectives.on_track" + scope, onTrack, in.asOf()));
    return onTrack.size() == objectives.size() ? sentence : sentence.number(numbers.count("objectives" + scope, objectives, in.asOf()));
  }

  /**
   * Returns the key results of the brief that did not exist at the period's start, of objectives
   * that did, and whose progress is below {@code score}, so they lower their objectives' progress.
   */
  private List<JsonObject> addedBelow(BigDecimal score) {
    List<JsonObject> added = new ArrayList<>();
    for (JsonObject keyResult : in.keyResults()) {
      // A key result of an objective added in the period is told with its objective.
      if (!then.containsKey(keyResult.getString("id")) && then.containsKey(keyResult.getString("parentId"))
          && BriefNumbers.progressOf(keyResult).compareTo(score) < 0) {
        added.add(keyResult);
      }
    }
    return added;
  }

  /** Returns true when no key result that existed at the period's start has less progress now. */
  private boolean noKeyResultFell() {
    for (JsonObject keyResult : in.keyResults()) {
      JsonObject before = then.get(keyResult.getString("id"));
      if (before != null && BriefNumbers.progressOf(keyResult).compareTo(BriefNumbers.progressOf(before)) < 0) {
        return false;
      }
    }
    return true;
  }

  // What moved

  private List<JsonObject> moved(List<JsonObject> nodes, boolean countUnmoved) {
    List<JsonObject> out = new ArrayList<>();
    List<JsonObject> changed = new ArrayList<>();
    List<JsonObject> unmoved = new ArrayList<>();
    List<JsonObject> added = new ArrayList<>();

    for (JsonObject node : nodes) {
      JsonObject before = then.get(node.getString("id"));
      if (before == null) {
        added.add(node);
      } else if (!valueInPeriod(node)) {
        continue;
      } else if (change(node).signum() != 0) {
        changed.add(node);
      } else {
        unmoved.add(node);
      }
    }

    changed.sort(Comparator.comparing((JsonObject node) -> change(node).abs()).reversed().thenComparing(BriefComposer::title));
    for (JsonObject node : changed) {
      out.add(movedSentence(node, then.get(node.getString("id"))));
    }
    for (JsonObject node : added) {
      out.add(BriefNumbers.hasValue(node)
          ? sentence("moved.newValue").node(node).number(numbers.value(node, in.asOf()))
              .number(numbers.progress(node, in.asOf())).build()
          : sentence("moved.new").node(node).number(numbers.progress(node, in.asOf())).build());
    }

    int statusChanges = 0;
    int worsened = 0;
    for (JsonObject node : nodes) {
      JsonObject before = then.get(node.getString("id"));
      if (before == null || before.getString("status").equals(node.getString("status"))
          || "pending".equals(before.getString("status")) && !valueInPeriod(node)) {
        continue;
      }
      statusChanges++;
      // A status that got worse weighs more than any change of progress, so it comes first.
      if (rank(node.getString("status")) > rank(before.getString("status"))) {
        out.add(worsened++, statusChange(node, before));
      } else {
        out.add(statusChange(node, before));
      }
      // A key result whose status changed has its own sentence, so it is not also listed as unmoved.
      unmoved.remove(node);
    }

    if (countUnmoved && !unmoved.isEmpty() && !changed.isEmpty()) {
      out.add(naming(named -> counted("moved.unmoved", unmoved.size()).number(numbers.count("unmoved", unmoved, in.asOf()))
          .nodes(unmoved, named)));
    }
    if (changed.isEmpty() && added.isEmpty() && statusChanges == 0) {
      out.add(sentence("moved.none").unit(in.unit()).build());
    }
    return out;
  }

  /**
   * Writes how a node moved. A key result with a value in its own unit, then and now, is described
   * by its value, with the verb of the value's direction (a decrease key result improves when its
   * value falls), and its progress change labelled as progress. Other nodes are described by progress.
   */
  private JsonObject movedSentence(JsonObject node, JsonObject before) {
    if (BriefNumbers.hasValue(node) && BriefNumbers.hasValue(before)) {
      int direction = BriefNumbers.decimal(node, "current").compareTo(BriefNumbers.decimal(before, "current"));
      if (direction != 0) {
        String verb = direction > 0 ? "moved.up.verb" : "moved.down.verb";
        List<Sentence.Number> values = numbers.valuePair(before, in.periodStart(), node, in.asOf());
        return sentence("moved.value").node(node)
            .number(values.get(0)).number(values.get(1))
            .number(numbers.change(before, in.periodStart(), node, in.asOf()))
            .words(words.template(verb), valuesLink(node)).build();
      }
    }
    String verb = change(node).signum() > 0 ? "moved.up" : "moved.down";
    return sentence(verb).node(node)
        .number(numbers.progress(before, in.periodStart())).number(numbers.progress(node, in.asOf()))
        .number(numbers.change(before, in.periodStart(), node, in.asOf()))
        .words(words.template(verb + ".verb"), valuesLink(node)).build();
  }

  /**
   * Explains a status change by the cause the Risks section gives: the key result that sets an
   * objective's status, else the node's confidence when that set its status, else its progress
   * against plan.
   */
  private JsonObject statusChange(JsonObject node, JsonObject before) {
    String from = words.status(before.getString("status"));
    String to = words.status(node.getString("status"));
    JsonObject worst = keyResultSettingStatus(node);
    if (worst != null && worsenedByConfidence(worst)) {
      return sentence("moved.status.fromKeyResultConfidence").node(node).words(from).words(to).node(worst)
          .number(numbers.confidence(worst, in.asOf())).build();
    }
    if (worst != null) {
      return sentence("moved.status.fromKeyResult").node(node).words(from).words(to).node(worst)
          .number(numbers.progress(worst, in.asOf())).number(numbers.expected(worst, in.asOf())).build();
    }
    if (worsenedByConfidence(node)) {
      return sentence("moved.statusConfidence").node(node).words(from).words(to)
          .number(numbers.confidence(node, in.asOf())).build();
    }
    return sentence("moved.status").node(node).words(from).words(to)
        .number(numbers.progress(node, in.asOf())).number(numbers.expected(node, in.asOf())).build();
  }

  // Risks

  /**
   * A risk sentence with its rank: lower ranks come first, so a cut section keeps the weightiest.
   * {@code continued} is the same risk written to follow an earlier sentence about the same node
   * without naming it again ("It has had no check-in or value for 20 days."), or null.
   */
  private record Ranked(int rank, JsonObject sentence, JsonObject continued) {

    Ranked(int rank, JsonObject sentence) {
      this(rank, sentence, null);
    }
  }

  /**
   * Writes the risks, weightiest first: nodes off track, open signals, nodes at risk, acknowledged
   * and snoozed signals, low confidence, silence and missing values, so the worst nodes are named
   * before a cut section counts the others. Nodes behind plan come with the largest gap first, and
   * the order within each rank is kept. A node behind plan that has signals gets one sentence with
   * its status and its signals, ranked by its status.
   */
  private List<JsonObject> risks(List<JsonObject> nodes) {
    List<Ranked> ranked = new ArrayList<>();
    List<JsonObject> behind = new ArrayList<>();
    for (JsonObject node : nodes) {
      String status = node.getString("status");
      if ("off_track".equals(status) || "at_risk".equals(status)) {
        behind.add(node);
      }
    }
    behind.sort(Comparator.comparing((JsonObject node) -> rank(node.getString("status"))).reversed()
        .thenComparing(Comparator.comparing(BriefNumbers::gapOf).reversed()).thenComparing(BriefComposer::title));
    List<JsonObject> lowConfidence = lowConfidence(nodes);
    Map<String, String> variants = new HashMap<>();
    Map<String, List<BriefInputs.Signal>> byConcern = signalsByConcern(variants);
    for (JsonObject node : behind) {
      boolean unsure = lowConfidence.remove(node);
      // A node whose progress alone would be on track is named as behind because of its confidence.
      String variant = "";
      if (unsure) {
        variant = "on_track".equals(statusFromGap(node)) ? ".confidenceOnly" : ".lowConfidence";
      }
      List<BriefInputs.Signal> nodeSignals = byConcern.remove(node.getString("id"));
      String key = "risk." + node.getString("status") + variant;
      int rank = "off_track".equals(node.getString("status")) ? 1 : 3;
      // An objective takes the status of its worst key result (docs/semantics.md), so one ahead
      // of plan names the key result that sets its status.
      JsonObject worst = unsure ? null : keyResultSettingStatus(node);
      if (nodeSignals == null && worst != null && worsenedByConfidence(worst)) {
        // The key result is behind because of its confidence, so its progress would not explain the status.
        ranked.add(new Ranked(rank, sentence("risk." + node.getString("status") + ".fromKeyResultConfidence").node(node).node(worst)
            .number(numbers.confidence(worst, in.asOf())).build().put(RISK_REASON, node.getString("status"))));
        continue;
      }
      if (nodeSignals == null && worst != null) {
        // The numbers are the key result's, which set the status, not the objective's own.
        ranked.add(new Ranked(rank, sentence("risk." + node.getString("status") + ".fromKeyResult").node(node)
            .number(numbers.progress(worst, in.asOf())).number(numbers.expected(worst, in.asOf())).node(worst).build()
            .put(RISK_REASON, node.getString("status"))));
        continue;
      }
      if (nodeSignals == null) {
        ranked.add(new Ranked(rank, statusRisk(key, node, unsure, unsure ? null : blockerToJoin(node))));
        continue;
      }
      // The signals follow a semicolon, so no clause starts with a capital.
      JsonObject joined = signalClauses(statusSentence(key + ".signals", node, unsure), nodeSignals, variants,
          boardUnitOf(node.getString("id")), false).build();
      if (fits(joined, MAX_WORDS)) {
        ranked.add(new Ranked(rank, joined.put(RISK_REASON, node.getString("status"))));
      } else {
        // Too long for one sentence: the status first, then the signals in a sentence that continues it.
        ranked.add(new Ranked(rank, statusRisk(key, node, unsure, null)));
        ranked.add(signalRisk(rank, node, nodeSignals, variants));
      }
    }
    for (JsonObject node : behind) {
      // A blocker that did not fit into the status sentence follows it, written as its continuation.
      BriefInputs.CheckIn blocker = blockerToJoin(node);
      if (blocker != null && blockersInRisks.add(blocker)) {
        Sentence.Builder named = blocker.byPerson() ? sentence("blocker.item").node(node)
            : sentence("blocker.itemNobody").node(node).words("");
        Sentence.Builder continued = sentence(blocker.byPerson() ? "risk.blocker.continued" : "risk.blockerNobody.continued")
            .data(Sentence.Builder.nodeLink(node));
        int rank = "off_track".equals(node.getString("status")) ? 1 : 3;
        ranked.add(new Ranked(rank, withBlocker(named, blocker).build().put(RISK_REASON, node.getString("status")),
            withBlocker(continued, blocker).build().put(RISK_REASON, node.getString("status"))));
      }
    }
    for (JsonObject node : lowConfidence) {
      ranked.add(new Ranked(5, sentence("risk.lowConfidence").node(node).number(numbers.confidence(node, in.asOf())).build()
          .put(RISK_REASON, "lowConfidence"),
          sentence("risk.lowConfidence.continued").data(Sentence.Builder.nodeLink(node))
              .words(words.template("risk.lowConfidence.checkIn"), valuesLink(node)).number(numbers.confidence(node, in.asOf()))
              .build().put(RISK_REASON, "lowConfidence")));
    }
    if (in.kind() == BriefKind.WEEKLY) {
      for (JsonObject node : fallen(nodes)) {
        ranked.add(new Ranked(4, fallSentence(node, false).put(RISK_REASON, "fell"), fallSentence(node, true).put(RISK_REASON, "fell")));
      }
      for (JsonObject node : stale(nodes)) {
        long days = BriefNumbers.staleDaysOf(node, in.asOf());
        // A silent key result with signals, such as an overdue check-in, gets one sentence with both.
        List<BriefInputs.Signal> nodeSignals = byConcern.remove(node.getString("id"));
        int rank = nodeSignals == null ? 6 : Math.min(6, signalRank(nodeSignals));
        JsonObject joined = nodeSignals == null ? null : signalClauses(staleSentence("risk.stale.signals", node, days),
            nodeSignals, variants, boardUnitOf(node.getString("id")), false).build();
        if (joined != null && fits(joined, MAX_WORDS)) {
          ranked.add(new Ranked(rank, joined.put(RISK_REASON, "stale")));
        } else {
          // A key result behind plan and silent too gets its silence in a sentence after its status.
          JsonObject continued = counted("risk.stale.continued", days).data(Sentence.Builder.nodeLink(node))
              .number(numbers.staleDays(node, in.asOf())).words(words.template("risk.stale.silence"), valuesLink(node)).build();
          ranked.add(new Ranked(rank, staleSentence("risk.stale", node, days).build().put(RISK_REASON, "stale"),
              continued.put(RISK_REASON, "stale")));
          if (nodeSignals != null) {
            ranked.add(signalRisk(rank, node, nodeSignals, variants));
          }
        }
      }
      for (JsonObject node : withoutValue(nodes)) {
        ranked.add(new Ranked(7, sentence("risk.noValue").node(node).build().put(RISK_REASON, "noValue"),
            sentence("risk.noValue.continued").data(Sentence.Builder.nodeLink(node))
                .words(words.template("risk.noValue.label"), valuesLink(node)).build().put(RISK_REASON, "noValue")));
      }
    }
    ranked.addAll(signals(byConcern, variants));
    ranked.sort(Comparator.comparingInt(Ranked::rank));
    List<JsonObject> out = headedOnce(ranked);
    if (out.isEmpty()) {
      out.add(sentence("risk.none").unit(in.unit()).build());
    }
    if (in.kind() == BriefKind.WEEKLY) {
      Set<String> critical = new HashSet<>();
      in.signals().stream().filter(signal -> "critical".equals(signal.severity()) && "open".equals(stateOf(signal)))
          .forEach(signal -> critical.add(signal.id()));
      for (JsonObject sentence : out) {
        boolean criticalSignal = sentence.getJsonArray("links").stream().map(JsonObject.class::cast)
            .anyMatch(link -> "signal".equals(link.getString("type")) && critical.contains(link.getString("id")));
        if (criticalSignal || "off_track".equals(sentence.getString(RISK_REASON))) {
          sentence.put(KEEP, true);
        }
      }
      // A continuation kept without the sentence it continues would refer to nothing.
      for (int i = out.size() - 1; i > 0; i--) {
        if (out.get(i).getBoolean(KEEP, false) && out.get(i).getBoolean(CONTINUES, false)) {
          out.get(i - 1).put(KEEP, true);
        }
      }
    }
    return out;
  }

  /**
   * Returns the risks in rank order with the sentences about one node together, at the place of
   * the weightiest. The first names the node. Each later one takes its continued form, which links
   * the node as data without naming it, so no node heads two risk sentences. A later sentence
   * without such a form stays as it is.
   */
  private static List<JsonObject> headedOnce(List<Ranked> ranked) {
    Map<String, List<Ranked>> bySubject = new LinkedHashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      JsonObject subject = subjectOf(ranked.get(i).sentence());
      String key = "node".equals(subject.getString("type")) ? linkKey(subject) : "sentence:" + i;
      bySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(ranked.get(i));
    }
    List<JsonObject> out = new ArrayList<>();
    for (List<Ranked> about : bySubject.values()) {
      out.add(about.get(0).sentence());
      for (Ranked later : about.subList(1, about.size())) {
        out.add(later.continued() == null ? later.sentence() : later.continued().put(CONTINUES, true));
      }
    }
    return out;
  }

  /** Returns the risk of a node's signals: a sentence that names the node, and one that continues an earlier sentence about it. */
  private Ranked signalRisk(int rank, JsonObject node, List<BriefInputs.Signal> nodeSignals, Map<String, String> variants) {
    JsonObject named = nodeSignalSentence(node, nodeSignals, variants).put(RISK_REASON, "signal");
    JsonObject continued = fitted(() -> sentence("risk.signal.continued").data(Sentence.Builder.nodeLink(node)), nodeSignals,
        variants, boardUnitOf(node.getString("id")), true);
    return new Ranked(rank, named, continued.put(RISK_REASON, "signal"));
  }

  /**
   * Returns the key results whose progress fell by {@link #FALL_TO_EXPLAIN} or more in the period,
   * the largest fall first.
   */
  private List<JsonObject> fallen(List<JsonObject> nodes) {
    List<JsonObject> found = new ArrayList<>();
    for (JsonObject node : nodes) {
      if ("key_result".equals(node.getString("kind")) && then.containsKey(node.getString("id"))
          && change(node).compareTo(FALL_TO_EXPLAIN.negate()) <= 0) {
        found.add(node);
      }
    }
    found.sort(Comparator.comparing(this::change).thenComparing(BriefComposer::title));
    return found;
  }

  /**
   * Returns why a key result's progress fell, as far as its values show it. The reason is "added"
   * when its linked work items grew in number, and "fewerDone" when fewer of them are done
   * (reopened or removed). It is "value" when its value moved away from its target, and "" when
   * the brief's inputs show no reason.
   */
  private String fallReason(JsonObject node) {
    JsonObject before = then.get(node.getString("id"));
    JsonObject workNow = node.getJsonObject("workItems");
    JsonObject workThen = before.getJsonObject("workItems");
    if (workNow != null && workThen != null) {
      if (workNow.getDouble("total", 0.0) > workThen.getDouble("total", 0.0)) {
        return "added";
      }
      if (workNow.getDouble("done", 0.0) < workThen.getDouble("done", 0.0)) {
        return "fewerDone";
      }
    }
    if (BriefNumbers.hasValue(node) && BriefNumbers.hasValue(before)
        && BriefNumbers.decimal(node, "current").compareTo(BriefNumbers.decimal(before, "current")) != 0) {
      return "value";
    }
    return "";
  }

  /**
   * Writes the risk of a key result whose progress fell in the period, with the reason its values
   * show, or with the statement that they show none. The {@code continued} form follows an earlier risk
   * sentence about the same key result and links it as data.
   */
  private JsonObject fallSentence(JsonObject node, boolean continued) {
    String reason = fallReason(node);
    String key = "risk.fell" + (reason.isEmpty() ? "" : "." + reason) + (continued ? ".continued" : "");
    // The continued form names no node, so its word "progress" links the key result's values in the period.
    Sentence.Builder sentence = continued
        ? sentence(key).data(Sentence.Builder.nodeLink(node)).words(words.template("risk.fell.label"), valuesLink(node))
        : sentence(key).node(node);
    return sentence.number(numbers.unsigned(numbers.change(then.get(node.getString("id")), in.periodStart(), node, in.asOf())))
        .build();
  }

  /**
   * Returns true when a node's latest confidence set its status: the status is the one that
   * confidence gives, and worse than its progress against plan alone would give. A confidence of 6
   * caps a status at "at risk", so it never explains "off track".
   */
  private static boolean worsenedByConfidence(JsonObject node) {
    Integer confidence = node.getInteger("confidence");
    return confidence != null && node.getString("status").equals(statusFromConfidence(confidence))
        && rank(node.getString("status")) > rank(statusFromGap(node));
  }

  /** Returns the status a confidence alone gives: 3 or lower is off track, 4 to 6 at risk, higher on track. */
  private static String statusFromConfidence(int confidence) {
    if (confidence <= OFF_TRACK_CONFIDENCE) {
      return "off_track";
    }
    return confidence <= LOW_CONFIDENCE ? "at_risk" : "on_track";
  }

  /**
   * Writes the risk sentence of a node behind plan without signals. Without a low confidence to
   * add, it refers to an earlier section that shows the node's progress against plan. A
   * {@code blocker}, when not null, joins the sentence with its quote while the sentence keeps to
   * {@link #MAX_WORDS} words, and the Blockers section then leaves it out.
   */
  private JsonObject statusRisk(String key, JsonObject node, boolean unsure, BriefInputs.CheckIn blocker) {
    if (blocker != null) {
      String blocked = blocker.byPerson() ? ".blocker" : ".blockerNobody";
      JsonObject joined = withBlocker(statusSentence(key + blocked, node, false), blocker).build()
          .put(RISK_REASON, node.getString("status"));
      if (fits(joined, MAX_WORDS)) {
        blockersInRisks.add(blocker);
        return withPointer(joined, section -> withBlocker(sentence(key + ".seeSection" + blocked).node(node).words(section), blocker)
            .build());
      }
    }
    JsonObject risk = statusSentence(key, node, unsure).build().put(RISK_REASON, node.getString("status"));
    return unsure ? risk : withPointer(risk, section -> sentence(key + ".seeSection").node(node).words(section).build());
  }

  /**
   * Returns the blocker check-in of a key result whose risk sentence a weekly brief always shows
   * (it is off track, or a shown recommendation is about it), or null. Only such a sentence takes
   * the blocker, so no cut can drop it.
   */
  private BriefInputs.CheckIn blockerToJoin(JsonObject node) {
    boolean shown = "off_track".equals(node.getString("status"))
        || recommendedRisks.contains(linkKey(Sentence.Builder.nodeLink(node)));
    if (in.kind() != BriefKind.WEEKLY || !"key_result".equals(node.getString("kind")) || !shown) {
      return null;
    }
    return blockerCheckIns().stream().filter(checkIn -> checkIn.keyResultId().equals(node.getString("id"))).findFirst().orElse(null);
  }

  /** Adds the author, when a person, and the quoted blocker of a check-in, linked to it. */
  private Sentence.Builder withBlocker(Sentence.Builder sentence, BriefInputs.CheckIn blocker) {
    if (blocker.byPerson()) {
      sentence.quote(blocker.author());
    }
    // The template closes the quote with its own full stop.
    return sentence.quote(blocker.blockers().strip().replaceAll("\\.+$", ""), checkInLink(blocker));
  }

  /** Starts a risk sentence about a node behind plan: its progress, expected progress and, when low, its confidence. */
  private Sentence.Builder statusSentence(String key, JsonObject node, boolean unsure) {
    Sentence.Builder sentence = sentence(key)
        .node(node).number(numbers.progress(node, in.asOf())).number(numbers.expected(node, in.asOf()));
    if (unsure) {
      sentence.number(numbers.confidence(node, in.asOf()));
    }
    return sentence;
  }

  /**
   * Returns the key result that gives an objective its status when the objective's own progress
   * would give a better one: the first of its key results with that status, or null.
   */
  private JsonObject keyResultSettingStatus(JsonObject node) {
    if (!"objective".equals(node.getString("kind")) || rank(node.getString("status")) <= rank(statusFromGap(node))) {
      return null;
    }
    return in.now().stream()
        .filter(child -> "key_result".equals(child.getString("kind")) && node.getString("id").equals(child.getString("parentId"))
            && node.getString("status").equals(child.getString("status")))
        .findFirst().orElse(null);
  }

  /** Starts a risk sentence about a key result without a recent check-in for {@code days} days. */
  private Sentence.Builder staleSentence(String key, JsonObject node, long days) {
    return counted(key, days).node(node)
        .number(numbers.staleDays(node, in.asOf())).words(words.template("risk.stale.silence"), valuesLink(node));
  }

  /** Writes the signals of a brief node as a sentence of their own, after the sentence about its status. */
  private JsonObject nodeSignalSentence(JsonObject node, List<BriefInputs.Signal> nodeSignals, Map<String, String> variants) {
    return fitted(() -> sentence("risk.signal").node(node), nodeSignals, variants, boardUnitOf(node.getString("id")), true);
  }

  /** Builds the sentence {@code build} gives with up to {@link #MAX_ITEMS} names, as {@link #naming(IntFunction, int)} does. */
  private JsonObject naming(IntFunction<Sentence.Builder> build) {
    return naming(build, MAX_ITEMS);
  }

  /**
   * Builds the sentence that {@code build} gives for a number of names in its list: {@code max},
   * or fewer while the sentence has more than {@link #MAX_WORDS} words, but at least one. A list
   * cut short counts the rest ("A, B and 8 more"), so long titles cost names, not words.
   */
  private JsonObject naming(IntFunction<Sentence.Builder> build, int max) {
    JsonObject sentence = build.apply(max).build();
    for (int named = max - 1; named >= 1 && !fits(sentence, MAX_WORDS); named--) {
      sentence = build.apply(named).build();
    }
    return sentence;
  }

  /**
   * Checks whether a sentence has at most {@code maxWords} words. In a brief in another language
   * than English it returns what the same check returned for the English brief.
   */
  private boolean fits(JsonObject sentence, int maxWords) {
    return checked(wordCount(sentence) <= maxWords, sentence.getString("text"));
  }

  /**
   * Returns the result of a word-limit check, {@code fit} on this brief's text: in English as
   * given and recorded, in another language the result of the same check in the English brief.
   */
  private boolean checked(boolean fit, String about) {
    if (!replaying) {
      limitChecks.add(fit);
      return fit;
    }
    if (nextFit >= limitChecks.size()) {
      // Both languages take the same steps, so this is a defect. A brief cut on its own words is
      // better than no brief. Tests check that both languages make the same number of checks.
      if (nextFit++ == limitChecks.size()) {
        LOG.warn("Brief of unit {} in {} checks more word limits than the English one, from: {}", in.unit().id(),
            words.language(), about);
      }
      return fit;
    }
    return limitChecks.get(nextFit++);
  }

  /** Returns the number of words of a built sentence's text, counted between spaces. */
  static int wordCount(JsonObject sentence) {
    String text = sentence.getString("text").strip();
    return text.isEmpty() ? 0 : text.split("\\s+").length;
  }

  /**
   * Groups the signals by what a risk sentence is about: a node of the brief, a unit, or a node
   * outside the brief (keyed "id|outside"). A signal is about its subject, the first of its
   * nodes. Stores each signal's variant in {@code variants}: "dependency" for a dependency signal
   * about a brief node, "held" for one about an outside node linked to a brief node, "outside" for
   * another signal about an outside node, else "".
   */
  private Map<String, List<BriefInputs.Signal>> signalsByConcern(Map<String, String> variants) {
    Map<String, List<BriefInputs.Signal>> byConcern = new LinkedHashMap<>();
    for (BriefInputs.Signal signal : in.signals()) {
      if (aboutOtherCycle(signal)) {
        continue;
      }
      String concern = null;
      String variant = "";
      boolean dependency = "dependency_at_risk".equals(signal.kind()) && signal.relation() != null;
      if (byId.containsKey(signal.subjectId())) {
        concern = signal.subjectId();
        variant = dependency ? "dependency" : "";
      } else if (dependency && signal.subjectTitle() != null) {
        concern = signal.nodeIds().stream().filter(byId::containsKey).findFirst().orElse(null);
        variant = "held";
      } else if (signal.subjectTitle() != null && signal.subjectId() != null) {
        concern = signal.subjectId();
        variant = "outside";
      }
      if (concern == null && signal.nodeIds().stream().noneMatch(byId::containsKey)) {
        concern = in.units().stream().map(BriefInputs.Unit::id).filter(signal.unitIds()::contains).findFirst().orElse(null);
        variant = "";
      }
      if (concern != null) {
        variants.put(signal.id(), variant);
        byConcern.computeIfAbsent("outside".equals(variant) ? concern + "|outside" : concern, key -> new ArrayList<>()).add(signal);
      }
    }
    return byConcern;
  }

  /**
   * Returns true when a signal is about objectives or key results outside the brief, such as those
   * of a later cycle of the unit. None of its nodes is in the brief, and its subject is no KPI or
   * initiative, which belong to no cycle, or it is a dependency signal, whose linked nodes that
   * are off track are then outside the brief too. A signal about units only is about the brief's
   * units.
   */
  private boolean aboutOtherCycle(BriefInputs.Signal signal) {
    if (signal.nodeIds().isEmpty() || signal.nodeIds().stream().anyMatch(byId::containsKey)) {
      return false;
    }
    String kind = subjectKindOf(signal);
    return "dependency_at_risk".equals(signal.kind()) || !"kpi".equals(kind) && !"initiative".equals(kind);
  }

  /** Returns the rank of the weightiest of a sentence's signals, as {@link #signalRank(String)} gives it. */
  private static int signalRank(List<BriefInputs.Signal> signals) {
    return signals.stream().mapToInt(signal -> signalRank(stateOf(signal))).min().orElseThrow();
  }

  /** Returns the id of the unit whose board shows the signals about a brief node. */
  private String boardUnitOf(String nodeId) {
    return byId.get(nodeId).getString("unitId", in.unit().id());
  }

  /**
   * Adds the clauses of a sentence's signals, one per signal kind and one per linked node, and the
   * words that name their states. {@code capital} starts the first clause as the language's
   * signal phrases start after a colon.
   */
  private Sentence.Builder signalClauses(Sentence.Builder sentence, List<BriefInputs.Signal> all, Map<String, String> variants,
                                         String boardUnit, boolean capital) {
    return signalClauses(sentence, all, variants, boardUnit, capital, Integer.MAX_VALUE, LinkNaming.ALL_RELATED);
  }

  /**
   * The way a signal sentence names the nodes its signals link: for the first {@code withRelation} it
   * writes how they relate ("it relies on A (initiative), which is off track"), and it names up to
   * {@code listed} of the others in one short clause ("B, linked to it, has a signal too"), or
   * counts them all when {@code listed} is 0.
   */
  private record LinkNaming(int withRelation, int listed) {

    static final LinkNaming ALL_RELATED = new LinkNaming(Integer.MAX_VALUE, Integer.MAX_VALUE);
    /** The steps a sentence too long takes, from the most words to the fewest. */
    static final List<LinkNaming> SHORTER = List.of(ALL_RELATED, new LinkNaming(1, MAX_ITEMS / 2), new LinkNaming(0, MAX_ITEMS / 2),
        new LinkNaming(0, 1), new LinkNaming(0, 0));
  }

  /**
   * Builds a sentence that ends in signal clauses with at most {@link #MAX_WORDS} words, or
   * {@link #MAX_WORDS_LINKED} while it names nodes that its signals link. Beyond that it counts
   * the signals of the node's last kinds, but it always names a forecast below target and an
   * overdue check-in ({@link #KEPT_KINDS}). When that is not enough, it takes the steps of
   * {@link LinkNaming#SHORTER} in turn. When nothing fits, it returns the shortest.
   */
  private JsonObject fitted(Supplier<Sentence.Builder> start, List<BriefInputs.Signal> all, Map<String, String> variants,
                            String boardUnit, boolean capital) {
    List<String> kinds = all.stream().filter(signal -> !isLink(variants.get(signal.id()))).map(BriefInputs.Signal::kind).distinct().toList();
    JsonObject sentence = signalClauses(start.get(), all, variants, boardUnit, capital, kinds.size(), LinkNaming.ALL_RELATED).build();
    if (fits(sentence, MAX_WORDS)) {
      return sentence;
    }
    int kept = (int) kinds.stream().filter(KEPT_KINDS::contains).count();
    boolean linked = all.stream().anyMatch(signal -> isLink(variants.get(signal.id())));
    for (LinkNaming naming : linked ? LinkNaming.SHORTER : List.of(LinkNaming.ALL_RELATED)) {
      // A sentence that names no linked node has the limit of any other sentence.
      int limit = linked && naming.listed() > 0 ? MAX_WORDS_LINKED : MAX_WORDS;
      for (int named = kinds.size(); named >= kept; named--) {
        sentence = signalClauses(start.get(), all, variants, boardUnit, capital, named, naming).build();
        if (fits(sentence, limit)) {
          return sentence;
        }
      }
    }
    return sentence;
  }

  /**
   * Adds the signal clauses as {@link #signalClauses(Sentence.Builder, List, Map, String, boolean)} does, naming at most
   * {@code namedKinds} kinds and the linked nodes as {@code naming} gives.
   */
  private Sentence.Builder signalClauses(Sentence.Builder sentence, List<BriefInputs.Signal> all, Map<String, String> variants,
                                         String boardUnit, boolean capital, int namedKinds, LinkNaming naming) {
    List<BriefInputs.Signal> plain = all.stream().filter(signal -> !isLink(variants.get(signal.id()))).toList();
    Map<String, List<BriefInputs.Signal>> byKind = new LinkedHashMap<>();
    plain.forEach(signal -> byKind.computeIfAbsent(signal.kind(), kind -> new ArrayList<>()).add(signal));
    List<List<BriefInputs.Signal>> kinds = new ArrayList<>(byKind.values());
    kinds.sort(Comparator.comparing(ofKind -> !KEPT_KINDS.contains(ofKind.get(0).kind())));
    // The first kinds are named and the signals of the others counted in one clause.
    int named = Math.min(namedKinds, kinds.size());
    List<JsonObject> clauses = new ArrayList<>(kindClauses(sentence, kinds.subList(0, named), boardUnit));
    clauses.addAll(linkClauses(sentence, all, variants, boardUnit, naming));
    List<JsonObject> counted = new ArrayList<>();
    kinds.subList(named, kinds.size()).forEach(ofKind -> ofKind.forEach(signal -> counted.add(signalLink(signal, boardUnit))));
    if (!counted.isEmpty()) {
      counted.forEach(sentence::data);
      clauses.add(counted("clause.moreSignals", counted.size()).number(numbers.risks("signal", counted, in.asOf())).build());
    }
    return sentence.clauses(capitalised(clauses, capital), true).words(stateLabel(all));
  }

  /**
   * Writes one sentence per node (or unit) with signals, naming each signal kind once and linking
   * it to its signal. A dependency signal names both ends in the direction of their link and the
   * status the other end has now: alone it gets its own sentence, beside other signals of the node
   * it joins the node's sentence as a clause. A subject outside the brief, such as a KPI, is named
   * with its kind and the unit whose board shows it. A sentence ranks as its weightiest signal.
   */
  private List<Ranked> signals(Map<String, List<BriefInputs.Signal>> byConcern, Map<String, String> variants) {
    List<Ranked> out = new ArrayList<>();
    for (Map.Entry<String, List<BriefInputs.Signal>> entry : byConcern.entrySet()) {
      String concern = entry.getKey().split("\\|")[0];
      List<BriefInputs.Signal> all = entry.getValue();
      BriefInputs.Signal first = all.get(0);
      String variant = variants.get(first.id());
      boolean inBrief = byId.containsKey(concern);
      String boardUnit = inBrief ? boardUnitOf(concern) : unitOfSignal(first).id();
      int rank = signalRank(all);
      if (all.size() == 1 && "dependency".equals(variant)) {
        String label = words.template("risk.signal.label." + stateOf(first));
        JsonObject subject = byId.get(concern);
        JsonObject other = otherEnd(first);
        Sentence.Builder sentence = sentence("risk.dependency." + first.relation()).node(subject)
            .words(kindWord(other == null ? first.otherKind() : other.getString("kind")));
        sentence = other == null
            ? sentence.labels(List.of(signalLink(first, boardUnit).put("label", first.otherTitle())), 1)
            : sentence.node(other);
        String otherKind = other == null ? first.otherKind() : other.getString("kind");
        out.add(new Ranked(rank, sentence.words(label, signalLink(first, boardUnit))
            .words(words.status(other == null ? "off_track" : other.getString("status"))).words(pronoun(otherKind)).build()
            .put(RISK_REASON, "signal")));
        continue;
      }
      if (all.size() == 1 && "held".equals(variant)) {
        String label = words.template("risk.signal.label." + stateOf(first));
        JsonObject held = byId.get(concern);
        out.add(new Ranked(rank, sentence("risk.held." + first.relation()).node(held)
            .words(words.status(held.getString("status"))).words(kindWord(first.subjectKind()))
            .labels(List.of(signalLink(first, boardUnit).put("label", first.subjectTitle())), 1).words(label).build()
            .put(RISK_REASON, "signal")));
        continue;
      }
      Supplier<Sentence.Builder> start;
      if ("outside".equals(variant)) {
        start = () -> sentence("risk.signal.outside")
            .labels(List.of(signalLink(first, boardUnit).put("label", first.subjectTitle())), 1)
            .words(kindWord(subjectKindOf(first))).unit(unitOfSignal(first));
      } else if (inBrief) {
        start = () -> sentence("risk.signal").node(byId.get(concern));
      } else {
        start = () -> sentence("risk.signal").unit(in.units().stream().filter(u -> u.id().equals(concern)).findFirst().orElseThrow());
      }
      out.add(new Ranked(rank, fitted(start, all, variants, boardUnit, true).put(RISK_REASON, "signal")));
    }
    return out;
  }

  private static boolean isLink(String variant) {
    return "dependency".equals(variant) || "held".equals(variant);
  }

  /** Returns the node at the other end of a dependency signal, or null when it is outside the brief. */
  private JsonObject otherEnd(BriefInputs.Signal signal) {
    return byId.get(otherId(signal));
  }

  /**
   * Returns one clause per node that the dependency signals among {@code signals} link to the
   * sentence's node, so no node is named twice. The clause of a node follows the signal by which
   * the sentence's node relies on or contributes to it, because that clause gives its status. The
   * other signals about the same node are linked as data of the sentence.
   */
  private List<JsonObject> linkClauses(Sentence.Builder sentence, List<BriefInputs.Signal> signals,
                                       Map<String, String> variants, String boardUnit, LinkNaming naming) {
    Map<String, List<BriefInputs.Signal>> byNode = new LinkedHashMap<>();
    for (BriefInputs.Signal signal : signals) {
      String variant = variants.get(signal.id());
      if (isLink(variant)) {
        String related = "held".equals(variant) ? signal.subjectId() : otherId(signal);
        byNode.computeIfAbsent(related, id -> new ArrayList<>()).add(signal);
      }
    }
    List<List<BriefInputs.Signal>> nodes = new ArrayList<>(byNode.values());
    // What the node relies on or contributes to comes before the nodes flagged because of it.
    nodes.sort(Comparator.comparing(ofNode -> ofNode.stream().noneMatch(signal -> "dependency".equals(variants.get(signal.id())))));
    List<List<BriefInputs.Signal>> counted = nodes.subList(Math.min(naming.withRelation(), nodes.size()), nodes.size());
    List<JsonObject> clauses = new ArrayList<>();
    List<BriefInputs.Signal> held = new ArrayList<>();
    for (List<BriefInputs.Signal> ofNode : nodes.subList(0, nodes.size() - counted.size())) {
      BriefInputs.Signal lead = ofNode.stream().filter(signal -> "dependency".equals(variants.get(signal.id())))
          .findFirst().orElse(ofNode.get(0));
      if ("held".equals(variants.get(lead.id()))) {
        held.add(lead);
      } else {
        clauses.add(linkClause(lead, variants.get(lead.id()), boardUnit));
      }
      ofNode.stream().filter(signal -> signal != lead).forEach(signal -> sentence.data(signalLink(signal, boardUnit)));
    }
    if (held.size() == 1) {
      clauses.add(linkClause(held.get(0), "held", boardUnit));
    } else if (held.size() > 1) {
      // Several nodes flagged because of the sentence's node share one clause, so "flagged as
      // affected" appears once: "A (KPI), which relies on it, and B (initiative), which
      // contributes to it, are flagged as affected".
      List<JsonObject> items = new ArrayList<>();
      for (BriefInputs.Signal signal : held) {
        items.add(Sentence.Builder.endingInRelativeClause(sentence("clause.heldItem." + signal.relation())
            .labels(List.of(signalLink(signal, boardUnit).put("label", signal.subjectTitle())), 1)
            .words(kindWord(signal.subjectKind())).words(pronoun(signal.subjectKind())).build()));
      }
      clauses.add(sentence("clause.heldGroup").clauses(items).build());
    }
    if (!counted.isEmpty()) {
      // The linked nodes beyond those with their relation share one short clause that names the first few and
      // counts the others ("A and 2 more, linked to it, have signals too"), or counts them all.
      // All their signals are linked as data.
      List<JsonObject> leads = counted.stream().map(ofNode -> linkedNode(ofNode, variants, boardUnit)).toList();
      counted.forEach(ofNode -> ofNode.forEach(signal -> sentence.data(signalLink(signal, boardUnit))));
      clauses.add(naming.listed() == 0
          ? counted("clause.linkedCount", counted.size()).number(numbers.risks("signal", leads, in.asOf())).build()
          : counted("clause.linked", counted.size()).labels(leads, naming.listed()).build());
    }
    return clauses;
  }

  /**
   * Returns the link that names the node at the other end of a linked node's signals: the node
   * itself when the brief has it, else its lead signal labelled with the node's title.
   */
  private JsonObject linkedNode(List<BriefInputs.Signal> ofNode, Map<String, String> variants, String boardUnit) {
    BriefInputs.Signal lead = ofNode.stream().filter(signal -> "dependency".equals(variants.get(signal.id())))
        .findFirst().orElse(ofNode.get(0));
    if ("held".equals(variants.get(lead.id()))) {
      return signalLink(lead, boardUnit).put("label", lead.subjectTitle());
    }
    JsonObject other = otherEnd(lead);
    return other == null ? signalLink(lead, boardUnit).put("label", lead.otherTitle()) : Sentence.Builder.nodeLink(other);
  }

  private static String otherId(BriefInputs.Signal signal) {
    return signal.nodeIds().size() > 1 ? signal.nodeIds().get(1) : "";
  }

  /** Returns the relative pronoun that refers to a node of {@code kind}: "which", or the German article of its kind's noun. */
  private String pronoun(String kind) {
    return words.template(words.has("which." + kind) ? "which." + kind : "which.other");
  }

  /**
   * Returns the clause of a dependency signal within a node's sentence: "it relies on Y
   * (initiative), which is off track" with the status linked to the signal, or "Y (KPI) relies on
   * it" with Y linked to the signal when the signal is about Y, a node outside the brief.
   */
  private JsonObject linkClause(BriefInputs.Signal signal, String variant, String boardUnit) {
    if ("held".equals(variant)) {
      return sentence("clause.held." + signal.relation())
          .labels(List.of(signalLink(signal, boardUnit).put("label", signal.subjectTitle())), 1)
          .words(kindWord(signal.subjectKind())).build();
    }
    JsonObject other = otherEnd(signal);
    Sentence.Builder clause = sentence("clause.dependency." + signal.relation());
    clause = other == null
        ? clause.labels(List.of(signalLink(signal, boardUnit).put("label", signal.otherTitle())), 1)
        : clause.node(other);
    String otherKind = other == null ? signal.otherKind() : other.getString("kind");
    return Sentence.Builder.endingInRelativeClause(clause.words(kindWord(otherKind))
        .words(words.status(other == null ? "off_track" : other.getString("status")), signalLink(signal, boardUnit))
        .words(pronoun(otherKind)).build());
  }

  /**
   * Returns the clauses with each opening word in lower case, except the first one's after a colon
   * ({@code afterColon}) in a language whose signal phrases start with a capital there (German).
   */
  private List<JsonObject> capitalised(List<JsonObject> clauses, boolean afterColon) {
    boolean capital = afterColon && Character.isUpperCase(words.template("signal.other").charAt(0));
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < clauses.size(); i++) {
      JsonObject clause = clauses.get(i).copy();
      JsonObject part = clause.getJsonArray("parts").getJsonObject(0);
      // A node's title keeps its case; only the wording's own words change.
      boolean own = clause.getBoolean("phrase", false) || !part.containsKey("link");
      if (own && !part.getString("text").isEmpty()) {
        String text = part.getString("text");
        String head = i == 0 && capital ? text.substring(0, 1).toUpperCase(Locale.ROOT) : text.substring(0, 1).toLowerCase(Locale.ROOT);
        part.put("text", head + text.substring(1));
      }
      out.add(clause);
    }
    return out;
  }

  /**
   * Returns one clause per signal kind ("its forecast is far off the target"), each linked to
   * the first signal of its kind; {@code byKind} has the signals of each kind. Further signals of a kind (one per quiet source, say) are linked
   * as data of the sentence.
   */
  private List<JsonObject> kindClauses(Sentence.Builder sentence, List<List<BriefInputs.Signal>> byKind, String boardUnit) {
    List<JsonObject> clauses = new ArrayList<>();
    for (List<BriefInputs.Signal> ofKind : byKind) {
      String phrase = words.template(words.has("signal." + ofKind.get(0).kind()) ? "signal." + ofKind.get(0).kind() : "signal.other");
      clauses.add(Sentence.Builder.linkedClause(phrase, signalLink(ofKind.get(0), boardUnit)).put("phrase", true));
      ofKind.subList(1, ofKind.size()).forEach(signal -> sentence.data(signalLink(signal, boardUnit)));
    }
    return clauses;
  }

  /** Returns the words that name the signals' states: "open signal", "open signals and acknowledged signal". */
  private String stateLabel(List<BriefInputs.Signal> signals) {
    Map<String, Integer> byState = new LinkedHashMap<>();
    signals.forEach(signal -> byState.merge(stateOf(signal), 1, Integer::sum));
    List<String> labels = new ArrayList<>();
    byState.forEach((state, count) -> labels.add(words.template((count == 1 ? "risk.signal.label." : "risk.signal.labels.") + state)));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        text.append(i == labels.size() - 1 ? words.template("list.and") : ", ");
      }
      text.append(labels.get(i));
    }
    return text.toString();
  }

  /** Returns a signal's state as a brief names it: acknowledged, snoozed, or open for every other state. */
  private static String stateOf(BriefInputs.Signal signal) {
    return "acknowledged".equals(signal.state()) || "snoozed".equals(signal.state()) ? signal.state() : "open";
  }

  /** Returns the brief's unit whose board shows a signal: the first of its units in the brief. */
  private BriefInputs.Unit unitOfSignal(BriefInputs.Signal signal) {
    return in.units().stream().filter(u -> signal.unitIds().contains(u.id())).findFirst().orElse(in.unit());
  }

  /**
   * Returns the kind of the node a signal is about: the kind its parameters give, else "kpi" for
   * a signal that only a KPI raises (its value left its corridor or moved unusually), else null.
   */
  private static String subjectKindOf(BriefInputs.Signal signal) {
    if (signal.subjectKind() != null) {
      return signal.subjectKind();
    }
    return signal.kind().startsWith("kpi_") ? "kpi" : null;
  }

  /** Returns the word of a node kind ("KPI", "initiative"), or the general word for a node. */
  private String kindWord(String kind) {
    return words.template(words.has("kind." + kind) ? "kind." + kind : "kind.other");
  }

  /** Adds the organisation's stale limit and its unit of days: "for more than 7 days". */
  private Sentence.Builder staleLimit(Sentence.Builder sentence) {
    int days = in.staleAfterDays();
    return sentence.number(numbers.staleLimit(days, in.asOf())).words(words.template(days == 1 ? "word.day" : "word.days"));
  }

  private List<JsonObject> staleCounts() {
    List<JsonObject> out = new ArrayList<>();
    for (BriefInputs.Unit unit : in.units()) {
      List<JsonObject> stale = stale(keyResultsOf(List.of(unit.id())));
      if (!stale.isEmpty()) {
        out.add(staleLimit(counted("risk.staleCount", stale.size()).number(numbers.count("keyResults.stale", stale, in.asOf()))
            .unit(unit)).build().put(RISK_REASON, "staleCount"));
      }
    }
    return out;
  }

  // Blockers

  private List<JsonObject> blockers() {
    List<JsonObject> out = new ArrayList<>();
    for (BriefInputs.CheckIn checkIn : blockerCheckIns()) {
      if (blockersInRisks.contains(checkIn)) {
        continue;
      }
      JsonObject keyResult = byId.get(checkIn.keyResultId());
      Sentence.Builder sentence = checkIn.byPerson()
          ? sentence("blocker.item").node(keyResult).quote(checkIn.author())
          : sentence("blocker.itemNobody").node(keyResult).words("");
      // The template closes the quote with its own full stop.
      out.add(sentence.quote(checkIn.blockers().strip().replaceAll("\\.+$", ""), checkInLink(checkIn)).build());
    }
    if (out.isEmpty() && !blockersInRisks.isEmpty()) {
      out.add(sentence("blocker.allInRisks").unit(in.unit()).words(words.template("section.risks")).build());
    } else if (out.isEmpty()) {
      out.add(sentence("blocker.none").unit(in.unit()).build());
    }
    return out;
  }

  /** Returns the newest check-in with a blocker of each key result in the brief, newest first. */
  private List<BriefInputs.CheckIn> blockerCheckIns() {
    List<BriefInputs.CheckIn> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (BriefInputs.CheckIn checkIn : in.checkIns()) {
      if (checkIn.blockers() != null && !checkIn.blockers().isBlank() && byId.containsKey(checkIn.keyResultId())
          && seen.add(checkIn.keyResultId())) {
        found.add(checkIn);
      }
    }
    return found;
  }

  // Recommendations

  private List<JsonObject> recommendations(List<JsonObject> keyResults) {
    List<JsonObject> out = new ArrayList<>();
    Set<String> named = new HashSet<>();
    // Each key result is the subject of one recommendation at most: the first reason below that
    // applies writes it, and a blocker on a key result to re-plan joins the re-plan sentence.
    for (BriefInputs.CheckIn checkIn : blockerCheckIns()) {
      JsonObject keyResult = byId.get(checkIn.keyResultId());
      // A check-in sent with an API token names the token, not a person: ask the key result's owner then.
      String person = checkIn.byPerson() ? checkIn.author() : owner(keyResult);
      if (needsReplan(keyResult)) {
        out.add(replan(keyResult, checkIn, person));
      } else {
        Sentence.Builder sentence = person == null ? sentence("rec.blockerNobody").node(keyResult).words("")
            : sentence("rec.blocker").node(keyResult).quote(person);
        out.add(sentence.words(words.template("rec.blocker.label"), checkInLink(checkIn)).build());
      }
      named.add(checkIn.keyResultId());
    }
    for (JsonObject node : behindFirst(keyResults)) {
      String status = node.getString("status");
      if (!"off_track".equals(status) && !"at_risk".equals(status) || named.contains(node.getString("id"))) {
        continue;
      }
      BigDecimal forecast = BriefNumbers.forecastOf(node);
      if (needsReplan(node)) {
        out.add(replan(node));
        named.add(node.getString("id"));
      } else if (forecast == null) {
        JsonObject recommendation = withoutForecast(node);
        if (recommendation != null) {
          out.add(recommendation);
          named.add(node.getString("id"));
        }
      }
    }
    for (JsonObject node : fallen(keyResults)) {
      // The values do not say why progress fell, so the recommendation sends the question to the owner.
      if (named.add(node.getString("id"))) {
        Sentence.Number fall = numbers.unsigned(numbers.change(then.get(node.getString("id")), in.periodStart(), node, in.asOf()));
        String owner = owner(node);
        out.add(owner == null ? sentence("rec.fellNobody").node(node).number(fall).build()
            : sentence("rec.fell").node(node).quote(owner).number(fall).build());
      }
    }
    for (JsonObject node : stale(keyResults)) {
      if (named.contains(node.getString("id"))) {
        continue;
      }
      String owner = owner(node);
      out.add(owner == null ? sentence("rec.staleNobody").node(node).build()
          : sentence("rec.stale").node(node).quote(owner).build());
      named.add(node.getString("id"));
    }
    for (JsonObject node : lowConfidence(keyResults)) {
      if (!named.contains(node.getString("id")) && owner(node) != null) {
        out.add(sentence("rec.confidence").node(node).quote(owner(node)).number(numbers.confidence(node, in.asOf())).build());
        named.add(node.getString("id"));
      }
    }
    for (JsonObject node : withoutValue(keyResults)) {
      if (named.contains(node.getString("id"))) {
        continue;
      }
      String owner = owner(node);
      out.add(owner == null ? sentence("rec.firstValueNobody").node(node).build()
          : sentence("rec.firstValue").node(node).quote(owner).build());
      named.add(node.getString("id"));
    }
    for (JsonObject node : behindFirst(keyResults)) {
      // A key result behind plan that no recommendation above names still needs a plan to catch up.
      if (rank(node.getString("status")) >= rank("at_risk") && BriefNumbers.gapOf(node).signum() > 0
          && named.add(node.getString("id"))) {
        out.add(catchUp(node));
      }
    }
    for (JsonObject objective : withoutKeyResults(withStatus(in.objectives(), "pending"))) {
      out.add(addKeyResults(objective));
    }
    out.addAll(signalFollowUps(named));
    if (out.isEmpty()) {
      out.add(sentence("rec.none").unit(in.unit()).build());
    }
    return out;
  }

  /** Recommends adding key results to an objective that has none, asking its owner when it has one. */
  private JsonObject addKeyResults(JsonObject objective) {
    String owner = owner(objective);
    return owner == null ? sentence("rec.addKeyResultsNobody").node(objective).build()
        : sentence("rec.addKeyResults").node(objective).quote(owner).build();
  }

  /**
   * Recommends following up the open signals about nodes and units that no other recommendation
   * names, one sentence per node or unit, with the node's owner when it has one.
   */
  private List<JsonObject> signalFollowUps(Set<String> named) {
    List<JsonObject> out = new ArrayList<>();
    Map<String, String> variants = new HashMap<>();
    for (Map.Entry<String, List<BriefInputs.Signal>> entry : signalsByConcern(variants).entrySet()) {
      String concern = entry.getKey().split("\\|")[0];
      List<BriefInputs.Signal> open = entry.getValue().stream().filter(signal -> "open".equals(stateOf(signal))).toList();
      if (open.isEmpty() || named.contains(concern)) {
        continue;
      }
      BriefInputs.Signal first = open.get(0);
      JsonObject node = byId.get(concern);
      String boardUnit = node == null ? unitOfSignal(first).id() : boardUnitOf(concern);
      String owner = node == null ? null : owner(node);
      Sentence.Builder sentence = owner == null ? sentence("rec.signalNobody") : sentence("rec.signal").quote(owner);
      sentence.words(words.template(open.size() == 1 ? "rec.signal.label" : "rec.signal.labels"), signalLink(first, boardUnit));
      if (node != null) {
        sentence.node(node);
      } else if (entry.getKey().endsWith("|outside")) {
        sentence.labels(List.of(signalLink(first, boardUnit).put("label", first.subjectTitle())), 1);
      } else {
        sentence.unit(in.units().stream().filter(u -> u.id().equals(concern)).findFirst().orElseThrow());
      }
      open.subList(1, open.size()).forEach(signal -> sentence.data(signalLink(signal, boardUnit)));
      out.add(sentence.build());
    }
    return out;
  }

  /**
   * Recommends what to do about a key result behind plan that has no forecast, by the engine's
   * reason: more check-ins only when more values would give it one, else a plan to catch up,
   * because a key result measured by work items or milestones has no forecast by design.
   * Returns null when the key result has no owner to ask and more values are what it lacks, or
   * when its progress is not behind the expected progress.
   */
  private JsonObject withoutForecast(JsonObject node) {
    JsonObject forecast = node.getJsonObject("forecast");
    String reason = forecast == null ? null : forecast.getString("code");
    String owner = owner(node);
    if (owner != null && node.getString("updatedAt") == null) {
      return sentence("rec.stale").node(node).quote(owner).build();
    }
    if ("too_few_values".equals(reason) || "one_day".equals(reason)) {
      String key = "one_day".equals(reason) ? "rec.moreDays" : "rec.moreValues";
      return owner == null ? null : sentence(key).node(node).quote(owner).build();
    }
    if (BriefNumbers.gapOf(node).signum() <= 0) {
      // Not behind on progress, so it is at risk on confidence, which a later recommendation covers.
      return null;
    }
    return catchUp(node);
  }

  /**
   * Recommends agreeing how a key result behind plan catches up, with its owner when it has one.
   * Where an earlier section shows its progress against plan, the sentence refers to that section.
   */
  private JsonObject catchUp(JsonObject node) {
    String owner = owner(node);
    String key = owner == null ? "rec.catchUpNobody" : "rec.catchUp";
    Sentence.Builder sentence = owner == null ? sentence(key).node(node) : sentence(key).node(node).quote(owner);
    JsonObject full = sentence.number(numbers.progress(node, in.asOf())).number(numbers.expected(node, in.asOf())).build();
    return withSectionPointer(full, key, node, owner);
  }

  /** Returns true when a key result is at risk or off track and its forecast progress stays below 100 %. */
  private static boolean needsReplan(JsonObject node) {
    String status = node.getString("status");
    BigDecimal forecast = BriefNumbers.forecastOf(node);
    return ("off_track".equals(status) || "at_risk".equals(status)) && forecast != null && forecast.compareTo(BigDecimal.ONE) < 0;
  }

  /**
   * Recommends re-planning a key result whose forecast stays below its target: with the forecast
   * value and target in its unit when it has them, else with the forecast progress.
   */
  private JsonObject replan(JsonObject node) {
    return replan(node, null, null);
  }

  /**
   * Recommends re-planning a key result with {@code person}, who is null when no person can be
   * named. A {@code blocker} that is not null is named as a second reason.
   */
  private JsonObject replan(JsonObject node, BriefInputs.CheckIn blocker, String person) {
    // The forecast is a trend line through all values of the cycle, so for a key result that has
    // stopped moving it is no "current pace". The sentence states that the value has not moved instead.
    String flat = flat(node) ? "Flat" : "";
    boolean value = BriefNumbers.hasValue(node) && BriefNumbers.forecastValueOf(node) != null;
    String blocked = "";
    if (blocker != null) {
      blocked = person == null ? ".blockerNobody" : ".blocker";
    }
    Sentence.Builder sentence = sentence("rec.replan" + (value ? "Value" : "") + flat + blocked).node(node);
    if (value) {
      sentence.number(numbers.forecastValue(node, in.asOf())).number(numbers.target(node, in.asOf()))
          .number(numbers.forecast(node, in.asOf()));
    } else {
      sentence.number(numbers.forecast(node, in.asOf()));
    }
    if (blocker != null) {
      if (person != null) {
        sentence.quote(person);
      }
      sentence.words(words.template("rec.blocker.open"), checkInLink(blocker));
    }
    return sentence.build();
  }

  /**
   * Returns true when a key result has not moved lately: an unresolved signal reports a stall, or
   * its value (its progress, without a value in its own unit) is the same as at the period's start.
   */
  private boolean flat(JsonObject node) {
    String id = node.getString("id");
    if (in.signals().stream().anyMatch(signal -> "stalled_despite_effort".equals(signal.kind()) && id.equals(signal.subjectId()))) {
      return true;
    }
    JsonObject before = then.get(id);
    if (before == null) {
      return false;
    }
    if (BriefNumbers.hasValue(node) && BriefNumbers.hasValue(before)) {
      return BriefNumbers.decimal(node, "current").compareTo(BriefNumbers.decimal(before, "current")) == 0;
    }
    return BriefNumbers.progressOf(node).compareTo(BriefNumbers.progressOf(before)) == 0;
  }

  private List<JsonObject> portfolioRecommendations() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject objective : behindFirst(in.objectives())) {
      if (!"off_track".equals(objective.getString("status")) || out.size() >= MAX_ITEMS / 2) {
        continue;
      }
      out.add(reviewRecommendation(objective).put(RISK_REASON, "review"));
    }
    List<JsonObject> replans = new ArrayList<>();
    for (JsonObject node : in.keyResults()) {
      BigDecimal forecast = BriefNumbers.forecastOf(node);
      if (forecast != null && forecast.compareTo(BigDecimal.ONE) < 0 && "off_track".equals(node.getString("status"))) {
        replans.add(node);
      }
    }
    replans.sort(Comparator.comparing(BriefNumbers::forecastOf).thenComparing(BriefComposer::title));
    for (JsonObject node : replans.subList(0, Math.min(2, replans.size()))) {
      out.add(replan(node).put(RISK_REASON, "replan"));
    }
    for (JsonObject objective : withoutKeyResults(withStatus(in.objectives(), "pending"))) {
      out.add(addKeyResults(objective).put(RISK_REASON, "addKeyResults"));
    }
    for (BriefInputs.Unit unit : unitsBehind()) {
      out.add(unitGapRecommendation(unit));
    }
    if (out.isEmpty()) {
      // With nothing behind plan, the open signals are what calls for a change.
      out.addAll(signalFollowUps(Set.of()));
    }
    if (out.isEmpty()) {
      out.add(sentence("rec.none").unit(in.unit()).build());
    }
    return out;
  }

  /**
   * Recommends reviewing an objective off track with its owner. An objective off track only
   * because one of its key results is gets the reason of that key result, linked to it: its
   * progress against plan, or its confidence when that set its status. Otherwise the sentence
   * gives the objective's own progress.
   */
  private JsonObject reviewRecommendation(JsonObject objective) {
    String owner = owner(objective);
    String key = owner == null ? "rec.reviewNobody" : "rec.review";
    JsonObject worst = keyResultSettingStatus(objective);
    String cause = worst == null ? "" : worsenedByConfidence(worst) ? ".fromKeyResultConfidence" : ".fromKeyResult";
    Sentence.Builder sentence = sentence(key + cause).node(objective);
    if (owner != null) {
      sentence.quote(owner);
    }
    if (worst == null) {
      JsonObject full = sentence.number(numbers.progress(objective, in.asOf())).number(numbers.expected(objective, in.asOf())).build();
      // Where an earlier section shows the objective's progress against plan, the sentence refers to it.
      return withSectionPointer(full, key, objective, owner);
    }
    sentence.node(worst);
    if (worsenedByConfidence(worst)) {
      return sentence.number(numbers.confidence(worst, in.asOf())).build();
    }
    JsonObject full = sentence.number(numbers.progress(worst, in.asOf())).number(numbers.expected(worst, in.asOf())).build();
    // The objective's risk sentence shows its key result's progress against plan, so the review refers to it.
    return withPointer(full, section -> {
      Sentence.Builder shorter = sentence(key + ".fromKeyResult.seeSection").node(objective);
      if (owner != null) {
        shorter.quote(owner);
      }
      return shorter.node(worst).words(section).build();
    });
  }

  // Talking points

  /**
   * Writes the weekly talking points. {@code withRecommendation} contains the keys of the subjects
   * of the shown recommendations, such as "node:k-1". The point on such a key result asks what help
   * the team can give and refers to its recommendation instead of repeating its gap.
   */
  private List<JsonObject> talkingPoints(List<JsonObject> keyResults, Set<String> withRecommendation) {
    List<JsonObject> out = new ArrayList<>();
    String during = words.template("during." + in.kind().wire());
    JsonObject win = null;
    for (JsonObject node : keyResults) {
      // Only a key result on track is a win to celebrate; a rise that still leaves it behind plan is no win.
      if (then.containsKey(node.getString("id")) && valueInPeriod(node) && "on_track".equals(node.getString("status"))
          && change(node).signum() > 0
          && (win == null || change(node).compareTo(change(win)) > 0)) {
        win = node;
      }
    }

    if (win != null) {
      Sentence.Number rise = numbers.unsigned(numbers.change(then.get(win.getString("id")), in.periodStart(), win, in.asOf()));
      String reached = winReachedKey(win);
      Sentence.Builder point = sentence(reached == null ? "tp.win" : reached).node(win).number(rise).words(during);
      if (reached != null) {
        point.number(numbers.progress(win, in.asOf()));
      }
      out.add(point.build());
    }
    List<JsonObject> offTrack = withStatus(behindFirst(keyResults), "off_track");
    List<BriefInputs.CheckIn> blockers = blockerCheckIns();
    String worstId = offTrack.isEmpty() ? null : offTrack.get(0).getString("id");
    if (worstId != null) {
      JsonObject worst = offTrack.get(0);
      // A blocker on the worst key result joins its point, so the meeting discusses it once.
      BriefInputs.CheckIn blocker = blockers.stream().filter(c -> c.keyResultId().equals(worstId)).findFirst().orElse(null);
      String blocked = blocker == null ? "" : ".blocker";
      if (withRecommendation.contains(linkKey(Sentence.Builder.nodeLink(worst)))) {
        out.add(helpPoint(worst, blocker));
      } else {
        // A key result off track on its confidence may be ahead of plan, so it has no gap to name.
        Sentence.Builder point = worsenedByConfidence(worst) && BriefNumbers.gapOf(worst).signum() <= 0
            ? sentence("tp.riskConfidence" + blocked).node(worst).number(numbers.confidence(worst, in.asOf()))
            : sentence("tp.risk" + blocked).node(worst).number(numbers.gap(worst, in.asOf()));
        if (blocker != null) {
          point.words(words.template("rec.blocker.label"), checkInLink(blocker));
        }
        out.add(point.build());
      }
    }

    addBlockersPoint(out, worstId);

    List<JsonObject> checkedIn = checkedIn(keyResults);
    JsonObject checkInPage = new JsonObject().put("type", "checkIns").put("unitId", in.unit().id())
        .put("path", "/units/" + in.unit().id() + "/check-in");
    if (!keyResults.isEmpty() && checkedIn.size() < keyResults.size()) {
      out.add(counted("tp.checkIns", checkedIn.size()).number(numbers.count("keyResults.checkedIn", checkedIn, in.asOf()))
          .number(numbers.count("keyResults", keyResults, in.asOf())).words(during)
          .words(words.template("tp.checkIns.label"), checkInPage).build());
    } else if (!keyResults.isEmpty()) {
      out.add(sentence("tp.checkInsAll").words(during).words(words.template("tp.checkIns.label"), checkInPage).build());
    }
    if (win == null && offTrack.isEmpty() && blockers.isEmpty()) {
      out.add(sentence("tp.calm").unit(in.unit()).build());
    }
    return out;
  }

  /**
   * Builds the talking point on a key result off track that a shown recommendation is about. Risks
   * and Recommendations already give its numbers and what to do, so the point asks what help the
   * team can give, and who clears its {@code blocker} when not null. It asks the person the
   * recommendation names: the blocker's author, else the owner.
   */
  private JsonObject helpPoint(JsonObject keyResult, BriefInputs.CheckIn blocker) {
    String person = blocker != null && blocker.byPerson() ? blocker.author() : owner(keyResult);
    String blocked = blocker == null ? "" : ".blocker";
    Sentence.Builder point = person == null ? sentence("tp.helpNobody" + blocked).node(keyResult)
        : sentence("tp.help" + blocked).node(keyResult).quote(person);
    point.words(words.template("section.recommendations"));
    if (blocker != null) {
      point.words(words.template("rec.blocker.label"), checkInLink(blocker));
    }
    return point.build();
  }

  /**
   * Returns the template of the win point for a key result that reached its target: "tp.winDone"
   * for one measured by milestones, work items or done-or-not, which is then done, else
   * "tp.winReached". Returns null while its progress is below 100 %.
   */
  private static String winReachedKey(JsonObject keyResult) {
    if (BriefNumbers.progressOf(keyResult).compareTo(BigDecimal.ONE) < 0) {
      return null;
    }
    String measurement = keyResult.getString("measurement", "");
    return List.of("milestone", "binary", "work_items").contains(measurement) ? "tp.winDone" : "tp.winReached";
  }

  /** Returns the keys of the subjects of a section's sentences, such as "unit:u-1". */
  private static Set<String> subjectsOf(JsonObject section) {
    Set<String> subjects = new HashSet<>();
    section.getJsonArray("sentences").forEach(sentence -> subjects.add(linkKey(subjectOf((JsonObject) sentence))));
    return subjects;
  }

  /**
   * Writes the monthly and quarterly talking points. {@code withRecommendation} contains the keys
   * of the subjects of the shown recommendations. The point on a unit behind plan that one of
   * them is about refers to it and asks what help the unit needs, instead of repeating its gap.
   */
  private List<JsonObject> portfolioTalkingPoints(boolean carryOver, Set<String> withRecommendation) {
    List<JsonObject> out = new ArrayList<>();
    String during = words.template("during." + in.kind().wire());
    // Expected progress rises with time, so a unit is only worth asking what worked when its score
    // rose clearly more than the plan did over the period.
    BriefInputs.Unit best = null;
    BigDecimal bestOverPlan = RISE_OVER_PLAN;
    for (BriefInputs.Unit unit : unitsWithObjectives()) {
      List<JsonObject> now = existedThen(objectivesOf(List.of(unit.id())));
      List<JsonObject> before = thenOf(now);
      if (!before.isEmpty()) {
        BigDecimal change = BriefWording.shownChange(BriefNumbers.meanProgress(before), BriefNumbers.meanProgress(now));
        BigDecimal overPlan = change.subtract(BriefWording.shownChange(BriefNumbers.expectedOf(before), BriefNumbers.expectedOf(now)));
        if (change.signum() > 0 && overPlan.compareTo(bestOverPlan) >= 0) {
          best = unit;
          bestOverPlan = overPlan;
        }
      }
    }
    if (best != null) {
      List<JsonObject> now = existedThen(objectivesOf(List.of(best.id())));
      List<JsonObject> before = thenOf(now);
      List<String> unitIds = List.of(best.id());
      out.add(sentence("tp.bestUnit").unit(best)
          .number(numbers.unsigned(numbers.keptScoreChange(before, in.periodStart(), now, in.asOf(), unitIds)))
          .words(during).number(numbers.scoreChangeOverPlan(before, in.periodStart(), now, in.asOf(), unitIds)).build());
    }
    List<BriefInputs.Unit> behind = unitsBehind();
    if (!behind.isEmpty()) {
      BriefInputs.Unit worst = behind.get(0);
      if (withRecommendation.contains(linkKey(Sentence.Builder.unitLink(worst)))) {
        out.add(sentence("tp.worstUnit.help").unit(worst).words(words.template("section.recommendations")).build());
      } else {
        out.add(sentence("tp.worstUnit").unit(worst)
            .number(numbers.scoreGap(objectivesOf(List.of(worst.id())), List.of(worst.id()), in.asOf())).build());
      }
    }
    if (carryOver) {
      List<JsonObject> carried = carried();
      if (!carried.isEmpty()) {
        out.add(carryOverPoint(carried));
      }
    } else {
      addBlockersPoint(out, null);
    }
    if (out.isEmpty()) {
      out.add(sentence("tp.calm").unit(in.unit()).build());
    }
    return out;
  }

  /**
   * Builds the talking point on which objectives continue next cycle. The "To carry over"
   * section names them, so the point refers to that section and links them as data, and it links
   * the cycle's board. Objectives without values yet are not "not on track", so a point about
   * them counts them apart and the counts add up to the summary's.
   */
  private JsonObject carryOverPoint(List<JsonObject> carried) {
    List<JsonObject> pending = carried.stream().filter(o -> "pending".equals(o.getString("status"))).toList();
    List<JsonObject> notOnTrack = carried.stream().filter(o -> !"pending".equals(o.getString("status"))).toList();
    // A single objective is named without its count: "Decide whether X continues".
    if (carried.size() == 1) {
      return naming(named -> counted("tp.carryOver", 1).words("").nodes(carried, named));
    }
    Sentence.Number total = numbers.count("objectives.carryOver", carried, in.asOf());
    String section = words.template("section.carryOver");
    Sentence.Builder point;
    if (pending.isEmpty()) {
      point = counted("tp.carryOver", carried.size()).number(total).words(section).cycle(in.cycle(), in.unit());
    } else if (notOnTrack.isEmpty()) {
      point = sentence("tp.carryOverPending").number(total).words(section).cycle(in.cycle(), in.unit());
    } else {
      point = sentence("tp.carryOverMixed").number(total).words(section).cycle(in.cycle(), in.unit())
          .number(numbers.count("objectives.carryOver.notOnTrack", notOnTrack, in.asOf()))
          .number(numbers.count("objectives.carryOver.pending", pending, in.asOf()));
    }
    carried.forEach(objective -> point.data(Sentence.Builder.nodeLink(objective)));
    return point.build();
  }

  /**
   * Builds the recommendation for a unit far behind plan. Objectives without values yet count
   * as no progress in the score, so the sentence names them as part of the gap.
   */
  private JsonObject unitGapRecommendation(BriefInputs.Unit unit) {
    List<JsonObject> objectives = objectivesOf(List.of(unit.id()));
    List<JsonObject> pending = objectives.stream().filter(o -> "pending".equals(o.getString("status"))).toList();
    Sentence.Number gap = numbers.scoreGap(objectives, List.of(unit.id()), in.asOf());
    if (pending.isEmpty()) {
      return sentence("rec.unitGap").unit(unit).number(gap).build().put(RISK_REASON, "unitGap");
    }
    return naming(named -> counted("rec.unitGapPending", pending.size()).unit(unit).number(gap)
        .number(numbers.count("unitObjectives.pending", pending, in.asOf())).nodes(pending, named))
        .put(RISK_REASON, "unitGapPending");
  }

  /**
   * Adds the talking point about the key results with a blocker in the period, when there are
   * any. The key result {@code discussedId}, when not null, has a point of its own that names its
   * blocker, so this point counts the other blockers as more.
   */
  private void addBlockersPoint(List<JsonObject> out, String discussedId) {
    List<BriefInputs.CheckIn> all = blockerCheckIns();
    List<BriefInputs.CheckIn> checkIns = all.stream().filter(c -> !c.keyResultId().equals(discussedId)).toList();
    List<JsonObject> blocked = checkIns.stream().map(c -> byId.get(c.keyResultId())).toList();
    String key = checkIns.size() < all.size() ? "tp.blockersMore" : "tp.blockers";
    if (!blocked.isEmpty()) {
      out.add(naming(named -> {
        Sentence.Builder sentence = counted(key, blocked.size())
            .number(numbers.count("keyResults.blocked", blocked, in.asOf())).nodes(blocked, named);
        checkIns.forEach(checkIn -> sentence.data(checkInLink(checkIn)));
        return sentence;
      }, MAX_ITEMS));
    }
  }

  // Units, trend, objectives and carry-over of the portfolio briefs

  /** A line of the Units section, with the change of the unit's score that orders it, null when it has none. */
  private record UnitLine(BriefInputs.Unit unit, JsonObject sentence, BigDecimal change) {
  }

  /**
   * Writes the Units section of a portfolio brief. The brief unit's own line comes first. Then
   * come the lines of every direct sub-unit and of the deeper units with the largest changes, as
   * far as the section has room, from the largest rise to the largest fall. Deeper units beyond
   * the room are counted and named in one sentence.
   * So the section exceeds {@link #MAX_ITEMS} sentences only when the brief unit's own line and
   * its direct sub-units take that many already.
   */
  private List<JsonObject> unitLines() {
    List<UnitLine> own = new ArrayList<>();
    List<UnitLine> direct = new ArrayList<>();
    List<UnitLine> deeper = new ArrayList<>();
    for (BriefInputs.Unit unit : in.units()) {
      UnitLine line = unitLine(unit);
      if (line != null) {
        (unit.depth() == 0 ? own : unit.depth() == 1 ? direct : deeper).add(line);
      }
    }
    // Units without a change (new or empty ones) follow those with one, each kind in tree order.
    // The deeper units with the largest changes, up or down, get the room left.
    Comparator<UnitLine> largestChangeFirst = Comparator.comparing((UnitLine line) -> line.change() == null)
        .thenComparing(line -> line.change() == null ? BigDecimal.ZERO : line.change().abs(), Comparator.reverseOrder());
    Comparator<UnitLine> largestRiseFirst = Comparator.comparing((UnitLine line) -> line.change() == null)
        .thenComparing(line -> line.change() == null ? BigDecimal.ZERO : line.change(), Comparator.reverseOrder());
    deeper.sort(largestChangeFirst);

    List<JsonObject> out = new ArrayList<>();
    own.forEach(line -> out.add(line.sentence()));
    int room = Math.max(0, MAX_ITEMS - own.size() - direct.size());
    // One sentence names the deeper units left out, so one line less of them fits.
    int shown = deeper.size() <= room ? deeper.size() : Math.max(0, room - 1);
    // The shown lines of both levels read as one list, from the largest rise to the largest fall.
    List<UnitLine> listed = new ArrayList<>(direct);
    listed.addAll(deeper.subList(0, shown));
    listed.sort(largestRiseFirst);
    listed.forEach(line -> out.add(line.sentence()));
    if (shown == deeper.size()) {
      return out;
    }
    List<JsonObject> left = deeper.subList(shown, deeper.size()).stream().map(line -> Sentence.Builder.unitLink(line.unit())).toList();
    out.add(naming(named -> counted("moreUnits", left.size()).number(numbers.more(left, in.asOf())).labels(left, named), left.size()));
    return out;
  }

  /**
   * Writes a unit's line: the score of its own objectives, as its tile shows, the change since the
   * period's start and its objectives on track. Returns null for the brief's unit without objectives.
   */
  private UnitLine unitLine(BriefInputs.Unit unit) {
    List<String> ids = List.of(unit.id());
    List<JsonObject> now = objectivesOf(ids);
    if (now.isEmpty()) {
      return unit.depth() > 0 ? new UnitLine(unit, sentence("unit.empty").unit(unit).cycle(in.cycle(), unit).build(), null) : null;
    }
    // The change compares the objectives the unit had at the period's start with the same
    // objectives now. A unit without objectives then has no score to compare with.
    List<JsonObject> before = thenOf(now);
    List<JsonObject> kept = existedThen(now);
    String form = before.isEmpty() ? "unit.lineNew" : kept.size() < now.size() ? "unit.lineKept" : "unit.line";
    Sentence.Builder sentence = sentence(BriefWording.shareKey(form, withStatus(now, "on_track").size(), now.size()))
        .unit(unit).number(numbers.score(now, ids, in.asOf()));
    BigDecimal change = null;
    if (before.isEmpty()) {
      sentence.words(words.template("then." + in.kind().wire()));
    } else {
      if (kept.size() < now.size()) {
        sentence.number(numbers.keptScore(kept, ids, in.asOf(), in.periodStart())).words(words.template("then." + in.kind().wire()));
      }
      sentence.number(numbers.keptScoreChange(before, in.periodStart(), kept, in.asOf(), ids))
          .words(words.template("since." + in.kind().wire()));
      change = BriefWording.shownChange(BriefNumbers.meanProgress(before), BriefNumbers.meanProgress(kept));
    }
    return new UnitLine(unit, share(sentence, now, "").build(), change);
  }

  private List<JsonObject> trend() {
    List<JsonObject> out = new ArrayList<>();
    List<JsonObject> objectives = in.objectives();
    List<String> unitIds = unitIds();
    List<JsonObject> atStart = thenOf(objectives);
    if (!atStart.isEmpty()) {
      // With objectives added since, the start's score covers fewer objectives than the score now, so the sentence names them.
      String start = atStart.size() < objectives.size() ? "trend.startKept" : "trend.start";
      out.add(sentence(start).number(numbers.score(atStart, unitIds, in.periodStart())).cycle(in.cycle(), in.unit()).build());
    }
    List<Instant> checkpoints = in.past().keySet().stream().filter(at -> at.isAfter(in.periodStart())).sorted().toList();
    // The start, the latest months and now fit one section; a year's earlier months are left out.
    int firstMonth = checkpoints.size() - (MAX_ITEMS - 2);
    int month = 0;
    for (Instant at : checkpoints) {
      month++;
      List<JsonObject> then = nodesAt(at, objectives);
      if (!then.isEmpty() && month <= 11 && month > firstMonth) {
        out.add(sentence("trend.month").words(words.template("month." + month))
            .number(numbers.score(then, unitIds, at)).cycle(in.cycle(), in.unit()).build());
      }
    }
    out.add(sentence(unitIds.size() > 1 ? "trend.nowTree" : "trend.now").number(numbers.score(objectives, unitIds, in.asOf()))
        .number(numbers.expected(objectives.get(0), in.asOf())).unit(in.unit()).build());
    return out;
  }

  /**
   * Writes the Objectives section: a line per objective with values, most progress first. When
   * they do not all fit in {@link #MAX_ITEMS} sentences, the section shows those with the most and
   * the least progress and one sentence that counts and names the others. Objectives without
   * values yet, which have no progress to rank, get one sentence that names them and explains
   * why they are not listed.
   */
  private List<JsonObject> objectiveLines() {
    List<JsonObject> out = new ArrayList<>();
    List<JsonObject> pending = withStatus(in.objectives(), "pending");
    List<JsonObject> sorted = new ArrayList<>(in.objectives().stream().filter(o -> !"pending".equals(o.getString("status"))).toList());
    sorted.sort(Comparator.comparing(BriefNumbers::progressOf).reversed().thenComparing(BriefComposer::title));
    int room = MAX_ITEMS - (pending.isEmpty() ? 0 : 1);
    List<JsonObject> shown = sorted;
    List<JsonObject> between = List.of();
    if (sorted.size() > room) {
      // One sentence counts the objectives between the most and the least advanced.
      int lines = room - 1;
      int top = (lines + 1) / 2;
      int bottom = lines - top;
      shown = new ArrayList<>(sorted.subList(0, top));
      shown.addAll(sorted.subList(sorted.size() - bottom, sorted.size()));
      between = sorted.subList(top, sorted.size() - bottom);
    }
    for (JsonObject objective : shown) {
      BriefInputs.Unit unit = unitOf(objective);
      out.add(sentence("objective.line").node(objective).unit(unit)
          .number(numbers.progress(objective, in.asOf())).words(words.status(objective.getString("status"))).build());
    }
    List<JsonObject> left = between;
    if (!left.isEmpty()) {
      out.add(naming(named -> counted("objectives.more", left.size()).number(numbers.more(links(left), in.asOf()))
          .nodes(left, named)));
    }
    if (!pending.isEmpty()) {
      out.add(naming(named -> counted("objectives.pending", pending.size())
          .number(numbers.count("objectives.pending", pending, in.asOf())).nodes(pending, named)));
    }
    return out;
  }

  private List<JsonObject> carryOver() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject objective : carried()) {
      out.add(sentence("carry.item").node(objective).number(numbers.progress(objective, in.asOf()))
          .words(words.status(objective.getString("status"))).build());
    }
    if (out.isEmpty()) {
      out.add(sentence("carry.none").unit(in.unit()).build());
    }
    return out;
  }

  private List<JsonObject> carried() {
    List<JsonObject> carried = new ArrayList<>();
    for (JsonObject objective : behindFirst(in.objectives())) {
      if (!"on_track".equals(objective.getString("status")) && !"closed".equals(objective.getString("status"))) {
        carried.add(objective);
      }
    }
    return carried;
  }

  // Selections

  private List<String> unitIds() {
    return in.units().stream().map(BriefInputs.Unit::id).toList();
  }

  private List<BriefInputs.Unit> unitsWithObjectives() {
    return in.units().stream().filter(u -> !objectivesOf(List.of(u.id())).isEmpty()).toList();
  }

  /** Returns the units whose score is more than ten points behind the expected progress, furthest behind first. */
  private List<BriefInputs.Unit> unitsBehind() {
    List<BriefInputs.Unit> behind = new ArrayList<>();
    for (BriefInputs.Unit unit : unitsWithObjectives()) {
      if (BriefNumbers.scoreGapOf(objectivesOf(List.of(unit.id()))).compareTo(new BigDecimal("0.10")) > 0) {
        behind.add(unit);
      }
    }
    behind.sort(Comparator.comparing((BriefInputs.Unit unit) -> BriefNumbers.scoreGapOf(objectivesOf(List.of(unit.id()))))
        .reversed().thenComparing(BriefInputs.Unit::name));
    return behind.subList(0, Math.min(3, behind.size()));
  }

  private List<JsonObject> objectivesOf(List<String> unitIds) {
    return in.objectives().stream().filter(o -> unitIds.contains(o.getString("unitId"))).toList();
  }

  private List<JsonObject> keyResultsOf(List<String> unitIds) {
    return in.keyResults().stream().filter(k -> unitIds.contains(k.getString("unitId"))).toList();
  }

  private BriefInputs.Unit unitOf(JsonObject node) {
    return in.units().stream().filter(u -> u.id().equals(node.getString("unitId"))).findFirst().orElse(in.unit());
  }

  /** Returns those of the nodes, as they are now, that existed at the period's start. */
  private List<JsonObject> existedThen(List<JsonObject> nodes) {
    return nodes.stream().filter(node -> then.containsKey(node.getString("id"))).toList();
  }

  /** Returns the states at the period's start of those nodes that existed then. */
  private List<JsonObject> thenOf(List<JsonObject> nodes) {
    return nodesAt(in.periodStart(), nodes);
  }

  private List<JsonObject> nodesAt(Instant at, List<JsonObject> nodes) {
    Map<String, JsonObject> states = in.past().getOrDefault(at, Map.of());
    List<JsonObject> found = new ArrayList<>();
    for (JsonObject node : nodes) {
      JsonObject state = states.get(node.getString("id"));
      if (state != null) {
        found.add(state);
      }
    }
    return found;
  }

  /**
   * Returns false for a key result whose current value is older than the period: it received no
   * value in the period, so it did not move, even when its status changed with the time passed.
   */
  private boolean valueInPeriod(JsonObject node) {
    if (!"key_result".equals(node.getString("kind"))) {
      return true;
    }
    String updated = node.getString("updatedAt");
    return updated != null && Instant.parse(updated).isAfter(in.periodStart());
  }

  /** Returns a node's change of progress over the period as the brief shows it, 0 for a node new in the period. */
  private BigDecimal change(JsonObject node) {
    JsonObject before = then.get(node.getString("id"));
    return before == null ? BigDecimal.ZERO : BriefWording.shownChange(BriefNumbers.progressOf(before), BriefNumbers.progressOf(node));
  }

  private List<JsonObject> behindFirst(List<JsonObject> nodes) {
    List<JsonObject> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing((JsonObject node) -> rank(node.getString("status"))).reversed()
        .thenComparing(Comparator.comparing(BriefNumbers::gapOf).reversed()).thenComparing(BriefComposer::title));
    return sorted;
  }

  private List<JsonObject> lowConfidence(List<JsonObject> nodes) {
    List<JsonObject> found = new ArrayList<>();
    for (JsonObject node : nodes) {
      Integer confidence = node.getInteger("confidence");
      if (confidence != null && confidence <= LOW_CONFIDENCE && "key_result".equals(node.getString("kind"))) {
        found.add(node);
      }
    }
    found.sort(Comparator.comparing((JsonObject node) -> node.getInteger("confidence")).thenComparing(BriefComposer::title));
    return found;
  }

  private List<JsonObject> stale(List<JsonObject> nodes) {
    List<JsonObject> found = new ArrayList<>();
    for (JsonObject node : nodes) {
      // A key result that reached its target needs no more values, so its silence is no risk.
      if (Boolean.TRUE.equals(node.getBoolean("stale")) && node.getString("updatedAt") != null
          && "key_result".equals(node.getString("kind")) && BriefNumbers.progressOf(node).compareTo(BigDecimal.ONE) < 0) {
        found.add(node);
      }
    }
    found.sort(Comparator.comparing((JsonObject node) -> node.getString("updatedAt")).thenComparing(BriefComposer::title));
    return found;
  }

  private List<JsonObject> withoutValue(List<JsonObject> nodes) {
    List<JsonObject> found = new ArrayList<>();
    for (JsonObject node : nodes) {
      if ("pending".equals(node.getString("status")) && "key_result".equals(node.getString("kind"))) {
        found.add(node);
      }
    }
    return found;
  }

  private List<JsonObject> checkedIn(List<JsonObject> keyResults) {
    Set<String> ids = new HashSet<>();
    in.checkIns().forEach(c -> ids.add(c.keyResultId()));
    return keyResults.stream().filter(k -> ids.contains(k.getString("id"))).toList();
  }

  private static List<JsonObject> withStatus(List<JsonObject> nodes, String status) {
    return nodes.stream().filter(n -> status.equals(n.getString("status"))).toList();
  }

  private static String title(JsonObject node) {
    String title = node.getString("title");
    return title == null ? "" : title;
  }

  /** Returns the person to ask about a node: its owner, or its objective's owner for a key result. */
  private String owner(JsonObject node) {
    String owner = node.getString("ownerName");
    if ((owner == null || owner.isBlank()) && node.getString("parentId") != null) {
      JsonObject parent = byId.get(node.getString("parentId"));
      owner = parent == null ? null : parent.getString("ownerName");
    }
    return owner == null || owner.isBlank() ? null : owner;
  }

  /**
   * Returns the risk rank of a signal sentence: open signals (2), after the nodes off track and
   * before those at risk, then acknowledged or snoozed ones (4).
   */
  private static int signalRank(String state) {
    return "open".equals(state) ? 2 : 4;
  }

  /** Orders statuses from best to worst. */
  private static int rank(String status) {
    return switch (status == null ? "" : status) {
      case "on_track", "closed" -> 0;
      case "pending" -> 1;
      case "at_risk" -> 2;
      case "off_track" -> 3;
      default -> 1;
    };
  }

  /** Returns the status progress alone would give a node: the gap rules without the confidence. */
  private static String statusFromGap(JsonObject node) {
    BigDecimal gap = BriefNumbers.gapOf(node).negate();
    if (gap.compareTo(new BigDecimal("-0.10")) >= 0) {
      return "on_track";
    }
    return gap.compareTo(new BigDecimal("-0.25")) >= 0 ? "at_risk" : "off_track";
  }

  /**
   * Links a node's values in the period to the History section of its page, with the period in the
   * query: a key result page charts every value, and the other pages compare the node and its key
   * results at {@code from} and at {@code to}.
   */
  private JsonObject valuesLink(JsonObject node) {
    String from = in.periodStart().toString();
    String to = in.asOf().toString();
    String page = Sentence.Builder.nodePath(node.getString("kind"), node.getString("id"));
    return new JsonObject().put("type", "values").put("nodeId", node.getString("id")).put("from", from).put("to", to)
        .put("path", page + "?from=" + from + "&to=" + to + "#history");
  }

  /** Links a check-in to its row on its key result's page, which lists every check-in. */
  private static JsonObject checkInLink(BriefInputs.CheckIn checkIn) {
    return new JsonObject().put("type", "checkIn").put("id", checkIn.id()).put("keyResultId", checkIn.keyResultId())
        .put("observedAt", checkIn.observedAt().toString())
        .put("path", "/key-results/" + checkIn.keyResultId() + "#check-in-" + checkIn.id());
  }

  /** Links a signal to its entry on the board of the unit it concerns. */
  private static JsonObject signalLink(BriefInputs.Signal signal, String unitId) {
    return new JsonObject().put("type", "signal").put("id", signal.id()).put("kind", signal.kind())
        .put("severity", signal.severity()).put("unitId", unitId).put("path", "/units/" + unitId + "#signal-" + signal.id());
  }
}
