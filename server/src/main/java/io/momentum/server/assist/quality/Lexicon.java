package io.momentum.server.assist.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * English and German word lists of the quality checker. Every text is read with both languages,
 * so a German key result is understood in an English request and the other way round. English
 * verbs are listed by their base form and matched in their inflected forms; German verbs are
 * listed with the forms people write in key results (infinitive, imperative, participle, noun).
 * German compounds are matched by the parts listed in {@link #LAGGING_PARTS_DE} and
 * {@link #LEADING_PARTS_DE}, so "Kundenzufriedenheit" counts as satisfaction.
 */
final class Lexicon {

  private Lexicon() {
  }

  /**
   * Every German verb form of the lists below, filled while they are built and declared before
   * them, so a German infinitive can be told from an English word that looks alike.
   */
  private static final Set<String> GERMAN_VERB_FORMS = new HashSet<>();

  /** Irregular English forms, declared first because the word lists below use them. */
  private static final java.util.Map<String, List<String>> IRREGULAR = java.util.Map.of(
      "build", List.of("built"), "run", List.of("ran"), "hold", List.of("held"), "write", List.of("wrote", "written"),
      "make", List.of("made"), "get", List.of("got"), "win", List.of("won"), "keep", List.of("kept"),
      "grow", List.of("grew", "grown"), "rebuild", List.of("rebuilt"));

  /** Verbs that name an activity or a deliverable rather than a change in an outcome. */
  static final Set<String> OUTPUT_VERBS = union(english("launch", "implement", "build", "create", "develop", "deliver",
          "ship", "release", "introduce", "roll", "deploy", "migrate", "conduct", "organise", "organize", "write",
          "publish", "complete", "finish", "finalise", "finalize", "set", "redesign", "design", "install", "host",
          "send", "produce", "hire", "recruit", "draft", "document", "define", "establish", "integrate", "refactor",
          "upgrade", "replace", "rewrite", "translate", "prepare", "plan", "run", "hold", "train", "onboard",
          "automate", "rebuild", "rollout", "kick", "start", "add", "make", "attend", "perform", "execute", "offer",
          "provide", "open", "assign", "appoint"),
      german("rollout", "roll-out", "go-live", "einführen", "führe", "führen", "eingeführt", "einführung", "implementieren",
          "implementiere", "implementiert", "implementierung", "bauen", "baue", "gebaut", "entwickeln", "entwickle",
          "entwickelt", "erstellen", "erstelle", "erstellt", "erstellung", "liefern", "liefere", "geliefert",
          "auslieferung", "veröffentlichen", "veröffentliche", "veröffentlicht", "veröffentlichung", "starten", "starte",
          "launchen", "launche", "durchführen", "durchgeführt", "durchführung", "organisieren", "organisiere",
          "umsetzen", "umgesetzt", "umsetzung", "aufsetzen", "aufgesetzt", "aufbauen", "baue", "aufgebaut",
          "aufbau", "migrieren", "migriere", "migriert", "migration", "abgeschlossen",
          "abschluss", "schreiben", "schreibe", "geschrieben", "ausrollen", "ausgerollt", "einrichten", "richte",
          "eingerichtet", "einrichtung", "installieren", "installiere", "gestalten", "neugestalten", "neugestaltung",
          "konzipieren", "definieren", "definiere", "erarbeiten", "erarbeite", "rekrutieren", "rekrutiere",
          "schulen", "geschult", "abhalten", "veranstalten", "fertigstellen", "fertigstellung",
          "bereitstellen", "bereitstellung", "automatisieren", "automatisiere", "integrieren",
          "integriere", "überarbeiten", "überarbeite", "übersetzen", "dokumentieren", "planen", "plane",
          "vorbereiten", "ersetzen", "ersetze", "einstellen", "durchführen", "führe", "erstellen"));

  /**
   * Openings that name an activity instead of a result ("Work on checkout", "Fokus auf die App"),
   * as lower-case words. The checker reads them only in key results without a target.
   */
  static final List<List<String>> ACTIVITY_OPENINGS = List.of(List.of("work", "on"), List.of("working", "on"),
      List.of("work", "towards"), List.of("focus", "on"), List.of("focusing", "on"), List.of("concentrate", "on"),
      List.of("carry", "on"), List.of("arbeiten", "an"),
      List.of("arbeiten", "am"), List.of("arbeit", "an"), List.of("arbeit", "am"), List.of("weiter", "an"),
      List.of("weiter", "am"), List.of("weiterarbeiten", "an"), List.of("fokus", "auf"), List.of("konzentration", "auf"),
      List.of("weitermachen", "mit"));

  /**
   * German verbs that name an activity when they end a key result ("Am Checkout arbeiten"). Verbs
   * that continue something ("fortsetzen") are {@link #KEEP_VERBS}: business as usual.
   */
  static final Set<String> ACTIVITY_FINAL_VERBS = words("arbeiten", "weiterarbeiten", "konzentrieren", "fokussieren",
      "weitermachen", "kümmern");

  /** Noun forms of output verbs that open a key result ("Einführung des neuen CRM"). */
  static final Set<String> OUTPUT_NOUNS = words("launch", "rollout", "roll-out", "go-live", "release", "migration",
      "implementation", "introduction", "delivery", "einführung", "implementierung", "entwicklung", "erstellung",
      "aufbau", "umsetzung", "durchführung", "veröffentlichung", "fertigstellung", "bereitstellung", "einrichtung",
      "neugestaltung", "auslieferung", "abschluss");

  /** Words and phrases that describe a state reached once (done or not done). */
  static final List<String> COMPLETION_PHRASES = List.of("go live", "goes live", "go-live", "is live", "be live",
      "are live", "go online", "live gehen", "live schalten", "online gehen", "geht live", "ist live", "sind live", "certified", "certification", "certificate",
      "zertifiziert", "zertifizierung", "zertifikat", "signed", "sign-off", "signed off", "approved", "approval",
      "passed", "pass the", "compliant", "in place", "operational", "available", "ready", "unterzeichnet", "bestanden",
      "freigegeben", "freigabe", "verfügbar", "in betrieb", "einsatzbereit", "konform", "eingeführt", "umgesetzt",
      "abgeschlossen", "fertiggestellt", "erfolgreich", "completed", "done", "finished", "launched", "delivered");

  /** Verbs that promise a better state without saying how much. */
  static final Set<String> VAGUE_VERBS = union(english("improve", "optimise", "optimize", "support", "enhance",
          "strengthen", "boost", "foster", "streamline", "better", "maximise", "maximize", "minimise", "minimize",
          "drive", "advance", "empower", "enable", "facilitate", "promote", "accelerate", "focus", "elevate",
          "modernise", "modernize", "excel"),
      german("verbessern", "verbessere", "verbessert", "verbesserung", "optimieren", "optimiere", "optimiert",
          "optimierung", "unterstützen", "unterstütze", "unterstützung", "stärken", "stärke", "gestärkt", "stärkung",
          "fördern", "fördere", "förderung", "vorantreiben", "beschleunigen", "beschleunige", "beschleunigung",
          "maximieren", "minimieren", "ermöglichen", "modernisieren", "modernisierung", "voranbringen"));

  /** Verbs that give a direction of change; without a number they are as vague as {@link #VAGUE_VERBS}. */
  static final Set<String> DIRECTION_VERBS = union(english("increase", "decrease", "reduce", "grow", "raise", "lower",
          "cut", "expand", "lift", "shrink", "shorten", "speed", "extend", "widen", "drop", "slash", "double",
          "halve", "triple", "gain"),
      german("erhöhen", "erhöhe", "erhöht", "erhöhung", "steigern", "steigere", "gesteigert", "steigerung", "senken",
          "senke", "gesenkt", "senkung", "reduzieren", "reduziere", "reduziert", "reduzierung", "reduktion",
          "verringern", "verringere", "verringerung", "verkürzen", "verkürze", "verkürzung", "ausbauen", "baue",
          "ausbau", "wachsen", "wachstum", "vergrößern", "halbieren", "verdoppeln", "minimieren"));

  /** Comparatives that promise more or less of something without saying how much. */
  static final Set<String> COMPARATIVES = words("higher", "better", "more", "fewer", "less", "faster", "quicker",
      "stronger", "greater", "höher", "höhere", "höheren", "mehr", "weniger", "schneller", "schnellere", "besser",
      "bessere", "besseren", "stärker", "stärkere", "geringer", "geringere", "niedriger", "niedrigere");

  /** Verbs that neither name an activity nor a direction ("reach 40 %", "achieve certification"). */
  static final Set<String> NEUTRAL_VERBS = union(english("reach", "achieve", "get", "hit", "attain", "win", "sign",
          "close", "convert", "acquire", "obtain", "pass", "become", "have", "ensure", "resolve", "answer", "handle"),
      german("erreichen", "erreiche", "gewinnen", "gewinne", "abschließen", "unterzeichnen", "bestehen", "erzielen",
          "erziele", "sicherstellen", "stelle", "lösen", "löse", "beantworten", "bearbeiten", "gewährleisten"));

  /** Nouns that "support" or "service" qualify when they are not verbs ("support tickets"). */
  static final Set<String> SUPPORT_NOUNS = words("ticket", "tickets", "team", "teams", "case", "cases", "request",
      "requests", "agent", "agents", "cost", "costs", "queue", "backlog", "quality", "staff", "channel", "channels",
      "satisfaction", "hours", "calls", "volume", "contacts", "contact", "level", "desk", "portal", "chat", "emails");

  /** Number words and multipliers that state a target without digits ("double", "zero", "zwei"). */
  static final Set<String> WHOLE_TARGET_WORDS = words("double", "doubled", "doubles", "doubling", "triple",
      "tripled", "halve", "halved", "halving", "verdoppeln", "verdoppelt", "verdreifachen", "halbieren", "halbiert",
      "zero", "null", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
      "hundred", "thousand", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf",
      "zwanzig", "hundert", "tausend", "dozen", "dutzend");

  /** Verbs that keep a level instead of changing it: a KPI restated as a key result. */
  static final Set<String> KEEP_VERBS = union(english("maintain", "keep", "sustain", "remain", "stay", "continue",
          "preserve"),
      german("beibehalten", "aufrechterhalten", "aufrechterhaltung", "beibehaltung", "weiterhin", "bleibt",
          "bleiben", "halten", "halte", "gehalten", "stabil", "konstant", "weiterführen", "fortsetzen", "fortführen"));

  /** Words that, shortly after "hold", make it a level to keep ("hold NPS at 40") rather than an event. */
  static final Set<String> LEVEL_WORDS = words("at", "above", "below", "under", "over", "within", "steady", "stable",
      "bei", "über", "unter", "auf", "stabil", "konstant", "mindestens", "höchstens", "least", "most", "or");

  /** Phrases of business as usual. */
  static final List<String> USUAL_PHRASES = List.of("as usual", "as last year", "as in previous", "same level",
      "same as", "as before", "wie bisher", "wie im vorjahr", "auf vorjahresniveau", "wie gewohnt", "auf dem niveau",
      "auf gleichem niveau", "nicht unter", "not fall below", "not drop below", "no lower than");

  /** Words before a number that make it the starting point ("currently 40 %"). */
  static final Set<String> BASELINE_WORDS = words("currently", "current", "today", "now", "baseline", "vs", "versus",
      "was", "aktuell", "derzeit", "heute", "bisher", "bislang", "ausgangswert", "basis", "ist", "ist-wert",
      "gegenüber", "statt", "instead", "compared", "vorjahr", "last");

  /** Words after which a number is a date, not a target ("by 2027", "bis 2027"). */
  static final Set<String> DATE_WORDS = words("in", "by", "until", "till", "end", "since", "before", "after",
      "during", "bis", "seit", "im", "jahr", "year", "zum", "vor", "nach", "ende", "fy", "gj", "q1", "q2", "q3", "q4",
      "h1", "h2", "of", "für", "for", "kw", "cw", "week", "woche", "sprint", "quarter", "quartal", "jahres",
      "spring", "summer", "autumn", "fall", "winter", "frühjahr", "sommer", "herbst");

  /** Month names in both languages. */
  static final Set<String> MONTHS = words("january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "nov", "dec", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "okt", "dez");

  /** Words after which a number is part of a name ("ISO 27001", "Windows 11"). */
  static final Set<String> NAME_WORDS = words("iso", "din", "en", "soc", "pci", "dss", "windows", "ios", "android",
      "java", "python", "version", "v", "phase", "level", "tier", "stufe", "gen", "generation", "release", "wcag",
      "ipv", "http", "office", "microsoft", "route", "gate", "building", "gebäude", "halle", "raum", "room", "floor",
      "etage", "werk", "plant", "line", "linie", "article", "artikel", "paragraph", "section", "abschnitt", "nr",
      "no", "number", "nummer", "team", "squad", "wave", "welle", "model", "modell", "series", "serie", "s", "p",
      "priority", "priorität", "prio", "sev", "severity", "tls", "oauth", "web", "industrie", "k8s", "pillar", "säule");

  /** Letters that may directly follow a number as its unit ("500k", "10x", "200ms"). */
  static final Set<String> UNIT_SUFFIXES = words("k", "m", "bn", "mn", "x", "h", "d", "s", "ms", "min", "pp", "mio",
      "mrd", "tsd", "t", "kb", "mb", "gb", "tb", "w", "kw", "kg", "km", "l", "eur", "usd", "chf", "std", "sek", "tage");

  /** Parts of German compounds and English stems of lagging measures (results that show late). */
  static final List<String> LAGGING_PARTS_DE = List.of("umsatz", "gewinn", "marge", "ebitda", "kündigung",
      "abwanderung", "zufriedenheit", "marktanteil", "fluktuation", "kosten", "ergebnis", "erlös", "deckungsbeitrag",
      "kundenbindung", "churn", "nps", "csat", "profit", "cashflow", "rendite", "weiterempfehlung", "krankenstand",
      "fehlzeit");
  static final Set<String> LAGGING_EN = words("revenue", "revenues", "arr", "mrr", "profit", "profits",
      "profitability", "margin", "margins", "ebitda", "churn", "retention", "nps", "csat", "satisfaction",
      "turnover", "attrition", "cost", "costs", "income", "earnings", "bookings", "ltv", "renewal",
      "renewals", "cash", "spend", "savings", "ebit", "eps", "roi", "promoter", "enps", "absence", "absenteeism");

  /** English phrases of lagging measures whose single words are ambiguous. */
  static final List<String> LAGGING_PHRASES = List.of("market share", "lifetime value", "net promoter");

  /**
   * Parts of German compounds and English stems of leading measures (predictors that move early).
   * Words of practices that drive a result, such as fixed churn reasons, cost owners and
   * reports, count as leading too, as the example library tags them.
   */
  static final List<String> LEADING_PARTS_DE = List.of("aktivierung", "nutzung", "nutzer", "pipeline", "termin",
      "demo", "leads", "reaktionszeit", "antwortzeit", "durchlaufzeit", "bearbeitungszeit", "teilnahme",
      "registrierung", "anmeldung", "konversion", "conversion", "testphase", "onboarding", "abdeckung", "besuch",
      "gespräch", "interview", "angebot", "adoption", "engagement", "lieferzeit", "zykluszeit", "vorlaufzeit",
      "deployment", "tickets", "erstlösung", "gründe", "ursache", "verantwortlich", "bericht", "kampagne");
  static final Set<String> LEADING_EN = words("activation", "activations", "activated", "adoption", "usage", "active",
      "wau", "dau", "mau", "engagement", "trial", "trials", "demo", "demos", "pipeline", "qualified", "leads",
      "lead", "meetings", "calls", "visits", "response", "onboarding", "signups", "sign-ups", "conversion",
      "coverage", "attendance", "participation", "completion", "backlog", "deployment", "deployments", "frequency",
      "cycle", "sessions", "opportunities", "proposals", "interviews", "resolution", "mttr", "velocity", "throughput",
      "time-to-value", "weekly", "daily", "utilisation", "utilization", "applications", "referrals", "reasons", "causes", "owner", "owners",
      "report", "reports", "campaigns");

  /** Words that carry no meaning of their own in a key result, left out of similarity. */
  static final Set<String> STOP_WORDS = words("the", "a", "an", "of", "to", "for", "in", "on", "at", "by", "with",
      "and", "or", "our", "we", "from", "per", "all", "every", "each", "is", "be", "their", "its", "this", "that",
      "than", "into", "across", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
      "und", "oder", "von", "auf", "zu", "zum", "zur", "für", "mit", "im", "am", "an", "bei", "bis", "pro", "je",
      "unsere", "unser", "unseren", "unserer", "wir", "über", "unter", "um", "as", "it", "are", "will", "new", "neue",
      "neuen", "neues", "neuer", "least", "most", "mindestens", "within", "innerhalb", "than", "als");

  /** Words of objectives that sound good but name no area, customer or result. */
  static final Set<String> GENERIC_OBJECTIVE_WORDS = words("be", "become", "the", "best", "better", "great",
      "good", "excellent", "excellence", "world-class", "world", "class", "improve", "things", "stuff", "everything",
      "all", "more", "success", "successful", "win", "winning", "grow", "growth", "awesome", "amazing", "top", "number",
      "one", "quality", "performance", "results", "our", "we", "do", "make", "it", "happen", "great", "again", "even",
      "further", "next", "level", "a", "an", "of", "to", "and", "us", "sein", "werden", "besser", "beste", "besten",
      "gut", "großartig", "exzellent", "exzellenz", "verbessern", "erfolg", "erfolgreich", "wachsen", "wachstum",
      "alles", "mehr", "spitze", "noch", "die", "der", "das", "und", "wir", "unser", "unsere", "nächste", "nächsten",
      "stufe", "leistung", "qualität", "ergebnisse", "einfach", "weiter", "continue", "keep", "going", "strong",
      "stronger", "stark", "stärker", "machen", "erreichen", "achieve", "deliver", "value", "wert");

  /**
   * Words and word beginnings of slogans that promise quality without naming a change
   * ("excellence", "world-class", "smoothly"). A title with one of them is vague whatever else
   * it names. German entries are beginnings, so "exzellenter" and "Exzellenz" both match.
   */
  static final Set<String> SLOGAN_WORDS = words("excellence", "excellent", "world-class", "awesome", "amazing",
      "smoothly", "smooth", "seamless", "seamlessly", "best-in-class", "next-level", "outstanding", "weltklasse",
      "erstklassig", "reibungslos", "herausragend");
  static final List<String> SLOGAN_BEGINNINGS = List.of("exzellen", "weltklasse", "erstklassig", "reibungslos",
      "herausragend");
  static final List<String> SLOGAN_PHRASES = List.of("next level", "nächste level", "nächsten level", "best in class",
      "extra mile", "nächste stufe", "nächsten stufe");

  /**
   * Verbs that set an objective in motion without saying what should change ("drive", "vorantreiben",
   * "Kundenorientierung leben"), in addition to {@link #VAGUE_VERBS}. On a title naming at most one
   * thing they make it vague. Directions such as "increase" and "senken" do not, because a
   * direction on a named measure ("Profitabilität steigern") names the change.
   */
  static final Set<String> OBJECTIVE_VAGUE_VERBS = union(union(VAGUE_VERBS, english("drive", "deliver", "pursue",
          "embrace", "champion", "take", "push", "shape")),
      words("voranbringen", "vorantreiben", "leben", "vorleben", "gestalten", "anpacken", "angehen", "treiben"));

  /**
   * Buzzwords that name an aspiration but no customer, area or result ("customer-centric",
   * "data-driven", "delight"). German entries are word beginnings, so "kundenorientierter" and
   * "Kundenorientierung" both match. A title made only of these, generic words and
   * {@link #GENERIC_AUDIENCE_WORDS} is vague.
   */
  static final Set<String> BUZZWORDS = union(english("delight", "wow", "inspire", "empower", "transform"),
      words("customer-centric", "customer-centred", "customer-centered", "customer-focused", "customer-obsessed",
          "customer-first", "customer-oriented", "data-driven", "data-informed", "data-led", "insight-driven",
          "innovative", "agile", "lean", "digital", "future-proof", "future-ready", "cutting-edge",
          "state-of-the-art", "game-changing", "disruptive", "visionary", "innovation", "transformation"));
  static final List<String> BUZZWORD_BEGINNINGS_DE = List.of("kundenorientier", "kundenzentrier", "kundenfokus",
      "datengetrieben", "datengesteuert", "innovativ", "agil", "begeister", "zukunftsfähig", "zukunftssicher",
      "digitaler", "digitales", "digitale");

  /**
   * Words for customers or the organisation as a whole ("our customers", "a company"). Beside a
   * buzzword they still name no customer group or area, so they do not make a title specific.
   */
  static final Set<String> GENERIC_AUDIENCE_WORDS = words("customer", "customers", "client", "clients", "user",
      "users", "company", "organisation", "organization", "business", "team", "teams", "people", "culture",
      "mindset", "everyone", "truly", "really", "always", "kunde", "kunden", "kundinnen", "nutzer", "nutzerinnen",
      "unternehmen", "firma", "organisation", "team", "teams", "kultur", "wirklich", "immer", "ein", "eine",
      "einem", "einen", "eines");

  /**
   * Verbs that make an objective name work rather than an outcome when they open it ("Launch the
   * new payment page") or, in German, close it ("Neue Zahlungsseite einführen"). Narrower than
   * {@link #OUTPUT_VERBS}: verbs such as "make", "build", "deliver" or "establish" often open an
   * outcome ("Make renewals predictable"), so they are left out.
   */
  static final Set<String> OBJECTIVE_OUTPUT_VERBS = words("launch", "implement", "ship", "release", "introduce",
      "roll", "deploy", "migrate", "redesign", "install", "rewrite", "refactor", "upgrade", "replace", "publish",
      "complete", "finish", "finalise", "finalize", "rebuild", "integrate", "automate", "hire", "recruit",
      "conduct", "organise", "organize", "write", "draft", "document", "translate", "host", "einführen",
      "implementieren", "launchen", "ausrollen", "migrieren", "veröffentlichen", "umsetzen", "fertigstellen",
      "einrichten", "installieren", "neugestalten", "überarbeiten", "automatisieren", "integrieren",
      "rekrutieren", "durchführen", "organisieren", "veranstalten", "abhalten", "schreiben", "erstellen",
      "übersetzen", "dokumentieren");

  /** Prepositions that open a place, group or part of a measure ("in Sales", "für Neukunden"). */
  static final Set<String> PREPOSITIONS = words("in", "for", "at", "of", "on", "across", "among", "within", "from",
      "with", "im", "für", "bei", "von", "mit", "aus", "innerhalb", "unter", "über");

  /** Words that join two measures in one key result, including guardrails ("… without lowering CSAT below 85 %"). */
  static final Set<String> CONJUNCTIONS = words("and", "und", "&", "sowie", "plus", "while", "whilst", "während",
      "without", "ohne");

  /** Maps verbs of the same direction to one word, so "raise NPS" and "increase NPS" read alike. */
  static String canonical(String stem) {
    if (DIRECTION_UP.contains(stem)) {
      return "↑";
    }
    if (DIRECTION_DOWN.contains(stem)) {
      return "↓";
    }
    return stem;
  }

  private static final Set<String> DIRECTION_UP = words("increas", "rais", "grow", "lift", "boost", "improv",
      "expand", "erhöh", "steiger", "verbesser", "ausbau", "wachs", "gain");
  private static final Set<String> DIRECTION_DOWN = words("reduc", "decreas", "lower", "cut", "shrink", "senk",
      "reduzier", "verringer", "minimis", "minimiz", "drop", "slash", "verkürz", "short", "low");

  /** Returns the base forms with their English inflections (-s, -es, -ed, -d, -ing, doubled consonant). */
  static Set<String> english(String... bases) {
    Set<String> forms = new HashSet<>();
    for (String base : bases) {
      String word = base.toLowerCase(Locale.ROOT);
      forms.add(word);
      forms.add(word + "s");
      forms.add(word + "es");
      forms.add(word + "ed");
      forms.add(word + "d");
      forms.add(word + "ing");
      if (word.endsWith("e")) {
        forms.add(word.substring(0, word.length() - 1) + "ing");
      }
      if (word.endsWith("y")) {
        forms.add(word.substring(0, word.length() - 1) + "ies");
        forms.add(word.substring(0, word.length() - 1) + "ied");
      }
      char last = word.charAt(word.length() - 1);
      if (word.length() <= 4 && "bdgmnprt".indexOf(last) >= 0) {
        forms.add(word + last + "ed");
        forms.add(word + last + "ing");
      }
    }
    for (String base : bases) {
      forms.addAll(IRREGULAR.getOrDefault(base, List.of()));
    }
    return Set.copyOf(forms);
  }

  /** Returns true for a German verb form of the word lists ("steigern", "einführen"). */
  static boolean isGermanVerb(String lower) {
    return GERMAN_VERB_FORMS.contains(lower);
  }

  /** Returns a set of German verb forms and remembers them as German, tolerating repeats in the list. */
  private static Set<String> german(String... forms) {
    Set<String> set = words(forms);
    GERMAN_VERB_FORMS.addAll(set);
    return set;
  }

  /** Returns a set of words, tolerating repeats in the list. */
  static Set<String> words(String... words) {
    return Set.copyOf(java.util.Arrays.asList(words));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    return Set.copyOf(all);
  }
}
