package io.momentum.server.feeds;

import io.momentum.server.http.ApiException;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.FieldError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of measurements: UTF-8, comma-separated as RFC 4180 describes, a header row
 * naming the columns {@code kpi} (key or id), {@code value}, {@code time} and optionally
 * {@code source} and {@code id}, in any order. Every bad row is reported with its line number
 * (counting the header as line 1) and its column. Blank lines and rows of empty cells are skipped.
 */
final class CsvReader {

  static final List<String> REQUIRED = List.of("kpi", "value", "time");
  static final List<String> OPTIONAL = List.of("source", "id");

  private final EntryRules rules;

  CsvReader(EntryRules rules) {
    this.rules = rules;
  }

  /** Reads a file; throws a 400 for a file that cannot be read as CSV and a 413 for too many rows. */
  BatchReader.Batch read(Buffer body) {
    String text = utf8(body);
    if (text.isBlank()) {
      throw ApiException.invalid("file", "empty", "is empty; send a header row (kpi,value,time) and one row per measurement", null);
    }
    if (text.indexOf('\0') >= 0) {
      throw ApiException.invalid("file", "nul_character", "contains a NUL character, which cannot be stored;"
          + " export the file again as CSV text", null);
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(true).get();
    List<FeedEntry> entries = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Map<String, Integer> columns = null;
      long nextLine = 1;
      for (CSVRecord record : parser) {
        long line = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        if (blank(record)) {
          continue;
        }
        if (columns == null) {
          columns = header(record, line);
          continue;
        }
        if (entries.size() == MeasurementFeed.MAX_ENTRIES) {
          throw tooMany();
        }
        entries.add(row(record, columns, new FeedEntry.Line(line), errors));
      }
      if (entries.isEmpty()) {
        throw ApiException.invalid("file", "no_rows", "has a header but no rows; add one row per measurement", null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | UncheckedIOException e) {
      // commons-csv reports a quote that is never closed or text after a closing quote this way.
      throw ApiException.invalid("file", "malformed_csv", "is not valid CSV: a quoted field is not closed, or text follows"
          + " its closing quote, near line " + lineOf(e) + ". Quote a field that contains commas, quotes or line breaks,"
          + " and double every quote inside it", null);
    }
    return new BatchReader.Batch(entries, errors);
  }

  private static String utf8(Buffer body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
      // Spreadsheets put a byte order mark before the first header.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw ApiException.invalid("file", "not_utf8", "is not UTF-8 text; save it as \"CSV UTF-8\" and upload it again", null);
    }
  }

  /** Returns true for a blank line, and for a row of empty cells such as ",,," that spreadsheets export. */
  private static boolean blank(CSVRecord record) {
    for (String value : record) {
      if (!value.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Integer> header(CSVRecord record, long line) {
    Map<String, Integer> columns = new HashMap<>();
    List<FieldError> errors = new ArrayList<>();
    FeedEntry.Line place = new FeedEntry.Line(line);
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i).trim().toLowerCase(Locale.ROOT);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        errors.add(place.error(name.isEmpty() ? "column " + (i + 1) : name, "unknown_column", "is not a known column;"
            + " the header names kpi, value and time, and optionally source and id"));
      } else if (columns.putIfAbsent(name, i) != null) {
        errors.add(place.error(name, "repeated_column", "appears twice in the header; keep one"));
      }
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        errors.add(FieldError.of("line " + line + ": " + required, "missing_column", "is missing from the header;"
            + " the first row must name the columns kpi, value and time, such as \"kpi,value,time\"",
            new JsonObject().put("line", line).put("column", required)));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return columns;
  }

  private FeedEntry row(CSVRecord record, Map<String, Integer> columns, FeedEntry.Line place, List<FieldError> errors) {
    List<FieldError> found = new ArrayList<>();
    if (record.size() > columns.size()) {
      found.add(place.error("row", "extra_fields", "has " + record.size() + " fields but the header names " + columns.size()
          + " columns; quote a value that contains a comma"));
    }
    String kpi = cell(record, columns, "kpi", true, place, found);
    String valueText = cell(record, columns, "value", true, place, found);
    String timeText = cell(record, columns, "time", true, place, found);
    String source = cell(record, columns, "source", false, place, found);
    String id = cell(record, columns, "id", false, place, found);
    BigDecimal value = valueText == null ? null : number(valueText, place, found);
    Instant time = timeText == null ? null : rules.time(timeText, place, "time", found);
    if (source != null) {
      source = EntryRules.source(source, place, "source", found);
    }
    if (id != null) {
      id = EntryRules.id(id, place, "id", found);
    }
    if (kpi != null && kpi.length() > 80) {
      found.add(place.error("kpi", "too_long", "is " + kpi.length() + " characters long; a KPI key has at most 80"));
      kpi = null;
    }
    errors.addAll(found);
    return new FeedEntry(place, "kpi", kpi, value, time, source, id, found.isEmpty());
  }

  private static String cell(CSVRecord record, Map<String, Integer> columns, String column, boolean required,
                             FeedEntry.Line place, List<FieldError> errors) {
    Integer index = columns.get(column);
    String value = index == null || index >= record.size() ? null : record.get(index).trim();
    if (value == null || value.isEmpty()) {
      if (required) {
        errors.add(place.error(column, "missing", index != null && index >= record.size()
            ? "is missing because the row has only " + record.size() + " fields; give every row all columns of the header"
            : "is empty; " + hint(column)));
      }
      return null;
    }
    return value;
  }

  private static String hint(String column) {
    return switch (column) {
      case "kpi" -> "write the KPI's key, such as checkout-conversion";
      case "value" -> "write the value as a number such as 12.5";
      default -> "write the time the value was observed, such as 2026-11-30T09:00:00Z or 2026-11-30";
    };
  }

  private static BigDecimal number(String text, FeedEntry.Line place, List<FieldError> errors) {
    try {
      return EntryRules.value(new BigDecimal(text), place, "value", errors);
    } catch (NumberFormatException e) {
      String fix = text.matches("^-?\\d+,\\d+$")
          ? "write the decimal separator as a point, such as " + text.replace(',', '.')
          : "write a plain number such as 12.5 or -3, without units, currency signs or thousands separators";
      errors.add(place.error("value", "not_number", "\"" + EntryRules.shorten(text) + "\" is not a number; " + fix));
      return null;
    }
  }

  private static ApiException tooMany() {
    return new ApiException(413, "batch_too_large", "The file has more than " + MeasurementFeed.MAX_ENTRIES
        + " rows; the limit is " + MeasurementFeed.MAX_ENTRIES + " rows per upload. Split it into several files",
        List.of(), new JsonObject().put("limit", MeasurementFeed.MAX_ENTRIES));
  }

  private static String lineOf(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
    return matcher.find() ? matcher.group(1) : "an unknown line";
  }
}
