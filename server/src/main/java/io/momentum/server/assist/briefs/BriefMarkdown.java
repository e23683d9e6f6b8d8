package io.momentum.server.assist.briefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a stored brief as Markdown: a heading, a line with the instant and period, a section
 * per heading and a bullet per sentence, with every linked label a link into the web app.
 */
final class BriefMarkdown {

  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private BriefMarkdown() {
  }

  /**
   * Renders {@code brief} (the JSON of {@code GET /api/v1/assist/briefs/{id}}); links start with
   * {@code baseUrl}, such as {@code https://okr.example.com}.
   */
  static String render(JsonObject brief, String baseUrl) {
    BriefWording words = BriefWording.of(brief.getString("language"));
    StringBuilder out = new StringBuilder();
    out.append("# ").append(escape(brief.getString("title"))).append("\n\n");
    out.append('_').append(words.template("label.asOf")).append(' ').append(when(brief.getString("asOf")))
        .append(", ").append(words.template("label.period." + brief.getString("kind"))).append(' ').append(when(brief.getString("periodStart")))
        .append(", ").append(words.template("label.basis." + brief.getString("basis", "live"))).append("_\n");
    for (Object item : brief.getJsonArray("sections")) {
      JsonObject section = (JsonObject) item;
      out.append("\n## ").append(escape(section.getString("title"))).append("\n\n");
      for (Object sentence : section.getJsonArray("sentences")) {
        out.append("- ").append(sentence((JsonObject) sentence, baseUrl)).append('\n');
      }
    }
    return out.toString();
  }

  private static String sentence(JsonObject sentence, String baseUrl) {
    JsonArray links = sentence.getJsonArray("links");
    StringBuilder out = new StringBuilder();
    for (Object item : sentence.getJsonArray("parts")) {
      JsonObject part = (JsonObject) item;
      String text = escape(part.getString("text"));
      Integer link = part.getInteger("link");
      if (link != null && links.getJsonObject(link).getString("path") != null) {
        out.append('[').append(text).append("](").append(baseUrl).append(links.getJsonObject(link).getString("path")).append(')');
      } else {
        out.append(text);
      }
    }
    return out.toString();
  }

  private static String when(String instant) {
    return instant == null ? "" : INSTANT.format(Instant.parse(instant));
  }

  /** Escapes the characters that Markdown would read as markup. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>#|".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c == '\n' || c == '\r' ? ' ' : c);
    }
    return out.toString();
  }
}
