package io.momentum.server.assist.briefs;

import io.momentum.streams.engine.UnitsOfMeasure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One sentence of a brief as JSON: {@code text}, {@code parts} (the text split into plain runs,
 * linked labels with the index of their link, and quotes of what people wrote), {@code links}
 * (nodes, units and cycles by id with kind and label, and data references such as a check-in, a
 * value time range or a signal) and {@code numbers} (each number shown, in text order, with the
 * engine value and the node, time and measure it comes from).
 *
 * <p>Plain runs (neither quotes, nor the units after numbers, nor the top of a scale such as the
 * "/10" after a confidence) contain no digits except those of the numbers, so a reader (or a test) can parse
 * every number out of the plain runs and check it against {@code numbers}.
 */
final class Sentence {

  /** Field of a built clause that ends in a relative clause, read by {@link Builder#clauses}. */
  private static final String RELATIVE = "relative";

  private Sentence() {
  }

  /**
   * A number to show: its text, the JSON that records where the engine value comes from, and the
   * unit a person gave the key result (null for percentages, points and counts). {@code scale} is
   * the top of the fixed scale the number is measured on, 10 for a confidence shown as "3/10", or null.
   */
  record Number(String text, JsonObject fact, String unit, Integer scale) {

    Number(String text, JsonObject fact) {
      this(text, fact, null, null);
    }

    Number(String text, JsonObject fact, String unit) {
      this(text, fact, unit, null);
    }
  }

  /** Starts a sentence from the template {@code key} of {@code wording}. */
  static Builder of(BriefWording wording, String key) {
    return new Builder(wording.template(key), wording);
  }

  /** Fills a template's pieces in order and collects links and numbers. */
  static final class Builder {

    private final String template;
    private final BriefWording wording;
    /** The parts of each piece: one part, or several for a list of nodes. */
    private final List<List<JsonObject>> pieces = new ArrayList<>();
    private final JsonArray links = new JsonArray();
    private final JsonArray numbers = new JsonArray();
    /** Returns the number that counts the links a cut list leaves out; null until {@link #countingRest} sets it. */
    private Function<List<JsonObject>, Number> restCount;

    private Builder(String template, BriefWording wording) {
      this.template = template;
      this.wording = wording;
    }

    /**
     * Sets how a list cut short counts what it leaves out ("A, B and 8 more"), so the count is a
     * number of the sentence with the engine facts behind it.
     */
    Builder countingRest(Function<List<JsonObject>, Number> count) {
      this.restCount = count;
      return this;
    }

    /** Adds a goal node piece: its title, linked to the node. */
    Builder node(JsonObject node) {
      return link(node.getString("title"), nodeLink(node));
    }

    /**
     * Adds one piece that names several nodes, each title linked: "A", "A and B" or "A, B and C".
     * At most {@code max} are named; a list cut short ends with a count of the rest ("A, B and 8
     * more"), and the rest are linked as data of the sentence.
     */
    Builder nodes(List<JsonObject> nodes, int max) {
      return labels(nodes.stream().map(Builder::nodeLink).toList(), max);
    }

    /**
     * Adds one piece that names the nodes in brackets after a count, " (A and B)", as {@link #nodes}
     * does, or an empty piece when there are none, so a count of zero names nothing.
     */
    Builder bracketedNodes(List<JsonObject> nodes, int max) {
      return bracketedLabels(nodes.stream().map(Builder::nodeLink).toList(), max);
    }

    /** Adds one piece that names linked things in brackets after a count, as {@link #bracketedNodes} does. */
    Builder bracketedLabels(List<JsonObject> labelled, int max) {
      if (labelled.isEmpty()) {
        pieces.add(List.of());
        return this;
      }
      labels(labelled, max);
      List<JsonObject> parts = new ArrayList<>(pieces.remove(pieces.size() - 1));
      parts.add(0, new JsonObject().put("text", " ("));
      parts.add(new JsonObject().put("text", ")"));
      pieces.add(parts);
      return this;
    }

