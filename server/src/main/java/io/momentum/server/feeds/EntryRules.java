package io.momentum.server.feeds;

import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.FieldError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every feed entry follows, whether it came as JSON or as a CSV row: a value of
 * magnitude below 10^15, an observation time that is not in the future, a source that does not
 * pose as a person or token of the app, and an event id that fits the event table.
 */
final class EntryRules {

  /** Sources under these prefixes name the author of a check-in, so feeds may not use them. */
  static final List<String> RESERVED_SOURCE_PREFIXES = List.of("urn:momentum:user:", "urn:momentum:token:");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

  private final Clock clock;

  EntryRules(Clock clock) {
    this.clock = clock;
  }

  /**
   * Reads an observation time: an RFC 3339 timestamp, or an ISO date taken as midnight UTC
   * (the form BI exports and spreadsheets write). Adds an error and returns null when the text is
   * neither or lies more than {@link CloudEventParser#MAX_CLOCK_SKEW} in the future.
   */
  Instant time(String text, FeedEntry.Place place, String field, List<FieldError> errors) {
    Instant time;
    try {
      time = DATE.matcher(text).matches()
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(place.error(field, "not_time", "\"" + shorten(text) + "\" is not a time; write an RFC 3339 timestamp"
          + " such as 2026-11-30T09:00:00Z or a date such as 2026-11-30"));
      return null;
    }
    return notInFuture(time, place, field, errors);
  }

  /**
   * Returns the time, or null after adding an error when it lies more than
   * {@link CloudEventParser#MAX_CLOCK_SKEW} in the future.
   */
  Instant notInFuture(Instant time, FeedEntry.Place place, String field, List<FieldError> errors) {
    if (time.isAfter(clock.instant().plus(CloudEventParser.MAX_CLOCK_SKEW))) {
      errors.add(place.error(field, "future_time", time + " lies more than " + CloudEventParser.MAX_CLOCK_SKEW.toMinutes()
          + " minutes in the future; send the time the value was observed"));
      return null;
    }
    return time;
  }

  /** Checks a value's magnitude; returns it with trailing zeros removed, or null after adding an error. */
  static BigDecimal value(BigDecimal value, FeedEntry.Place place, String field, List<FieldError> errors) {
    if (value.abs().compareTo(CloudEventParser.MAX_VALUE) >= 0) {
      errors.add(place.error(field, "number_too_large", value.toPlainString() + " is not smaller than 10^15 in magnitude;"
          + " check the unit and the decimal point"));
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Checks a caller's source; returns it, or null after adding an error. */
  static String source(String source, FeedEntry.Place place, String field, List<FieldError> errors) {
    if (source.length() > CloudEventParser.MAX_SOURCE_LENGTH) {
      errors.add(place.error(field, "too_long", "is " + source.length() + " characters long; the limit is "
          + CloudEventParser.MAX_SOURCE_LENGTH));
      return null;
    }
    for (String reserved : RESERVED_SOURCE_PREFIXES) {
      if (source.startsWith(reserved)) {
        errors.add(place.error(field, "reserved_source", "starts with \"" + reserved + "\", which names people and tokens"
            + " of the app; name your system instead, such as urn:bi:finance-warehouse, or leave it out"));
        return null;
      }
    }
    return source;
  }

  /** Checks a caller's event id; returns it, or null after adding an error. */
  static String id(String id, FeedEntry.Place place, String field, List<FieldError> errors) {
    if (id.length() > CloudEventParser.MAX_ID_LENGTH) {
      errors.add(place.error(field, "too_long", "is " + id.length() + " characters long; the limit is "
          + CloudEventParser.MAX_ID_LENGTH));
      return null;
    }
    return id;
  }

  static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
