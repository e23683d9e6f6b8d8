package io.momentum.server.assist.quality;

import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An objective and its key results as drafted, to be checked. Structured values ({@code start},
 * {@code target}, {@code unit}, {@code measurement}) and owners are optional: the checker reads
 * the text when they are missing.
 *
 * @param language {@code en} or {@code de}: the language of the findings' {@code why} and {@code fix}
 */
public record QualityRequest(String language, Objective objective, List<KeyResult> keyResults) {

  /** Maximum length of an objective title or key result text, in characters. */
  public static final int MAX_TEXT_LENGTH = 500;
  /** Most key results one request may carry; more get 413. */
  public static final int MAX_KEY_RESULTS = 20;
  /** Languages the findings can be written in. */
  public static final List<String> LANGUAGES = List.of("en", "de");
  /** Values of a key result's {@code indicator}. */
  public static final List<String> INDICATORS = List.of("leading", "lagging");

  public QualityRequest {
    keyResults = List.copyOf(keyResults);
  }

  /** The objective being drafted; {@code ownerId} and {@code ownerName} may be null. */
  public record Objective(String title, String ownerId, String ownerName) {

    boolean hasOwner() {
      return ownerId != null || ownerName != null;
    }
  }

  /**
   * One key result being drafted: a client-chosen {@code id} (unique in the request, repeated in
   * findings as their target) and its text; every other component may be null. {@code indicator}
   * is {@code leading} or {@code lagging} when the key result's source tags it (a drafted key
   * result from the example library), and then outranks what the wording suggests.
   */
  public record KeyResult(String id, String text, BigDecimal start, BigDecimal target, String unit,
                          String measurement, String indicator, String ownerId, String ownerName) {

    /** Returns a key result with only an id and a text. */
    public static KeyResult of(String id, String text) {
      return new KeyResult(id, text, null, null, null, null, null, null, null);
    }
  }

  /**
   * Reads a request body. Throws a 413 {@link ApiException} for more than {@value #MAX_KEY_RESULTS}
   * key results and a 400 naming every invalid field otherwise, such as a text longer than
   * {@value #MAX_TEXT_LENGTH} characters or a repeated key result id.
   */
  public static QualityRequest fromJson(JsonObject body) {
    if (body.getValue("keyResults") instanceof JsonArray array && array.size() > MAX_KEY_RESULTS) {
      throw new ApiException(413, "too_many_key_results", "The request has " + array.size()
          + " key results; the limit is " + MAX_KEY_RESULTS + " per request. Check an objective with fewer key results.",
          List.of(), new JsonObject().put("count", array.size()).put("limit", MAX_KEY_RESULTS));
    }
    BodyReader reader = BodyReader.of(body, "");
    String language = reader.oneOf("language", LANGUAGES, false);
    Objective objective = readObjective(reader);
    List<KeyResult> keyResults = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<BodyReader> items = reader.objects("keyResults", MAX_KEY_RESULTS, false);
    for (int i = 0; i < items.size(); i++) {
      KeyResult keyResult = readKeyResult(items.get(i));
      if (keyResult.id() != null && !ids.add(keyResult.id())) {
        items.get(i).reject("id", "duplicate_id", "repeats the id " + keyResult.id()
            + " of an earlier key result; give each key result its own id", new JsonObject().put("id", keyResult.id()));
      }
      keyResults.add(keyResult);
    }
    reader.finish();
    return new QualityRequest(language == null ? "en" : language, objective, keyResults);
  }

  private static Objective readObjective(BodyReader reader) {
    BodyReader objective = reader.nested("objective", true);
    if (objective == null) {
      return new Objective("", null, null);
    }
    String title = objective.text("title", MAX_TEXT_LENGTH, false);
    String ownerId = objective.text("ownerId", 80, false);
    String ownerName = objective.text("ownerName", 200, false);
    objective.finishNested();
    return new Objective(title == null ? "" : title, ownerId, ownerName);
  }

  private static KeyResult readKeyResult(BodyReader item) {
    String id = item.text("id", 80, true);
    String text = item.text("text", MAX_TEXT_LENGTH, false);
    BigDecimal start = item.number("start", false);
    BigDecimal target = item.number("target", false);
    String unit = item.text("unit", 20, false);
    String measurement = item.text("measurement", 40, false);
    String indicator = item.oneOf("indicator", INDICATORS, false);
    String ownerId = item.text("ownerId", 80, false);
    String ownerName = item.text("ownerName", 200, false);
    item.finishNested();
    return new KeyResult(id, text == null ? "" : text, start, target, unit, measurement, indicator, ownerId, ownerName);
  }
}