    /**
     * Adds one piece that names several linked things by their links' labels, as {@link #nodes}
     * does: at most {@code max}, and a list cut short ends with a count of the rest.
     */
    Builder labels(List<JsonObject> labelled, int max) {
      List<JsonObject> parts = new ArrayList<>();
      int shown = Math.min(max, labelled.size());
      boolean cut = labelled.size() > shown;
      for (int i = 0; i < shown; i++) {
        if (i > 0) {
          boolean last = i == shown - 1 && !cut;
          parts.add(new JsonObject().put("text", last ? wording.template("list.and") : ", "));
        }
        JsonObject link = labelled.get(i);
        parts.add(new JsonObject().put("text", link.getString("label")).put("link", links.size()));
        links.add(link.copy());
      }
      if (cut) {
        if (restCount == null) {
          throw new IllegalStateException("A list cut short needs countingRest: " + template);
        }
        List<JsonObject> rest = labelled.subList(shown, labelled.size());
        Number count = restCount.apply(rest);
        parts.add(new JsonObject().put("text", wording.template("list.and")));
        parts.add(new JsonObject().put("text", count.text()).put("number", numbers.size()));
        numbers.add(count.fact().copy().put("text", count.text()));
        parts.add(new JsonObject().put("text", wording.template("list.more")));
        rest.forEach(link -> links.add(link.copy()));
      }
      pieces.add(parts);
      return this;
    }

    /**
     * Adds one piece that joins clauses, each a built sentence whose parts, links and numbers it
     * takes over, with the wording's "and" before the last, after a comma as between independent clauses.
     */
    Builder clauses(List<JsonObject> clauses) {
      return clauses(clauses, false);
    }

    /**
     * Adds one piece that joins clauses as {@link #clauses(List)} does. {@code independent}
     * clauses, each with a subject and verb of its own, take the wording's "and" between main
     * clauses (with a comma in German too), and three or more of them are joined by semicolons, so
     * that they do not run into each other after commas.
     */
    Builder clauses(List<JsonObject> clauses, boolean independent) {
      boolean semicolons = independent && clauses.size() > 2;
      String between = semicolons ? wording.template("list.semicolon") : ", ";
      String beforeLastKey = "list.andClauses";
      if (semicolons) {
        beforeLastKey = "list.andSemicolon";
      } else if (independent) {
        beforeLastKey = "list.andIndependent";
      }
      String beforeLast = wording.template(beforeLastKey);
      List<JsonObject> parts = new ArrayList<>();
      for (int i = 0; i < clauses.size(); i++) {
        if (i > 0 && i == clauses.size() - 1 && !semicolons && clauses.get(i - 1).getBoolean(RELATIVE, false)) {
          // German closes a relative clause with a comma, also before "und".
          parts.add(new JsonObject().put("text", wording.template("list.andAfterRelative")));
        } else if (i > 0) {
          parts.add(new JsonObject().put("text", i == clauses.size() - 1 ? beforeLast : between));
        }
        parts.addAll(takeOver(clauses.get(i)));
      }
      pieces.add(parts);
      return this;
    }

    /**
     * Adds one piece that lists built phrases, such as counts, as {@link #labels} lists names: "A",
     * "A and B" or "A, B and C", taking over their parts, links and numbers.
     */
    Builder list(List<JsonObject> phrases) {
      List<JsonObject> parts = new ArrayList<>();
      for (int i = 0; i < phrases.size(); i++) {
        if (i > 0) {
          parts.add(new JsonObject().put("text", i == phrases.size() - 1 ? wording.template("list.and") : ", "));
        }
        parts.addAll(takeOver(phrases.get(i)));
      }
      pieces.add(parts);
      return this;
    }

