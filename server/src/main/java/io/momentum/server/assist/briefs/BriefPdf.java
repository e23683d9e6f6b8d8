package io.momentum.server.assist.briefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * Renders a stored brief as an A4 PDF with Apache PDFBox: title, instant and period, then each
 * section with its sentences as bullets, wrapped to the page width. Linked labels are blue and
 * open the node's page in the web app.
 *
 * <p>The text is set in DejaVu Sans (regular and bold, shipped under {@code fonts/dejavu} with
 * its licence), embedded as subsets of the glyphs used, so Latin, Greek and Cyrillic names print as
 * written. A character the font has no glyph for prints as "?".
 */
final class BriefPdf {

  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  /** A currency written before a number: a currency sign or an ISO 4217 code. */
  private static final Pattern CURRENCY = Pattern.compile("\\p{Sc}|[A-Z]{3}");
  private static final float MARGIN = 56;
  private static final float BODY_SIZE = 10.5f;
  private static final float LEADING = 14.5f;
  private static final float BULLET_INDENT = 14;
  private static final float HEADING_SIZE = 12.5f;
  private static final float HEADING_LEADING = 17;
  /** Lines of a section's first item that must fit on the page of the section's heading. */
  private static final int LINES_KEPT_WITH_HEADING = 2;

  private static final String REGULAR_FONT = "/fonts/dejavu/DejaVuSans.ttf";
  private static final String BOLD_FONT = "/fonts/dejavu/DejaVuSans-Bold.ttf";

  private final PDDocument document = new PDDocument();
  private final PDFont regular;
  private final PDFont bold;
  private final String baseUrl;
  private PDPage page;
  private PDPageContentStream content;
  private float y;

  private BriefPdf(String baseUrl) throws IOException {
    this.baseUrl = baseUrl;
    this.regular = font(REGULAR_FONT);
    this.bold = font(BOLD_FONT);
  }

