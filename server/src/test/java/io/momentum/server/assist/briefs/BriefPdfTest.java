package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** The PDF of a brief: text in any European script, embedded subset fonts and link annotations. */
class BriefPdfTest {

  private static final List<String> NAMES = List.of(
      "Größere Bestellungen über Österreich", "Zażółć gęślą jaźń w Łodzi", "Αύξηση πωλήσεων στην Ελλάδα",
      "Рост продаж в Москве");

  private static JsonObject sentence(String title, String path) {
    JsonArray parts = new JsonArray()
        .add(new JsonObject().put("text", title).put("link", 0))
        .add(new JsonObject().put("text", " rose from "))
        .add(new JsonObject().put("text", "40.0 %").put("number", 0))
        .add(new JsonObject().put("text", "."));
    return new JsonObject().put("text", title + " rose from 40.0 %.").put("parts", parts)
        .put("links", new JsonArray().add(new JsonObject().put("type", "node").put("path", path)))
        .put("numbers", new JsonArray().add(new JsonObject().put("measure", "progress").put("value", "0.4")));
  }

  private static JsonObject brief() {
    JsonArray sentences = new JsonArray();
    for (int i = 0; i < NAMES.size(); i++) {
      sentences.add(sentence(NAMES.get(i), "/key-results/k" + i));
    }
    return new JsonObject().put("id", "b1").put("language", "de").put("title", "Wochenbriefing: Łódź & Αθήνα, Q4 2026")
        .put("kind", "weekly")
        .put("asOf", "2026-12-05T10:00:00Z").put("periodStart", "2026-11-28T10:00:00Z").put("basis", "live")
        .put("sections", new JsonArray().add(new JsonObject().put("key", "moved").put("title", "Was sich bewegt hat")
            .put("sentences", sentences)));
  }

  @Test
  void headerNamesPeriodOfKind() throws Exception {
    JsonObject monthly = brief().put("kind", "monthly").put("periodStart", "2026-11-05T10:00:00Z");

    assertThat(BriefMarkdown.render(monthly, "http://127.0.0.1:8080")).contains("Zeitraum: der letzte Monat, seit 2026-11-05");
    assertThat(BriefMarkdown.render(monthly.copy().put("language", "en"), "http://127.0.0.1:8080"))
        .contains("period: the last month, since 2026-11-05");
    try (PDDocument pdf = Loader.loadPDF(BriefPdf.render(brief(), "http://127.0.0.1:8080"))) {
      assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ")).contains("Zeitraum: die letzte Woche, seit");
    }
  }

