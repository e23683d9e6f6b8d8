package io.momentum.server.feeds;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One measurement read from a batch or a CSV file, before the KPI it names is looked up.
 *
 * @param place where the entry sits in the request, used to name its fields in errors
 * @param kpiField the field or column that names the KPI ({@code kpiKey}, {@code kpiId} or {@code kpi})
 * @param kpi the KPI's key or id as sent, or null when it is missing or invalid
 * @param source the caller's source, or null for the feed's default
 * @param id the caller's event id, or null to derive a stable one from KPI, time and value
 * @param readable false when reading a field failed; the entry then only serves to report its KPI's problems too
 */
record FeedEntry(Place place, String kpiField, String kpi, BigDecimal value, Instant time, String source, String id,
                 boolean readable) {

  /** Position of an entry: an index in a JSON array or a line of a CSV file. */
  interface Place {

    /** Returns an error on one field or column of the entry. */
    FieldError error(String field, String code, String message);
  }

  /** Entry {@code index} of the {@code measurements} array; fields read {@code measurements[3].value}. */
  record Index(int index) implements Place {

    @Override
    public FieldError error(String field, String code, String message) {
      return FieldError.of("measurements[" + index + "]." + field, code, message, new JsonObject().put("index", index));
    }
  }

  /** Line {@code line} (1-based, counting the header) of a CSV file; fields read {@code line 7: value}. */
  record Line(long line) implements Place {

    @Override
    public FieldError error(String column, String code, String message) {
      return FieldError.of("line " + line + ": " + column, code, message,
          new JsonObject().put("line", line).put("column", column));
    }
  }
}
