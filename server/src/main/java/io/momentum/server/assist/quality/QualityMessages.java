package io.momentum.server.assist.quality;

import java.util.EnumMap;
import java.util.Map;

/**
 * The "why" and "fix" texts of each rule in English and German. {@code {evidence}} is replaced by
 * the quoted evidence, {@code {min}} and {@code {max}} by the organisation's key result thresholds.
 */
final class QualityMessages {

  private record Text(String whyEn, String fixEn, String whyDe, String fixDe) {
  }

  private static final Map<QualityRule, Text> TEXTS = new EnumMap<>(QualityRule.class);

  static {
    put(QualityRule.NO_TARGET,
        "Without a number nobody can tell at the end of the cycle whether the key result was achieved.",
        "Add the value you want to reach and its unit, such as \"from 32 % to 45 %\" or \"to 1,200 active users\".",
        "Ohne Zahl kann am Ende des Zyklus niemand sagen, ob das Schlüsselergebnis erreicht wurde.",
        "Nennen Sie den Zielwert mit Einheit, etwa „von 32 % auf 45 %“ oder „auf 1.200 aktive Nutzer“.");
    put(QualityRule.NO_BASELINE,
        "The text names {evidence} but no starting value, so progress and ambition cannot be judged.",
        "Name today's value and the value to reach (\"from X to Y\"), or enter today's value as the start value.",
        "Der Text nennt {evidence}, aber keinen Ausgangswert, daher lassen sich Fortschritt und Anspruch nicht beurteilen.",
        "Nennen Sie den heutigen Wert und den Zielwert („von X auf Y“) oder tragen Sie den heutigen Wert als Startwert ein.");
    put(QualityRule.OUTPUT_NOT_OUTCOME,
        "{evidence} describes work to be done, not the change it should cause; the work can be finished while nothing improves.",
        "Describe the effect you expect from it, such as the share of customers who use it or the time it saves, and keep the work as an initiative.",
        "{evidence} beschreibt eine Tätigkeit, nicht die Veränderung, die sie bewirken soll; die Arbeit kann erledigt sein, ohne dass sich etwas verbessert.",
        "Beschreiben Sie die erwartete Wirkung, etwa den Anteil der Kunden, die es nutzen, oder die gesparte Zeit, und führen Sie die Arbeit als Initiative.");
    put(QualityRule.VAGUE_VERB,
        "{evidence} says which way to move but not how far, so any small change would count as success.",
        "Say how much: replace {evidence} with a measure and a target, such as \"raise CSAT from 78 to 85\".",
        "{evidence} nennt eine Richtung, aber kein Maß, sodass jede kleine Veränderung als Erfolg gälte.",
        "Sagen Sie, wie viel: Ersetzen Sie {evidence} durch eine Messgröße mit Zielwert, etwa „CSAT von 78 auf 85 steigern“.");
    put(QualityRule.BINARY_KR,
        "{evidence} can only be done or not done, so the check-ins show no progress until the very end.",
        "Measure the result it should bring instead, such as usage, adoption or time saved, so progress shows week by week.",
        "{evidence} ist nur erledigt oder nicht erledigt, daher zeigen die Check-ins bis zum Schluss keinen Fortschritt.",
        "Messen Sie stattdessen das Ergebnis, das es bringen soll, etwa Nutzung, Verbreitung oder gesparte Zeit, damit Fortschritt Woche für Woche sichtbar wird.");
    put(QualityRule.COMPOUND_KR,
        "This key result joins two measures ({evidence}); when one moves and the other does not, its progress is ambiguous.",
        "Split it into two key results, one per measure.",
        "Dieses Schlüsselergebnis verbindet zwei Messgrößen ({evidence}); bewegt sich nur eine, ist der Fortschritt unklar.",
        "Teilen Sie es in zwei Schlüsselergebnisse auf, eines je Messgröße.");
    put(QualityRule.DUPLICATE_KR,
        "It measures nearly the same as {evidence}, so the objective counts one result twice.",
        "Merge the two key results, or change one so that it measures a different aspect of the objective.",
        "Es misst fast dasselbe wie {evidence}, daher zählt das Ziel ein Ergebnis doppelt.",
        "Führen Sie die beiden Schlüsselergebnisse zusammen oder ändern Sie eines, sodass es einen anderen Aspekt des Ziels misst.");
    put(QualityRule.TOO_FEW_KRS,
        "With fewer than {min} key results, one measure carries the whole objective and can be met without reaching it.",
        "Add key results until the objective has at least {min}, each measuring a different aspect of success.",
        "Mit weniger als {min} Schlüsselergebnissen trägt eine Messgröße das ganze Ziel und kann erfüllt sein, ohne dass das Ziel erreicht ist.",
        "Ergänzen Sie Schlüsselergebnisse, bis das Ziel mindestens {min} hat, jedes für einen anderen Aspekt des Erfolgs.");
    put(QualityRule.TOO_MANY_KRS,
        "More than {max} key results spread the team's attention and make the objective hard to follow.",
        "Keep the {max} key results that best show the objective is reached, and track the rest as KPIs or initiatives.",
        "Mehr als {max} Schlüsselergebnisse verteilen die Aufmerksamkeit des Teams und machen das Ziel schwer verfolgbar.",
        "Behalten Sie die {max} Schlüsselergebnisse, die das Erreichen des Ziels am besten zeigen, und führen Sie die übrigen als KPIs oder Initiativen.");
    put(QualityRule.NO_KEY_RESULTS,
        "An objective without key results has no agreed way to tell whether it was reached.",
        "Add {min} to {max} key results that measure the outcome the objective describes.",
        "Ein Ziel ohne Schlüsselergebnisse hat keinen vereinbarten Maßstab dafür, ob es erreicht wurde.",
        "Ergänzen Sie {min} bis {max} Schlüsselergebnisse, die das im Ziel beschriebene Ergebnis messen.");
    put(QualityRule.VAGUE_OBJECTIVE,
        "The objective {evidence} does not say for whom or in which area things should change, so it cannot guide choices.",
        "Name the customer, area or result and why it matters now, such as \"New customers reach value in their first week\".",
        "Das Ziel {evidence} sagt nicht, für wen oder in welchem Bereich sich etwas ändern soll, und kann so keine Entscheidungen leiten.",
        "Nennen Sie Kunden, Bereich oder Ergebnis und warum es jetzt wichtig ist, etwa „Neukunden erleben in der ersten Woche einen Nutzen“.");
    put(QualityRule.NO_OWNER,
        "Nobody owns the objective, so nobody is expected to drive it or report on it in check-ins.",
        "Choose an owner for the objective; key results without their own owner share it.",
        "Niemand verantwortet das Ziel, daher treibt es niemand voran und berichtet in Check-ins darüber.",
        "Wählen Sie eine verantwortliche Person für das Ziel; Schlüsselergebnisse ohne eigene Verantwortliche teilen sie.");
    put(QualityRule.BUSINESS_AS_USUAL,
        "{evidence} keeps a level the team already holds: that is a KPI to watch, not a change to achieve this cycle.",
        "Track it as a KPI with a threshold, and use the key result for what must change this cycle.",
        "{evidence} hält ein Niveau, das das Team bereits erreicht: Das ist eine zu beobachtende Kennzahl, keine Veränderung für diesen Zyklus.",
        "Führen Sie es als KPI mit Schwellenwert und nutzen Sie das Schlüsselergebnis für das, was sich in diesem Zyklus ändern muss.");
    put(QualityRule.NO_LEADING_INDICATOR,
        "All key results are lagging measures ({evidence}) that move only late in the cycle, so the team learns too late whether its work is working.",
        "Add a leading measure that predicts them and moves within weeks, such as activation, usage, pipeline or response time.",
        "Alle Schlüsselergebnisse sind nachlaufende Messgrößen ({evidence}), die sich erst spät im Zyklus bewegen; das Team erfährt zu spät, ob seine Arbeit wirkt.",
        "Ergänzen Sie eine vorlaufende Messgröße, die sie vorhersagt und sich binnen Wochen bewegt, etwa Aktivierung, Nutzung, Pipeline oder Reaktionszeit.");
    put(QualityRule.NUMBERS_MISMATCH,
        "The text names {evidence} as start, target or change, but the start and target fields hold other values, so progress is measured against numbers the text does not state.",
        "Make the text and the start and target fields name the same values: correct the fields, or change the text to match them.",
        "Der Text nennt {evidence} als Start, Ziel oder Veränderung, aber die Felder für Start und Ziel enthalten andere Werte. Der Fortschritt wird so an Zahlen gemessen, die der Text nicht nennt.",
        "Sorgen Sie dafür, dass Text und die Felder für Start und Ziel dieselben Werte nennen: Korrigieren Sie die Felder oder passen Sie den Text an.");
  }

  private QualityMessages() {
  }

  private static void put(QualityRule rule, String whyEn, String fixEn, String whyDe, String fixDe) {
    TEXTS.put(rule, new Text(whyEn, fixEn, whyDe, fixDe));
  }

  static String why(QualityRule rule, String language, String evidence, QualitySettings settings) {
    Text text = TEXTS.get(rule);
    return fill("de".equals(language) ? text.whyDe() : text.whyEn(), evidence, settings);
  }

  static String fix(QualityRule rule, String language, String evidence, QualitySettings settings) {
    Text text = TEXTS.get(rule);
    return fill("de".equals(language) ? text.fixDe() : text.fixEn(), evidence, settings);
  }

  private static String fill(String template, String evidence, QualitySettings settings) {
    return template.replace("{evidence}", evidence)
        .replace("{min}", Integer.toString(settings.minKeyResults()))
        .replace("{max}", Integer.toString(settings.maxKeyResults()));
  }
}