  @Test
  void textOfEveryScriptExtractsExactly() throws Exception {
    byte[] bytes = BriefPdf.render(brief(), "http://127.0.0.1:8080");

    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("Wochenbriefing: Łódź & Αθήνα, Q4 2026");
      for (String name : NAMES) {
        assertThat(text).contains(name + " rose from 40.0 %.");
      }
      assertThat(text).doesNotContain("?");
    }
  }

  @Test
  void fontsAreEmbeddedAsSubsets() {
    byte[] bytes = BriefPdf.render(brief(), "http://127.0.0.1:8080");

    // The two DejaVu fonts are about 1.4 MB together; the subsets of a short brief are a small part of that.
    assertThat(bytes.length).isLessThan(120_000);
  }

  @Test
  void linkedLabelsAreLinkAnnotations() throws Exception {
    byte[] bytes = BriefPdf.render(brief(), "http://127.0.0.1:8080");

    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      List<String> uris = new java.util.ArrayList<>();
      for (PDAnnotation annotation : pdf.getPage(0).getAnnotations()) {
        if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
          uris.add(uri.getURI());
        }
      }
      assertThat(uris).contains("http://127.0.0.1:8080/key-results/k0", "http://127.0.0.1:8080/key-results/k3");
    }
  }

  /** Sentences whose number and unit, or quote after an opening mark, fall at every place of a line. */
  private static JsonObject wrappingBrief() {
    JsonArray sentences = new JsonArray();
    for (int i = 0; i < 40; i++) {
      String lead = "Lead " + "w".repeat(i) + " words before the numbers and quotes of the brief follow here now at ";
      JsonArray parts = new JsonArray()
          .add(new JsonObject().put("text", lead))
          .add(new JsonObject().put("text", "23,3 %").put("number", 0))
          .add(new JsonObject().put("text", " and "))
          .add(new JsonObject().put("text", "1250").put("number", 1))
          .add(new JsonObject().put("text", " EUR").put("unit", true))
          .add(new JsonObject().put("text", ": „"))
          .add(new JsonObject().put("text", "Austrian Rechtsabteilungsgenehmigungsverfahrensbeschleunigungsvorschlag "
              + "Vertragsunterzeichnungsfreigabeprozessdokumentationsanforderungen "
              + "Rechtsabteilungsgenehmigungsverfahrensbeschleunigungsvorschlagsentwurfsfassungsüberarbeitung")
              .put("quote", true))
          .add(new JsonObject().put("text", "“."));
      sentences.add(new JsonObject().put("text", "").put("parts", parts).put("links", new JsonArray()).put("numbers", new JsonArray()));
    }
    return new JsonObject().put("id", "b2").put("language", "de").put("title", "Wochenbriefing")
        .put("kind", "weekly")
        .put("asOf", "2026-12-05T10:00:00Z").put("periodStart", "2026-11-28T10:00:00Z").put("basis", "live")
        .put("sections", new JsonArray().add(new JsonObject().put("key", "blockers").put("title", "Hindernisse")
            .put("sentences", sentences)));
  }

  /** Sentences whose linked title, with numbers and units inside, falls at every place of a line. */
  private static JsonObject linkedTitlesBrief() {
    JsonArray sentences = new JsonArray();
    for (int i = 0; i < 40; i++) {
      JsonArray parts = new JsonArray()
          .add(new JsonObject().put("text", "Lead " + "w".repeat(i) + " words before the linked title of the brief follow "))
          .add(new JsonObject().put("text", "Lower customer acquisition cost from EUR 38 to EUR 31 and lift repeat orders to 6 % in every market")
              .put("link", 0))
          .add(new JsonObject().put("text", " fell."));
      sentences.add(new JsonObject().put("text", "").put("parts", parts)
          .put("links", new JsonArray().add(new JsonObject().put("type", "node").put("path", "/key-results/k" + i)))
          .put("numbers", new JsonArray()));
    }
    return new JsonObject().put("id", "b3").put("language", "en").put("title", "Weekly team brief")
        .put("kind", "weekly")
        .put("asOf", "2026-12-05T10:00:00Z").put("periodStart", "2026-11-28T10:00:00Z").put("basis", "live")
        .put("sections", new JsonArray().add(new JsonObject().put("key", "moved").put("title", "What moved")
            .put("sentences", sentences)));
  }

  @Test
  void linkedTitlesKeepNumbersWithUnits() throws Exception {
    List<String> lines = new ArrayList<>();
    PDFTextStripper stripper = new PDFTextStripper() {
      @Override
      protected void writeString(String text, List<TextPosition> positions) throws IOException {
        lines.add(text.strip());
        super.writeString(text, positions);
      }
    };
    try (PDDocument pdf = Loader.loadPDF(BriefPdf.render(linkedTitlesBrief(), "http://127.0.0.1:8080"))) {
      stripper.getText(pdf);
    }

    assertThat(lines).isNotEmpty()
        .noneMatch(line -> line.startsWith("%") || line.endsWith("EUR") || line.matches(".*\\d"));
  }

  @Test
  void linesStayInsideMarginAndKeepNumbersWithUnits() throws Exception {
    List<String> lines = new ArrayList<>();
    float[] rightmost = {0};
    PDFTextStripper stripper = new PDFTextStripper() {
      @Override
      protected void writeString(String text, List<TextPosition> positions) throws IOException {
        lines.add(text);
        for (TextPosition position : positions) {
          // A space at a line's end is invisible; only visible glyphs must stay inside the margin.
          if (position.getUnicode().isBlank()) {
            continue;
          }
          rightmost[0] = Math.max(rightmost[0], position.getXDirAdj() + position.getWidthDirAdj());
        }
        super.writeString(text, positions);
      }
    };
    try (PDDocument pdf = Loader.loadPDF(BriefPdf.render(wrappingBrief(), "http://127.0.0.1:8080"))) {
      stripper.getText(pdf);
      float right = pdf.getPage(0).getMediaBox().getWidth() - 56;

      assertThat(rightmost[0]).as("rightmost glyph end").isLessThanOrEqualTo(right + 0.5f);
    }
    assertThat(lines).isNotEmpty().noneMatch(line -> line.startsWith("%") || line.startsWith("EUR"))
        .noneMatch(line -> line.endsWith("23,3") || line.endsWith("1250"));
  }

  /**
   * Builds a German weekly brief whose first section has {@code filler} one-line items. As the
   * count grows, the heading of the second section falls at every place near the bottom of page 1.
   * The second section's first item runs over three lines.
   */
  private static JsonObject headingNearPageEnd(int filler) {
    JsonArray moved = new JsonArray();
    for (int i = 0; i < filler; i++) {
      moved.add(plainSentence("Schlüsselergebnis " + i + " hat sich bewegt."));
    }
    JsonArray recommendations = new JsonArray()
        .add(plainSentence("Erste Empfehlung: " + "Besprechen Sie die Zuversicht des Teams mit den Verantwortlichen. ".repeat(4)))
        .add(plainSentence("Zweite Empfehlung."));
    return new JsonObject().put("id", "b4").put("language", "de").put("title", "Wochenbriefing")
        .put("kind", "weekly")
        .put("asOf", "2026-12-05T10:00:00Z").put("periodStart", "2026-11-28T10:00:00Z").put("basis", "live")
        .put("sections", new JsonArray()
            .add(new JsonObject().put("key", "moved").put("title", "Was sich bewegt hat").put("sentences", moved))
            .add(new JsonObject().put("key", "recommendations").put("title", "Empfehlungen").put("sentences", recommendations)));
  }

  private static JsonObject plainSentence(String text) {
    return new JsonObject().put("text", text).put("parts", new JsonArray().add(new JsonObject().put("text", text)))
        .put("links", new JsonArray()).put("numbers", new JsonArray());
  }

  /** A line of extracted text and the page it is on, counted from 1. */
  private record PageLine(int page, String text) {
  }

  /** Returns the non-blank text lines of every page in reading order, without their bullets. */
  private static List<PageLine> pageLines(byte[] bytes) throws IOException {
    List<PageLine> lines = new ArrayList<>();
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        for (String line : stripper.getText(pdf).split("\\R")) {
          String text = line.replace("\u2022", "").strip();
          if (!text.isEmpty()) {
            lines.add(new PageLine(page, text));
          }
        }
      }
    }
    return lines;
  }

  @Test
  void headingKeepsTwoLinesOfFirstItem() throws Exception {
    boolean crossedPage = false;
    for (int filler = 30; filler <= 60; filler++) {
      List<PageLine> lines = pageLines(BriefPdf.render(headingNearPageEnd(filler), "http://127.0.0.1:8080"));
      int heading = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).text().equals("Empfehlungen")) {
          heading = i;
        }
      }

      assertThat(heading).as("line of the heading with %d items before it", filler).isGreaterThanOrEqualTo(0);
      assertThat(lines.size()).as("lines with %d items before the heading", filler).isGreaterThan(heading + 2);
      int page = lines.get(heading).page();
      assertThat(lines.get(heading + 1).text()).as("line after the heading with %d items before it", filler)
          .startsWith("Erste Empfehlung");
      assertThat(lines.get(heading + 1).page()).as("page of the first item's first line, %d items before it", filler).isEqualTo(page);
      assertThat(lines.get(heading + 2).page()).as("page of the first item's second line, %d items before it", filler).isEqualTo(page);
      crossedPage |= page > 1;
    }
    assertThat(crossedPage).as("some filler count pushes the heading to page 2").isTrue();
  }
}