    /** Adds the links and numbers of a built clause to this sentence and returns its parts, renumbered to match. */
    private List<JsonObject> takeOver(JsonObject clause) {
      int linkOffset = links.size();
      int numberOffset = numbers.size();
      clause.getJsonArray("links").forEach(link -> links.add(((JsonObject) link).copy()));
      clause.getJsonArray("numbers").forEach(number -> numbers.add(((JsonObject) number).copy()));
      List<JsonObject> parts = new ArrayList<>();
      for (Object item : clause.getJsonArray("parts")) {
        JsonObject part = ((JsonObject) item).copy();
        if (part.containsKey("link")) {
          part.put("link", part.getInteger("link") + linkOffset);
        }
        if (part.containsKey("number")) {
          part.put("number", part.getInteger("number") + numberOffset);
        }
        parts.add(part);
      }
      return parts;
    }

    /** Marks a built clause that ends in a relative clause ("A, which is off track"), for {@link #clauses}. */
    static JsonObject endingInRelativeClause(JsonObject clause) {
      return clause.put(RELATIVE, true);
    }

    /** Returns a clause of one linked label, for {@link #clauses}. */
    static JsonObject linkedClause(String label, JsonObject link) {
      return new JsonObject().put("text", label).put("parts", new JsonArray().add(new JsonObject().put("text", label).put("link", 0)))
          .put("links", new JsonArray().add(link)).put("numbers", new JsonArray());
    }

    static JsonObject nodeLink(JsonObject node) {
      String id = node.getString("id");
      String kind = node.getString("kind");
      return new JsonObject().put("type", "node").put("id", id).put("kind", kind).put("label", node.getString("title"))
          .put("unitId", node.getString("unitId")).put("path", nodePath(node));
    }

    /**
     * Returns the web app's page of a node: the key result or KPI page, an objective's card on
     * its unit's board with its cycle chosen, else the node's impact chain.
     */
    static String nodePath(JsonObject node) {
      String id = node.getString("id");
      String unitId = node.getString("unitId");
      if ("objective".equals(node.getString("kind")) && unitId != null) {
        String cycleId = node.getString("cycleId");
        return "/units/" + unitId + (cycleId == null ? "" : "?cycle=" + cycleId) + "#objective-" + id;
      }
      return nodePath(node.getString("kind"), id);
    }

    /** Returns the web app's page of a node by kind: the key result or KPI page, else its impact chain. */
    static String nodePath(String kind, String id) {
      return switch (kind == null ? "" : kind) {
        case "key_result" -> "/key-results/" + id;
        case "kpi" -> "/kpis/" + id;
        default -> "/nodes/" + id + "/impact";
      };
    }

    /** Adds a unit piece: its name, linked to the unit. */
    Builder unit(BriefInputs.Unit unit) {
      return link(unit.name(), unitLink(unit));
    }

    /** Returns the link of a unit to its board. */
    static JsonObject unitLink(BriefInputs.Unit unit) {
      return new JsonObject().put("type", "unit").put("id", unit.id()).put("kind", unit.kind())
          .put("label", unit.name()).put("path", "/units/" + unit.id());
    }

    /** Adds a cycle piece: its name, linked to the board of {@code unit} with the cycle chosen. */
    Builder cycle(BriefInputs.Cycle cycle, BriefInputs.Unit unit) {
      return link(cycle.name(), cycleLink(cycle, unit));
    }

    /**
     * Adds the last day of a cycle, written as {@code day}, linked to the unit's board in that
     * cycle. The day is a link label, so a reader of the sentence's numbers leaves it out.
     */
    Builder cycleEnd(BriefInputs.Cycle cycle, BriefInputs.Unit unit, String day) {
      return link(day, cycleLink(cycle, unit));
    }

    /** Returns the link to a unit's board in a cycle. */
    private static JsonObject cycleLink(BriefInputs.Cycle cycle, BriefInputs.Unit unit) {
      return new JsonObject().put("type", "cycle").put("id", cycle.id()).put("label", cycle.name())
          .put("unitId", unit.id()).put("path", "/units/" + unit.id() + "?cycle=" + cycle.id());
    }

    /** Adds words written by a person (a blocker, a name), shown as written and never parsed for numbers. */
    Builder quote(String text) {
      pieces.add(List.of(new JsonObject().put("text", text).put("quote", true)));
      return this;
    }

