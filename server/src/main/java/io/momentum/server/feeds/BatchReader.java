package io.momentum.server.feeds;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON body of a batch, {@code {"measurements": [{kpiKey | kpiId, value, time, source?, id?}, ...]}},
 * into feed entries, collecting every invalid field under {@code measurements[i]}.
 */
final class BatchReader {

  private final EntryRules rules;

  BatchReader(EntryRules rules) {
    this.rules = rules;
  }

  /** The entries read and the errors found; an entry with an error is marked unreadable. */
  record Batch(List<FeedEntry> entries, List<FieldError> errors) {
  }

  /** Reads a body; throws a 400 for a body that is not a batch at all and a 413 for too many entries. */
  Batch read(String text) {
    JsonArray items = measurements(text);
    List<FeedEntry> entries = new ArrayList<>(items.size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      FeedEntry.Index place = new FeedEntry.Index(i);
      if (!(items.getValue(i) instanceof JsonObject item)) {
        errors.add(FieldError.of("measurements[" + i + "]", "not_object", "must be an object with kpiKey or kpiId, value and time",
            new JsonObject().put("index", i)));
        continue;
      }
      entries.add(entry(BodyReader.of(item, ""), place, errors));
    }
    return new Batch(entries, errors);
  }

  private static JsonArray measurements(String text) {
    Object body = BodyReader.decode(text, "{\"measurements\": [...]}");
    if (!(body instanceof JsonObject object)) {
      throw ApiException.invalid("body", "must be a JSON object such as {\"measurements\": [...]}");
    }
    for (String field : object.fieldNames()) {
      if (!"measurements".equals(field)) {
        throw ApiException.invalid(field, "unknown_field", "is not a known field; send the values in \"measurements\"", null);
      }
    }
    if (!(object.getValue("measurements") instanceof JsonArray array)) {
      throw ApiException.invalid("measurements", "not_array", "must be an array of measurements", null);
    }
    if (array.size() > MeasurementFeed.MAX_ENTRIES) {
      throw tooMany(array.size());
    }
    if (array.isEmpty()) {
      throw ApiException.invalid("measurements", "empty", "is an empty array; send at least one measurement", null);
    }
    return array;
  }

  static ApiException tooMany(int count) {
    return new ApiException(413, "batch_too_large", "The batch has " + count + " measurements; the limit is "
        + MeasurementFeed.MAX_ENTRIES + " per request. Split it into several requests",
        List.of(), new JsonObject().put("limit", MeasurementFeed.MAX_ENTRIES).put("count", count));
  }

  private FeedEntry entry(BodyReader item, FeedEntry.Index place, List<FieldError> errors) {
    String key = item.text("kpiKey", 80, false);
    String kpiId = item.text("kpiId", 36, false);
    BigDecimal value = item.number("value", true);
    String timeText = item.text("time", 64, true);
    String source = item.text("source", CloudEventParser.MAX_SOURCE_LENGTH + 1, false);
    String id = item.text("id", CloudEventParser.MAX_ID_LENGTH + 1, false);
    item.finishNested();
    List<FieldError> found = new ArrayList<>();
    item.errors().forEach(e -> found.add(place.error(e.field(), e.code(), e.message())));
    String kpiField = kpiId != null ? "kpiId" : "kpiKey";
    String kpi = kpiId != null ? kpiId : key;
    if (key != null && kpiId != null) {
      found.add(place.error("kpiId", "both_kpi_fields", "is sent together with kpiKey; name the KPI by one of them"));
    } else if (kpi == null && !item.rejected("kpiKey") && !item.rejected("kpiId")) {
      found.add(place.error("kpiKey", "missing", "is missing; name the KPI by its key (kpiKey) or its id (kpiId)"));
    }
    if (value != null) {
      value = EntryRules.value(value, place, "value", found);
    }
    Instant time = timeText == null ? null : rules.time(timeText, place, "time", found);
    if (source != null) {
      source = EntryRules.source(source, place, "source", found);
    }
    if (id != null) {
      id = EntryRules.id(id, place, "id", found);
    }
    errors.addAll(found);
    return new FeedEntry(place, kpiField, key != null && kpiId != null ? null : kpi, value, time, source, id, found.isEmpty());
  }
}
