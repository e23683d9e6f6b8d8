package io.momentum.server.feeds;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of a SQL feed's query into feed entries, by the feed's column mapping. Rows are
 * numbered from 1 in the order the query returns them, and an error names the row and the
 * column, such as {@code row 7: revenue}.
 */
final class SqlFeedRows {

  /** The entries read, in row order, and the problems found in them. */
  record Read(List<FeedEntry> entries, List<FieldError> errors) {
  }

  /** Position of an entry: a row of the query's result; fields are named by the feed's columns. */
  record RowPlace(int row, Map<String, String> columns) implements FeedEntry.Place {

    @Override
    public FieldError error(String field, String code, String message) {
      String column = columns.getOrDefault(field, field);
      return FieldError.of("row " + row + ": " + column, code, message, new JsonObject().put("row", row).put("column", column));
    }
  }

  private final EntryRules rules;

  SqlFeedRows(EntryRules rules) {
    this.rules = rules;
  }

  /**
   * Fails with a {@code missing_column} {@link SqlFeedSource.ReadFailure} when the result lacks a
   * mapped column.
   */
  static void requireColumns(SqlFeedSettings feed, List<String> columns) {
    List<String> mapped = new ArrayList<>(List.of(feed.kpiColumn(), feed.valueColumn()));
    if (feed.timeColumn() != null) {
      mapped.add(feed.timeColumn());
    }
    for (String column : mapped) {
      if (!columns.contains(column)) {
        throw new SqlFeedSource.ReadFailure("missing_column", "The query's result has no column \"" + column
            + "\"; its columns are " + String.join(", ", columns) + ". Map the column names as the query returns them,"
            + " or rename a column in the query with AS");
      }
    }
  }

  /**
   * Reads one entry per row.
   *
   * @param pullTime the observation time of every value when the feed maps no time column
   */
  Read read(SqlFeedSettings feed, List<Row> rows, Instant pullTime) {
    Map<String, String> columns = feed.timeColumn() == null
        ? Map.of("kpi", feed.kpiColumn(), "value", feed.valueColumn())
        : Map.of("kpi", feed.kpiColumn(), "value", feed.valueColumn(), "time", feed.timeColumn());
    List<FeedEntry> entries = new ArrayList<>(rows.size());
    List<FieldError> errors = new ArrayList<>();
    int number = 0;
    for (Row row : rows) {
      number++;
      RowPlace place = new RowPlace(number, columns);
      int before = errors.size();
      String kpi = kpi(row.getValue(feed.kpiColumn()), place, errors);
      BigDecimal value = value(row.getValue(feed.valueColumn()), place, errors);
      Instant time = feed.timeColumn() == null ? pullTime : time(row.getValue(feed.timeColumn()), place, errors);
      entries.add(new FeedEntry(place, "kpi", kpi, value, time, null, null, errors.size() == before));
    }
    return new Read(entries, errors);
  }

  private static String kpi(Object cell, RowPlace place, List<FieldError> errors) {
    String text = cell == null ? "" : cell.toString().trim();
    if (text.isEmpty()) {
      errors.add(place.error("kpi", "missing", "is empty; every row needs the key or id of a KPI"));
      return null;
    }
    return text;
  }

  private static BigDecimal value(Object cell, RowPlace place, List<FieldError> errors) {
    if (cell == null) {
      errors.add(place.error("value", "missing", "is NULL; leave rows without a value out of the query"));
      return null;
    }
    BigDecimal decimal = decimal(cell);
    if (decimal == null) {
      errors.add(place.error("value", "not_number", "\"" + EntryRules.shorten(cell.toString()) + "\" is not a finite"
          + " number; return a numeric column, or cast the column in the query, such as revenue::numeric"));
      return null;
    }
    return EntryRules.value(decimal, place, "value", errors);
  }

  private static BigDecimal decimal(Object cell) {
    try {
      if (cell instanceof Numeric numeric) {
        return numeric.isNaN() ? null : numeric.bigDecimalValue();
      }
      if (cell instanceof BigDecimal big) {
        return big;
      }
      if (cell instanceof Double || cell instanceof Float) {
        double d = ((Number) cell).doubleValue();
        return Double.isFinite(d) ? new BigDecimal(cell.toString()) : null;
      }
      if (cell instanceof Number || cell instanceof String) {
        return new BigDecimal(cell.toString().trim());
      }
      return null;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private Instant time(Object cell, RowPlace place, List<FieldError> errors) {
    Instant time;
    if (cell == null) {
      errors.add(place.error("time", "missing", "is NULL; every row needs the time its value was observed"));
      return null;
    } else if (cell instanceof String text) {
      return rules.time(text.trim(), place, "time", errors);
    } else if (cell instanceof OffsetDateTime offset) {
      time = offset.toInstant();
    } else if (cell instanceof LocalDateTime local) {
      // A timestamp without time zone is read as UTC, like a date in the CSV upload.
      time = local.toInstant(ZoneOffset.UTC);
    } else if (cell instanceof LocalDate date) {
      time = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      errors.add(place.error("time", "not_time", "has the type " + cell.getClass().getSimpleName() + "; return a"
          + " timestamptz, timestamp or date column, or text such as 2026-11-30T09:00:00Z"));
      return null;
    }
    return rules.notInFuture(time, place, "time", errors);
  }
}