    /** Adds words written by a person as the label of a data link, such as a blocker linked to its check-in. */
    Builder quote(String text, JsonObject link) {
      pieces.add(List.of(new JsonObject().put("text", text).put("quote", true).put("link", links.size())));
      links.add(link);
      return this;
    }

    /** Adds a phrase of the brief's own wording as the label of a link, such as "checked in" linked to the check-in page. */
    Builder words(String text, JsonObject link) {
      noDigits(text);
      return link(text, link);
    }

    /** Adds a phrase of the brief's own wording; it must contain no digits. */
    Builder words(String text) {
      noDigits(text);
      pieces.add(List.of(new JsonObject().put("text", text)));
      return this;
    }

    private static void noDigits(String text) {
      if (text.chars().anyMatch(Character::isDigit)) {
        throw new IllegalArgumentException("A brief phrase contains digits outside a number: " + text);
      }
    }

    /**
     * Adds a number piece and records where its value comes from. A number on a fixed scale is
     * followed by the top of the scale ("3/10"), in a run of its own marked {@code scale}. A unit is written around the
     * number as {@link UnitsOfMeasure} places it in the brief's language ("EUR 34.10", "1 day",
     * "34,10 EUR"), in runs of their own marked {@code unit}, because a person wrote the unit and
     * it may contain digits. The fact keeps the unit as written.
     */
    Builder number(Number number) {
      JsonObject part = new JsonObject().put("text", number.text()).put("number", numbers.size());
      JsonObject fact = number.fact().copy().put("text", number.text());
      if (number.scale() != null) {
        // The top of the scale is fixed, not an engine value, so it gets a run of its own marked scale.
        pieces.add(List.of(part, new JsonObject().put("text", "/" + number.scale()).put("scale", true)));
        fact.put("scale", number.scale());
      } else if (number.unit() == null) {
        pieces.add(List.of(part));
      } else {
        UnitsOfMeasure.Placement placement = UnitsOfMeasure.place(number.text(), number.unit(), wording.language());
        List<JsonObject> runs = new ArrayList<>();
        if (!placement.before().isEmpty()) {
          runs.add(new JsonObject().put("text", placement.before()).put("unit", true));
        }
        runs.add(part);
        if (!placement.after().isEmpty()) {
          runs.add(new JsonObject().put("text", placement.after()).put("unit", true));
        }
        pieces.add(runs);
        fact.put("unit", number.unit());
      }
      numbers.add(fact);
      return this;
    }

    /** Adds a data reference (check-in, value range, signal) that the sentence relies on without naming it. */
    Builder data(JsonObject link) {
      links.add(link);
      return this;
    }

    private Builder link(String label, JsonObject link) {
      pieces.add(List.of(new JsonObject().put("text", label).put("link", links.size())));
      links.add(link);
      return this;
    }

    /** Renders the template with the pieces and returns the sentence JSON. */
    JsonObject build() {
      JsonArray parts = new JsonArray();
      StringBuilder text = new StringBuilder();
      StringBuilder plain = new StringBuilder();
      int at = 0;
      while (at < template.length()) {
        char c = template.charAt(at);
        int close = c == '{' ? template.indexOf('}', at) : -1;
        if (close > at) {
          int index = Integer.parseInt(template.substring(at + 1, close));
          if (index >= pieces.size()) {
            throw new IllegalStateException("Template \"" + template + "\" needs piece " + index + " but has " + pieces.size());
          }
          flush(plain, parts);
          for (JsonObject part : pieces.get(index)) {
            parts.add(part.copy());
            text.append(part.getString("text"));
          }
          at = close + 1;
        } else {
          plain.append(c);
          text.append(c);
          at++;
        }
      }
      flush(plain, parts);
      return new JsonObject().put("text", text.toString()).put("parts", parts).put("links", links).put("numbers", numbers);
    }

    private static void flush(StringBuilder plain, JsonArray parts) {
      if (!plain.isEmpty()) {
        parts.add(new JsonObject().put("text", plain.toString()));
        plain.setLength(0);
      }
    }
  }
}