  /** Loads a TrueType font of the resources for embedding as a subset of the glyphs the brief uses. */
  private PDFont font(String resource) throws IOException {
    try (java.io.InputStream in = BriefPdf.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("The font " + resource + " is missing from the server's resources");
      }
      return PDType0Font.load(document, in, true);
    }
  }

  /** Renders {@code brief} (the JSON of {@code GET /api/v1/assist/briefs/{id}}) and returns the PDF bytes. */
  static byte[] render(JsonObject brief, String baseUrl) {
    try {
      return write(new BriefPdf(baseUrl), brief);
    } catch (IOException e) {
      throw new UncheckedIOException("Rendering brief " + brief.getString("id") + " as PDF failed", e);
    }
  }

  private static byte[] write(BriefPdf pdf, JsonObject brief) throws IOException {
    try (PDDocument document = pdf.document) {
      pdf.write(brief);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private void write(JsonObject brief) throws IOException {
    BriefWording words = BriefWording.of(brief.getString("language"));
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(brief.getString("title"));
    info.setCreator("Momentum");
    newPage();
    paragraph(List.of(new Run(brief.getString("title"), bold, null)), 16, 20, 0);
    String meta = words.template("label.asOf") + " " + when(brief.getString("asOf")) + ", "
        + words.template("label.period." + brief.getString("kind")) + " " + when(brief.getString("periodStart")) + ", "
        + words.template("label.basis." + brief.getString("basis", "live"));
    paragraph(List.of(new Run(meta, regular, null)), 9, 12, 0);
    for (Object item : brief.getJsonArray("sections")) {
      JsonObject section = (JsonObject) item;
      y -= 8;
      List<Run> heading = List.of(new Run(section.getString("title"), bold, null));
      JsonArray sentences = section.getJsonArray("sentences");
      // A heading starts a new page unless the first lines of its first item fit below it.
      float firstItem = sentences.isEmpty() ? 0
          : Math.min(LINES_KEPT_WITH_HEADING, lines(runs(sentences.getJsonObject(0)), BODY_SIZE, BULLET_INDENT).size()) * LEADING;
      ensureRoom(lines(heading, HEADING_SIZE, 0).size() * HEADING_LEADING + firstItem);
      paragraph(heading, HEADING_SIZE, HEADING_LEADING, 0);
      for (Object sentence : sentences) {
        bullet((JsonObject) sentence);
      }
    }
    content.close();
  }

  /** Returns the runs of a sentence: its parts, with linked labels pointing at the web app. */
  private List<Run> runs(JsonObject sentence) {
    JsonArray links = sentence.getJsonArray("links");
    List<Run> runs = new ArrayList<>();
    for (Object item : sentence.getJsonArray("parts")) {
      JsonObject part = (JsonObject) item;
      Integer link = part.getInteger("link");
      String path = link == null ? null : links.getJsonObject(link).getString("path");
      // A number and the unit after it stay on one line: neither breaks at its spaces.
      boolean whole = part.containsKey("number") || part.containsKey("unit");
      runs.add(new Run(part.getString("text"), regular, path == null ? null : baseUrl + path, whole));
    }
    return runs;
  }

  private void bullet(JsonObject sentence) throws IOException {
    List<Run> runs = runs(sentence);
    ensureRoom(LEADING);
    text("\u2022", regular, BODY_SIZE, MARGIN, y);
    paragraph(runs, BODY_SIZE, LEADING, BULLET_INDENT);
  }

  /** A run of text in one font; {@code url} is set for a linked label; a {@code whole} run never breaks at its spaces. */
  private record Run(String text, PDFont font, String url, boolean whole) {

    Run(String text, PDFont font, String url) {
      this(text, font, url, false);
    }
  }

  /** Text of a run placed at {@code x} on a line. */
  private record Placed(Run run, String text, float x) {
  }

  /** Writes runs as one paragraph wrapped as {@link #lines} breaks them, starting at the current line. */
  private void paragraph(List<Run> runs, float size, float leading, float indent) throws IOException {
    for (List<Placed> line : lines(runs, size, indent)) {
      ensureRoom(leading);
      for (Placed placed : line) {
        show(placed.run(), placed.text(), size, placed.x());
      }
      y -= leading;
    }
  }

  /**
   * Breaks runs into lines at spaces and places each piece. A line breaks only at a space, never
   * where a run meets the next without one ("(+7,2", "“Legal"), so such a word moves to the next
   * line as a whole. A word wider than the line breaks between characters. Returns at least one line.
   */
  private List<List<Placed>> lines(List<Run> runs, float size, float indent) throws IOException {
    float left = MARGIN + indent;
    float right = PDRectangle.A4.getWidth() - MARGIN;
    List<List<Placed>> lines = new ArrayList<>();
    List<Placed> line = new ArrayList<>();
    float x = left;
    for (List<Run> word : words(runs)) {
      float width = 0;
      for (Run piece : word) {
        width += piece.font().getStringWidth(piece.text().stripTrailing()) / 1000 * size;
      }
      if (x > left && x + width > right) {
        lines.add(line);
        line = new ArrayList<>();
        x = left;
      }
      boolean wider = width > right - left;
      for (Run piece : word) {
        if (!wider) {
          line.add(new Placed(piece, piece.text(), x));
          x += piece.font().getStringWidth(piece.text()) / 1000 * size;
          continue;
        }
        for (int at = 0; at < piece.text().length(); ) {
          String character = new String(Character.toChars(piece.text().codePointAt(at)));
          at += character.length();
          float characterWidth = piece.font().getStringWidth(character) / 1000 * size;
          if (x > left && x + characterWidth > right) {
            lines.add(line);
            line = new ArrayList<>();
            x = left;
          }
          line.add(new Placed(piece, character, x));
          x += characterWidth;
        }
      }
    }
    lines.add(line);
    return lines;
  }

  /**
   * Splits runs into words: pieces up to and including a space, a word spanning runs that meet
   * without one. Inside a run, such as a linked title, a number stays with the word after it
   * ("6 %") and a currency before a number stays with it ("EUR 38").
   */
  private static List<List<Run>> words(List<Run> runs) {
    List<List<Run>> words = new ArrayList<>();
    List<Run> word = new ArrayList<>();
    for (Run run : runs) {
      String text = printable(run.text(), run.font());
      for (String piece : run.whole() ? List.of(text) : breakable(text)) {
        if (piece.isEmpty()) {
          continue;
        }
        word.add(new Run(piece, run.font(), run.url(), run.whole()));
        if (piece.endsWith(" ") && !run.whole()) {
          words.add(word);
          word = new ArrayList<>();
        }
      }
    }
    if (!word.isEmpty()) {
      words.add(word);
    }
    return words;
  }

  /** Splits text after its spaces, except a space after a number or between a currency and a number. */
  private static List<String> breakable(String text) {
    List<String> pieces = new ArrayList<>();
    for (String piece : text.split("(?<= )")) {
      int last = pieces.size() - 1;
      if (last >= 0 && keepsNext(pieces.get(last).strip(), piece)) {
        pieces.set(last, pieces.get(last) + piece);
      } else {
        pieces.add(piece);
      }
    }
    return pieces;
  }

  private static boolean keepsNext(String word, String next) {
    if (word.isEmpty() || next.isEmpty()) {
      return false;
    }
    boolean number = Character.isDigit(word.charAt(word.length() - 1));
    boolean currency = CURRENCY.matcher(word).matches() && Character.isDigit(next.charAt(0));
    return number || currency;
  }

  /** Shows text of a piece at {@code x} on the current line, blue and linked when the piece has a link. */
  private void show(Run piece, String text, float size, float x) throws IOException {
    if (piece.url() != null) {
      content.setNonStrokingColor(0.05f, 0.32f, 0.70f);
      text(text, piece.font(), size, x, y);
      content.setNonStrokingColor(0f, 0f, 0f);
      link(piece.url(), x, y, piece.font().getStringWidth(text) / 1000 * size, size);
    } else {
      text(text, piece.font(), size, x, y);
    }
  }

  private void text(String text, PDFont font, float size, float x, float atY) throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, atY);
    content.showText(text);
    content.endText();
  }

  private void link(String url, float x, float atY, float width, float size) throws IOException {
    PDAnnotationLink link = new PDAnnotationLink();
    PDBorderStyleDictionary border = new PDBorderStyleDictionary();
    border.setWidth(0);
    link.setBorderStyle(border);
    link.setRectangle(new PDRectangle(x, atY - 2, width, size + 2));
    PDActionURI action = new PDActionURI();
    action.setURI(url);
    link.setAction(action);
    page.getAnnotations().add(link);
  }

  private void ensureRoom(float needed) throws IOException {
    if (y - needed < MARGIN) {
      content.close();
      newPage();
    }
  }

  private void newPage() throws IOException {
    page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = page.getMediaBox().getHeight() - MARGIN;
  }

  /** Replaces characters the font cannot encode, and line breaks, so that showing the text does not fail on them. */
  private static String printable(String text, PDFont font) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(codePoint -> {
      String character = codePoint == '\n' || codePoint == '\r' || codePoint == '\t' ? " " : Character.toString(codePoint);
      try {
        font.encode(character);
        out.append(character);
      } catch (IOException | IllegalArgumentException e) {
        out.append('?');
      }
    });
    return out.toString();
  }

  private static String when(String instant) {
    return instant == null ? "" : INSTANT.format(Instant.parse(instant));
  }
}
