package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number formats and templates of the brief languages. */
class BriefWordingTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

  @ParameterizedTest(name = "{0}: {1} -> {2}, {3}")
  @CsvSource(delimiter = '|', value = {
      "en|0.625|62.5 %|+62.5 pp",
      "de|0.625|62,5 %|+62,5 Prozentpunkte",
      "en|-0.07249|-7.2 %|-7.2 pp",
      "en|0.00049|0.0 %|0.0 pp",
      "de|1.3|130,0 %|+130,0 Prozentpunkte"})
  void percentAndPoints(String language, String ratio, String percent, String points) {
    BriefWording wording = BriefWording.of(language);

    assertThat(wording.percent(new BigDecimal(ratio))).isEqualTo(percent);
    assertThat(wording.points(new BigDecimal(ratio))).isEqualTo(points);
  }

  @ParameterizedTest(name = "{0} to {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "0.5667|0.7903|+22.3 pp",
      "0.475|0.4125|-6.2 pp",
      "0.1235|0.124|0.0 pp",
      "0.1234|0.1236|+0.1 pp"})
  void changeIsDifferenceOfRoundedValues(String from, String to, String points) {
    BriefWording wording = BriefWording.of("en");

    assertThat(wording.points(BriefWording.shownChange(new BigDecimal(from), new BigDecimal(to)))).isEqualTo(points);
  }

  @Test
  void decimalDropsTrailingZeros() {
    assertThat(BriefWording.of("en").decimal(new BigDecimal("45.5000"))).isEqualTo("45.5");
    assertThat(BriefWording.of("de").decimal(new BigDecimal("3.25"))).isEqualTo("3,25");
    assertThat(BriefWording.of("en").decimal(new BigDecimal("1E+3"))).isEqualTo("1,000");
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "en|1232|1,232",
      "de|1232|1.232",
      "en|-12345.5|-12,345.5",
      "de|1800.25|1.800,25",
      "en|999|999"})
  void decimalGroupsThousands(String language, String value, String expected) {
    assertThat(BriefWording.of(language).decimal(new BigDecimal(value))).isEqualTo(expected);
  }

  @Test
  void centsAndCountsGroupThousands() {
    assertThat(BriefWording.of("en").decimal(new BigDecimal("1234.5"), "EUR")).isEqualTo("1,234.50");
    assertThat(BriefWording.of("de").decimal(new BigDecimal("1234"), "EUR", 2)).isEqualTo("1.234,00");
    assertThat(BriefWording.of("de").count(1500)).isEqualTo("1.500");
    assertThat(BriefWording.of("en").count(12)).isEqualTo("12");
  }

  @ParameterizedTest(name = "{0} {1} with {2} decimals -> {3}")
  @CsvSource(delimiter = '|', value = {
      "6|%|1|6.0",
      "5.55|%|1|5.55",
      "33|EUR|2|33.00",
      "33.1|EUR|0|33.10",
      "1800|tickets|0|1,800"})
  void decimalKeepsPairDecimals(String value, String unit, int decimals, String expected) {
    assertThat(BriefWording.of("en").decimal(new BigDecimal(value), unit, decimals)).isEqualTo(expected);
  }

  @Test
  void languagesHaveSameKeys() {
    assertThat(BriefTemplates.GERMAN.keySet()).isEqualTo(BriefTemplates.ENGLISH.keySet());
  }

  /** German titles call a brief "Briefing", so no German sentence may call it "Brief", which reads as a letter. */
  @Test
  void germanTemplatesSayBriefing() {
    BriefTemplates.GERMAN.forEach((key, template) -> assertThat(template).as("template %s", key)
        .doesNotContainPattern("\\bBrief(e|s)?\\b"));
  }

  @Test
  void templatesHaveNoDigitsOutsidePieces() {
    for (var templates : java.util.List.of(BriefTemplates.ENGLISH, BriefTemplates.GERMAN)) {
      templates.forEach((key, template) -> assertThat(PLACEHOLDER.matcher(template).replaceAll(""))
          .as("template %s", key).doesNotContainPattern("\\d"));
    }
  }

  /** "Wert" also means a key result's value, so German briefs call the unit score "Gesamtfortschritt". */
  @Test
  void germanScoreIsNoValue() {
    BriefTemplates.GERMAN.forEach((key, template) -> assertThat(template).as("template %s", key)
        .doesNotContainPattern("\\bWert(s|es)?\\b"));
    assertThat(BriefTemplates.GERMAN.get("summary.score")).startsWith("Der Gesamtfortschritt von ");
  }

  @Test
  void templatesUseSamePieces() {
    BriefTemplates.ENGLISH.forEach((key, english) -> assertThat(pieces(BriefTemplates.GERMAN.get(key)))
        .as("pieces of %s", key).isEqualTo(pieces(english)));
  }

  /**
   * Every sentence that starts from a count, in both languages, with counts 0, 1 and 2: the count
   * fills the piece {@code countPiece}, every other piece {@code n} the letter A, B, C, ... of its index.
   */
  @ParameterizedTest(name = "{0} {1} with {3}")
  @CsvSource(delimiter = '|', value = {
      "en|summary.status|0|1|1 of B objectives is on trackC.",
      "en|summary.status|0|2|2 of B objectives are on trackC.",
      "de|summary.status|0|1|1 von B Zielen ist im PlanC.",
      "de|summary.status|0|2|2 von B Zielen sind im PlanC.",
      "en|summary.statusAtRisk|0|1|1 of B objectives is on trackC and D E at riskF.",
      "en|summary.statusAtRisk|0|2|2 of B objectives are on trackC and D E at riskF.",
      "de|summary.statusAtRisk|0|1|1 von B Zielen ist im PlanC und D E gefährdetF.",
      "de|summary.statusAtRisk|0|2|2 von B Zielen sind im PlanC und D E gefährdetF.",
      "en|summary.statusOffTrack|0|1|1 of B objectives is on trackC and D E off trackF.",
      "en|summary.statusOffTrack|0|2|2 of B objectives are on trackC and D E off trackF.",
      "de|summary.statusOffTrack|0|1|1 von B Zielen ist im PlanC und D E nicht im PlanF.",
      "de|summary.statusOffTrack|0|2|2 von B Zielen sind im PlanC und D E nicht im PlanF.",
      "en|summary.statusAtRiskOffTrack|0|1|1 of B objectives is on trackC, D E at riskF and G H off trackI.",
      "en|summary.statusAtRiskOffTrack|0|2|2 of B objectives are on trackC, D E at riskF and G H off trackI.",
      "de|summary.statusAtRiskOffTrack|0|1|1 von B Zielen ist im PlanC, D E gefährdetF und G H nicht im PlanI.",
      "de|summary.statusAtRiskOffTrack|0|2|2 von B Zielen sind im PlanC, D E gefährdetF und G H nicht im PlanI.",
      "en|summary.pending|0|0|0 objectives have no values yet: B.",
      "en|summary.pending|0|1|1 objective has no values yet: B.",
      "en|summary.pending|0|2|2 objectives have no values yet: B.",
      "de|summary.pending|0|0|0 Ziele haben noch keine Messwerte: B.",
      "de|summary.pending|0|1|1 Ziel hat noch keine Messwerte: B.",
      "de|summary.pending|0|2|2 Ziele haben noch keine Messwerte: B.",
      "en|summary.own|2|0|On its own, the score of A is B, as its tile on the boards shows: 0 of its D objectives are on trackE.",
      "en|summary.own|2|1|On its own, the score of A is B, as its tile on the boards shows: 1 of its D objectives is on trackE.",
      "en|summary.own|2|2|On its own, the score of A is B, as its tile on the boards shows: 2 of its D objectives are on trackE.",
      "de|summary.own|2|0|Für sich allein liegt der Gesamtfortschritt von A bei B, wie die Kachel der Einheit auf den Boards zeigt: 0 von D eigenen Zielen sind im PlanE.",
      "de|summary.own|2|1|Für sich allein liegt der Gesamtfortschritt von A bei B, wie die Kachel der Einheit auf den Boards zeigt: 1 von D eigenen Zielen ist im PlanE.",
      "de|summary.own|2|2|Für sich allein liegt der Gesamtfortschritt von A bei B, wie die Kachel der Einheit auf den Boards zeigt: 2 von D eigenen Zielen sind im PlanE.",
      "en|moved.unmoved|0|0|0 key results did not move: B.",
      "en|moved.unmoved|0|1|1 key result did not move: B.",
      "en|moved.unmoved|0|2|2 key results did not move: B.",
      "de|moved.unmoved|0|0|0 Schlüsselergebnisse blieben unverändert: B.",
      "de|moved.unmoved|0|1|1 Schlüsselergebnis blieb unverändert: B.",
      "de|moved.unmoved|0|2|2 Schlüsselergebnisse blieben unverändert: B.",
      "en|risk.stale|1|0|A has had C for 0 days.",
      "en|risk.stale|1|1|A has had C for 1 day.",
      "en|risk.stale|1|2|A has had C for 2 days.",
      "de|risk.stale|1|0|A hat seit 0 Tagen C.",
      "de|risk.stale|1|1|A hat seit 1 Tag C.",
      "de|risk.stale|1|2|A hat seit 2 Tagen C.",
      "en|risk.stale.signals|1|0|A has had C for 0 days; D (E).",
      "en|risk.stale.signals|1|1|A has had C for 1 day; D (E).",
      "en|risk.stale.signals|1|2|A has had C for 2 days; D (E).",
      "de|risk.stale.signals|1|0|A hat seit 0 Tagen C; D (E).",
      "de|risk.stale.signals|1|1|A hat seit 1 Tag C; D (E).",
      "de|risk.stale.signals|1|2|A hat seit 2 Tagen C; D (E).",
      "en|risk.staleCount|0|0|0 key results of B have had no check-in for more than C D.",
      "en|risk.staleCount|0|1|1 key result of B has had no check-in for more than C D.",
      "en|risk.staleCount|0|2|2 key results of B have had no check-in for more than C D.",
      "de|risk.staleCount|0|0|0 Schlüsselergebnisse von B haben seit mehr als C D keinen Check-in.",
      "de|risk.staleCount|0|1|1 Schlüsselergebnis von B hat seit mehr als C D keinen Check-in.",
      "de|risk.staleCount|0|2|2 Schlüsselergebnisse von B haben seit mehr als C D keinen Check-in.",
      "en|tp.blockers|0|0|0 blockers were reported, on B: agree who clears each one.",
      "en|tp.blockers|0|1|1 blocker was reported, on B: agree who clears it.",
      "en|tp.blockers|0|2|2 blockers were reported, on B: agree who clears each one.",
      "de|tp.blockers|0|0|0 Hindernisse wurden gemeldet, bei B: klären, wer welches löst.",
      "de|tp.blockers|0|1|1 Hindernis wurde gemeldet, bei B: klären, wer es löst.",
      "de|tp.blockers|0|2|2 Hindernisse wurden gemeldet, bei B: klären, wer welches löst.",
      "en|tp.blockersMore|0|1|1 more blocker was reported, on B: agree who clears it.",
      "en|tp.blockersMore|0|2|2 more blockers were reported, on B: agree who clears each one.",
      "de|tp.blockersMore|0|1|1 weiteres Hindernis wurde gemeldet, bei B: klären, wer es löst.",
      "de|tp.blockersMore|0|2|2 weitere Hindernisse wurden gemeldet, bei B: klären, wer welches löst.",
      "en|tp.carryOver|0|0|Decide which of the 0 objectives not on track under “B” continue after C.",
      "en|tp.carryOver|0|1|Decide whether B continues next cycle.",
      "en|tp.carryOver|0|2|Decide which of the 2 objectives not on track under “B” continue after C.",
      "de|tp.carryOver|0|0|Entscheiden, welche der 0 Ziele außerhalb des Plans unter „B“ nach C weiterlaufen.",
      "de|tp.carryOver|0|1|Entscheiden, ob B im nächsten Zyklus weiterläuft.",
      "de|tp.carryOver|0|2|Entscheiden, welche der 2 Ziele außerhalb des Plans unter „B“ nach C weiterlaufen.",
      "en|tp.checkIns|0|0|0 of B key results were D C; ask for the rest before the meeting.",
      "en|tp.checkIns|0|1|1 of B key results was D C; ask for the rest before the meeting.",
      "en|tp.checkIns|0|2|2 of B key results were D C; ask for the rest before the meeting.",
      "de|tp.checkIns|0|0|Für 0 von B Schlüsselergebnissen gab es C einen D; die übrigen vor dem Termin einholen.",
      "de|tp.checkIns|0|1|Für 1 von B Schlüsselergebnissen gab es C einen D; die übrigen vor dem Termin einholen.",
      "de|tp.checkIns|0|2|Für 2 von B Schlüsselergebnissen gab es C einen D; die übrigen vor dem Termin einholen.",
      "en|unit.line|4|0|A scores B on its own objectives (C D); 0 of the F are on track.",
      "en|unit.line|4|1|A scores B on its own objectives (C D); 1 of the F is on track.",
      "en|unit.line|4|2|A scores B on its own objectives (C D); 2 of the F are on track.",
      "de|unit.line|4|0|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C D); 0 von F sind im Plan.",
      "de|unit.line|4|1|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C D); 1 von F ist im Plan.",
      "de|unit.line|4|2|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C D); 2 von F sind im Plan.",
      "en|unit.lineKept|6|1|A scores B on its own objectives, and C on those it had D (E F); 1 of the H is on track.",
      "en|unit.lineKept|6|2|A scores B on its own objectives, and C on those it had D (E F); 2 of the H are on track.",
      "de|unit.lineKept|6|1|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B, für die Ziele, die die Einheit D hatte, bei C (E F); 1 von H ist im Plan.",
      "de|unit.lineKept|6|2|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B, für die Ziele, die die Einheit D hatte, bei C (E F); 2 von H sind im Plan.",
      "en|unit.lineNew|3|0|A scores B on its own objectives (it had no objectives C); 0 of the E are on track.",
      "en|unit.lineNew|3|1|A scores B on its own objectives (it had no objectives C); 1 of the E is on track.",
      "en|unit.lineNew|3|2|A scores B on its own objectives (it had no objectives C); 2 of the E are on track.",
      "de|unit.lineNew|3|0|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C hatte die Einheit noch keine Ziele); 0 von E sind im Plan.",
      "de|unit.lineNew|3|1|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C hatte die Einheit noch keine Ziele); 1 von E ist im Plan.",
      "de|unit.lineNew|3|2|Der Gesamtfortschritt der eigenen Ziele von A liegt bei B (C hatte die Einheit noch keine Ziele); 2 von E sind im Plan.",
      "en|summary.fallFromAdded|0|1|No key result lost progress in this period; 1 new key result lowers the score until it moves: B.",
      "en|summary.fallFromAdded|0|2|No key result lost progress in this period; 2 new key results lower the score until they move: B.",
      "de|summary.fallFromAdded|0|1|Kein Schlüsselergebnis hat in diesem Zeitraum an Fortschritt verloren; 1 neues Schlüsselergebnis senkt den Gesamtfortschritt, bis es vorankommt: B.",
      "de|summary.fallFromAdded|0|2|Kein Schlüsselergebnis hat in diesem Zeitraum an Fortschritt verloren; 2 neue Schlüsselergebnisse senken den Gesamtfortschritt, bis sie vorankommen: B.",
      "en|summary.lowerFromAdded|0|1|1 new key result lowers the score until it moves: B.",
      "en|summary.lowerFromAdded|0|2|2 new key results lower the score until they move: B.",
      "de|summary.lowerFromAdded|0|1|1 neues Schlüsselergebnis senkt den Gesamtfortschritt, bis es vorankommt: B.",
      "de|summary.lowerFromAdded|0|2|2 neue Schlüsselergebnisse senken den Gesamtfortschritt, bis sie vorankommen: B.",
      "en|summary.addedObjectives|0|1|1 objective is new in this period, B; with it the score is C instead of D.",
      "en|summary.addedObjectives|0|2|2 objectives are new in this period, B; with them the score is C instead of D.",
      "de|summary.addedObjectives|0|1|1 Ziel ist in diesem Zeitraum hinzugekommen, B; mit ihm liegt der Gesamtfortschritt bei C statt D.",
      "de|summary.addedObjectives|0|2|2 Ziele sind in diesem Zeitraum hinzugekommen, B; mit ihnen liegt der Gesamtfortschritt bei C statt D.",
      "en|rec.unitGapPending|2|1|Ask A how it will close the gap of B between its own objectives and the plan; 1 objective without values yet pulls its score down: D.",
      "en|rec.unitGapPending|2|2|Ask A how it will close the gap of B between its own objectives and the plan; 2 objectives without values yet pull its score down: D.",
      "de|rec.unitGapPending|2|1|A fragen, wie die Einheit den Rückstand ihrer eigenen Ziele auf den Plan aufholen will; er beträgt B, und 1 Ziel noch ohne Messwerte senkt den Gesamtfortschritt: D.",
      "de|rec.unitGapPending|2|2|A fragen, wie die Einheit den Rückstand ihrer eigenen Ziele auf den Plan aufholen will; er beträgt B, und 2 Ziele noch ohne Messwerte senken den Gesamtfortschritt: D.",
      "en|recIn.unitGapMixed.more|3|1|A more units far behind planB, C partly because objectives without values yet lower its score",
      "en|recIn.unitGapMixed|3|1|A units far behind planB, C partly because objectives without values yet lower its score",
      "en|recIn.unitGapMixed.more|3|2|A more units far behind planB, C partly because objectives without values yet lower their scores",
      "en|recIn.unitGapMixed|3|2|A units far behind planB, C partly because objectives without values yet lower their scores",
      "de|recIn.unitGapMixed.more|3|1|A weitere Einheiten weit hinter dem PlanB, C auch, weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "de|recIn.unitGapMixed|3|1|A Einheiten weit hinter dem PlanB, C auch, weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "de|recIn.unitGapMixed.more|3|2|A weitere Einheiten weit hinter dem PlanB, C auch, weil Ziele noch ohne Messwerte deren Gesamtfortschritt senken",
      "de|recIn.unitGapMixed|3|2|A Einheiten weit hinter dem PlanB, C auch, weil Ziele noch ohne Messwerte deren Gesamtfortschritt senken",
      "en|summary.noKeyResults|0|1|1 objective has no key results yet, so it has nothing to measure: B.",
      "en|summary.noKeyResults|0|2|2 objectives have no key results yet, so they have nothing to measure: B.",
      "de|summary.noKeyResults|0|1|1 Ziel hat noch keine Schlüsselergebnisse, an denen sich sein Fortschritt messen ließe: B.",
      "de|summary.noKeyResults|0|2|2 Ziele haben noch keine Schlüsselergebnisse, an denen sich ihr Fortschritt messen ließe: B.",
      "en|movedInFirst.rose|0|1|1 objective rose (B, by C)",
      "de|movedInFirst.rose|0|1|kam 1 Ziel voran (B, um C)",
      "de|movedInFirst.rose|0|4|kamen 4 Ziele voran (am meisten B, um C)",
      "de|movedInFirst.fell|0|1|fiel 1 Ziel zurück (B, um C)",
      "de|movedInFirst.fell|0|2|fielen 2 Ziele zurück (am meisten B, um C)",
      "en|movedInFirst.new|0|2|2 objectives are new (B)",
      "de|movedInFirst.new|0|1|ist 1 Ziel neu (B)",
      "de|movedInFirst.new|0|2|sind 2 Ziele neu (B)",
      "de|movedInFirst.statusChanged|0|1|hat 1 Ziel seinen Status gewechselt (B)",
      "de|movedInFirst.statusChanged|0|2|haben 2 Ziele ihren Status gewechselt (B)",
      "en|movedInFirst.other|0|1|1 objective is new or changed status (B)",
      "de|movedInFirst.other|0|1|ist 1 Ziel neu oder hat seinen Status gewechselt (B)",
      "de|movedInFirst.other|0|2|sind 2 Ziele neu oder haben ihren Status gewechselt (B)",
      "en|recIn.unitGapPending.more|0|1|1 more unit far behind planB, partly because objectives without values yet pull its score down",
      "en|recIn.unitGapPending|0|1|1 unit far behind planB, partly because objectives without values yet pull its score down",
      "en|recIn.unitGapPending.more|0|2|2 more units far behind planB, partly because objectives without values yet pull their scores down",
      "en|recIn.unitGapPending|0|2|2 units far behind planB, partly because objectives without values yet pull their scores down",
      "de|recIn.unitGapPending.more|0|1|1 weitere Einheit weit hinter dem PlanB, auch weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "de|recIn.unitGapPending|0|1|1 Einheit weit hinter dem PlanB, auch weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "de|recIn.unitGapPending.more|0|2|2 weitere Einheiten weit hinter dem PlanB, auch weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "de|recIn.unitGapPending|0|2|2 Einheiten weit hinter dem PlanB, auch weil Ziele noch ohne Messwerte ihren Gesamtfortschritt senken",
      "en|clause.moreSignals|0|1|1 more signal",
      "en|clause.moreSignals|0|3|3 more signals",
      "de|clause.moreSignals|0|1|1 weiteres Signal",
      "de|clause.moreSignals|0|3|3 weitere Signale",
      "en|movedIn.rose|0|1|1 objective rose (B, by C)",
      "en|movedIn.rose|0|4|4 objectives rose (most B, by C)",
      "de|movedIn.rose|0|1|1 Ziel kam voran (B, um C)",
      "de|movedIn.rose|0|4|4 Ziele kamen voran (am meisten B, um C)",
      "en|movedIn.fell|0|1|1 objective fell (B, by C)",
      "en|movedIn.fell|0|2|2 objectives fell (most B, by C)",
      "de|movedIn.fell|0|1|1 Ziel fiel zurück (B, um C)",
      "de|movedIn.fell|0|2|2 Ziele fielen zurück (am meisten B, um C)",
      "en|movedIn.new|0|1|1 more objective is new (B)",
      "en|movedIn.new|0|2|2 more objectives are new (B)",
      "de|movedIn.new|0|1|1 weiteres Ziel ist neu (B)",
      "de|movedIn.new|0|2|2 weitere Ziele sind neu (B)",
      "en|movedIn.statusChanged|0|1|1 more objective changed status (B)",
      "en|movedIn.statusChanged|0|2|2 more objectives changed status (B)",
      "de|movedIn.statusChanged|0|1|1 weiteres Ziel hat seinen Status gewechselt (B)",
      "de|movedIn.statusChanged|0|2|2 weitere Ziele haben ihren Status gewechselt (B)",
      "en|movedIn.other|0|1|1 more objective is new or changed status (B)",
      "en|movedIn.other|0|2|2 more objectives are new or changed status (B)",
      "de|movedIn.other|0|1|1 weiteres Ziel ist neu oder hat seinen Status gewechselt (B)",
      "de|movedIn.other|0|2|2 weitere Ziele sind neu oder haben ihren Status gewechselt (B)",
      "en|recIn.review.more|0|1|1 more objective to reviewB",
      "en|recIn.review|0|1|1 objective to reviewB",
      "en|recIn.review.more|0|2|2 more objectives to reviewB",
      "en|recIn.review|0|2|2 objectives to reviewB",
      "de|recIn.review.more|0|1|1 weiteres Ziel zu prüfenB",
      "de|recIn.review|0|1|1 Ziel zu prüfenB",
      "de|recIn.review.more|0|2|2 weitere Ziele zu prüfenB",
      "de|recIn.review|0|2|2 Ziele zu prüfenB",
      "en|recIn.replan.more|0|1|1 more key result to re-planB",
      "en|recIn.replan|0|1|1 key result to re-planB",
      "en|recIn.replan.more|0|2|2 more key results to re-planB",
      "en|recIn.replan|0|2|2 key results to re-planB",
      "de|recIn.replan.more|0|1|1 weiteres Schlüsselergebnis neu zu planenB",
      "de|recIn.replan|0|1|1 Schlüsselergebnis neu zu planenB",
      "de|recIn.replan.more|0|2|2 weitere Schlüsselergebnisse neu zu planenB",
      "de|recIn.replan|0|2|2 Schlüsselergebnisse neu zu planenB",
      "en|recIn.addKeyResults.more|0|1|1 more objective without key resultsB",
      "en|recIn.addKeyResults|0|1|1 objective without key resultsB",
      "en|recIn.addKeyResults.more|0|2|2 more objectives without key resultsB",
      "en|recIn.addKeyResults|0|2|2 objectives without key resultsB",
      "de|recIn.addKeyResults.more|0|1|1 weiteres Ziel ohne SchlüsselergebnisseB",
      "de|recIn.addKeyResults|0|1|1 Ziel ohne SchlüsselergebnisseB",
      "de|recIn.addKeyResults.more|0|2|2 weitere Ziele ohne SchlüsselergebnisseB",
      "de|recIn.addKeyResults|0|2|2 Ziele ohne SchlüsselergebnisseB",
      "en|recIn.unitGap.more|0|1|1 more unit far behind planB",
      "en|recIn.unitGap|0|1|1 unit far behind planB",
      "en|recIn.unitGap.more|0|2|2 more units far behind planB",
      "en|recIn.unitGap|0|2|2 units far behind planB",
      "de|recIn.unitGap.more|0|1|1 weitere Einheit weit hinter dem PlanB",
      "de|recIn.unitGap|0|1|1 Einheit weit hinter dem PlanB",
      "de|recIn.unitGap.more|0|2|2 weitere Einheiten weit hinter dem PlanB",
      "de|recIn.unitGap|0|2|2 Einheiten weit hinter dem PlanB",
      "en|riskIn.off_track|0|1|1 C off trackB",
      "en|riskIn.at_risk|0|2|2 C at riskB",
      "de|riskIn.signal|0|1|1 C mit ungelösten SignalenB",
      "en|riskIn.staleCountOwn|0|1|1 own key result without a check-in for more than B C",
      "en|riskIn.staleCountOwn|0|2|2 own key results without a check-in for more than B C",
      "de|riskIn.staleCountOwn|0|1|1 eigenes Schlüsselergebnis seit mehr als B C ohne Check-in",
      "de|riskIn.staleCountOwn|0|2|2 eigene Schlüsselergebnisse seit mehr als B C ohne Check-in",
      "en|riskIn.staleCountAll|0|1|1 key result without a check-in for more than B C",
      "en|riskIn.staleCountAll|0|2|2 key results without a check-in for more than B C",
      "de|riskIn.staleCountAll|0|1|1 Schlüsselergebnis seit mehr als B C ohne Check-in",
      "de|riskIn.staleCountAll|0|2|2 Schlüsselergebnisse seit mehr als B C ohne Check-in",
      "en|clause.linked|1|1|A, linked to it, has a signal too",
      "en|clause.linked|1|2|A, linked to it, have signals too",
      "en|clause.linkedCount|0|1|1 linked item has a signal too",
      "en|clause.linkedCount|0|2|2 linked items have signals too",
      "de|clause.linkedCount|0|1|1 verknüpftes Element hat ebenfalls ein Signal",
      "de|clause.linkedCount|0|2|2 verknüpfte Elemente haben ebenfalls Signale",
      "de|clause.linked|1|1|A ist damit verknüpft und hat ebenfalls ein Signal",
      "de|clause.linked|1|2|A sind damit verknüpft und haben ebenfalls Signale",
      "en|more|0|0|0 more C are not detailed here: B.",
      "en|more|0|1|1 more C is not detailed here: B.",
      "en|more|0|2|2 more C are not detailed here: B.",
      "de|more|0|0|0 weitere C werden hier nicht näher ausgeführt: B.",
      "de|more|0|1|1 weiteres C wird hier nicht näher ausgeführt: B.",
      "de|more|0|2|2 weitere C werden hier nicht näher ausgeführt: B.",
      "en|risk.stale.continued|0|1|It has had B for 1 day.",
      "en|risk.stale.continued|0|2|It has had B for 2 days.",
      "de|risk.stale.continued|0|1|Es hat seit 1 Tag B.",
      "de|risk.stale.continued|0|2|Es hat seit 2 Tagen B.",
      "en|objectives.more|0|1|1 more objective, with progress between those listed, is not detailed here: B.",
      "en|objectives.more|0|2|2 more objectives, with progress between those listed, are not detailed here: B.",
      "de|objectives.more|0|1|1 weiteres Ziel, dessen Fortschritt zwischen den aufgeführten liegt, wird hier nicht näher ausgeführt: B.",
      "de|objectives.more|0|2|2 weitere Ziele, deren Fortschritt zwischen den aufgeführten liegt, werden hier nicht näher ausgeführt: B.",
      "en|objectives.pending|0|1|1 objective is not listed because it has no values yet: B.",
      "en|objectives.pending|0|2|2 objectives are not listed because they have no values yet: B.",
      "de|objectives.pending|0|1|1 Ziel ist nicht aufgeführt, weil es noch keine Messwerte hat: B.",
      "de|objectives.pending|0|2|2 Ziele sind nicht aufgeführt, weil sie noch keine Messwerte haben: B.",
      "en|moreIn|0|1|1 more D in B is not detailed here: C.",
      "en|moreIn|0|2|2 more D in B are not detailed here: C.",
      "de|moreIn|0|1|1 weiteres D in B wird hier nicht näher ausgeführt: C.",
      "de|moreIn|0|2|2 weitere D in B werden hier nicht näher ausgeführt: C."})
  void countedSentenceAgreesWithCount(String language, String key, int countPiece, int count, String expected) {
    BriefWording wording = BriefWording.of(language);
    String form = BriefWording.countedKey(key, count);
    Sentence.Builder sentence = Sentence.of(wording, form);
    for (int piece = 0; piece <= highestPiece(wording.template(form), countPiece); piece++) {
      if (piece == countPiece) {
        sentence.number(new Sentence.Number(wording.count(count), new JsonObject()));
      } else {
        sentence.words(String.valueOf((char) ('A' + piece)));
      }
    }

    assertThat(sentence.build().getString("text")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({"1, 1, unit.line.only", "0, 1, unit.line.only", "2, 2, unit.line.both", "3, 3, unit.line.all", "1, 3, unit.line.one",
      "0, 3, unit.line.other"})
  void shareFormNeverCountsOneOfOne(int count, int total, String expected) {
    assertThat(BriefWording.shareKey("unit.line", count, total)).isEqualTo(expected);
  }

  @Test
  void countedSentencesAllTested() {
    java.util.Set<String> counted = new java.util.TreeSet<>();
    BriefTemplates.ENGLISH.keySet().stream().filter(key -> key.endsWith(".one"))
        .forEach(key -> counted.add(key.substring(0, key.lastIndexOf('.'))));

    assertThat(counted).containsExactlyInAnyOrder("summary.status", "summary.statusAtRisk", "summary.statusOffTrack",
        "summary.statusAtRiskOffTrack", "summary.pending", "summary.own", "summary.fallFromAdded",
        "summary.lowerFromAdded", "summary.addedObjectives", "moved.unmoved",
        "risk.stale", "risk.stale.signals", "risk.stale.continued", "risk.staleCount",
        "objectives.more", "objectives.pending", "tp.blockers", "tp.blockersMore", "tp.carryOver", "tp.checkIns", "unit.line", "unit.lineKept", "unit.lineNew", "more", "moreIn", "moreUnits",
        "riskIn.off_track", "riskIn.at_risk", "riskIn.signal", "riskIn.lowConfidence", "riskIn.noValue", "riskIn.stale",
        "riskIn.staleCount", "clause.moreSignals", "movedIn.rose", "movedIn.fell", "movedIn.other", "movedIn.new", "movedIn.statusChanged",
        "recIn.review", "recIn.replan", "recIn.unitGap", "recIn.unitGapPending", "recIn.unitGapMixed", "recIn.addKeyResults", "rec.unitGapPending",
        "recIn.review.more", "recIn.replan.more", "recIn.unitGap.more", "recIn.unitGapPending.more", "recIn.unitGapMixed.more",
        "recIn.addKeyResults.more",
        "riskIn.staleCountOwn", "riskIn.staleCountAll", "clause.linked", "clause.linkedCount", "summary.noKeyResults", "movedInFirst.rose", "movedInFirst.fell",
        "movedInFirst.other", "movedInFirst.new", "movedInFirst.statusChanged",
        "counted.objectives", "counted.keyResults", "counted.kpis", "counted.initiatives", "counted.units", "counted.items",
        "countedOn.objectives", "countedOn.keyResults", "countedOn.kpis", "countedOn.initiatives", "countedOn.units", "countedOn.items");
    for (String key : counted) {
      assertThat(BriefTemplates.ENGLISH).as("forms of %s", key).containsKeys(key + ".one", key + ".other");
    }
  }

  private static int highestPiece(String template, int atLeast) {
    int highest = atLeast;
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      String group = matcher.group();
      highest = Math.max(highest, Integer.parseInt(group.substring(1, group.length() - 1)));
    }
    return highest;
  }

  private static java.util.Set<String> pieces(String template) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    PLACEHOLDER.matcher(template).results().forEach(match -> found.add(match.group()));
    return found;
  }
}
