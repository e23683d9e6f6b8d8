package io.momentum.server.assist.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values with their unit of measure in brief sentences: word units agree, currencies sit where each language puts them. */
class BriefValueTextTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  private static JsonObject keyResult(String current, String unit) {
    return new JsonObject().put("id", "kr-1").put("kind", "key_result").put("title", "Lead time").put("unitId", "u-team")
        .put("measurement", "decrease").put("start", 38).put("target", 31).put("current", Double.parseDouble(current))
        .put("unit", unit).put("progress", 0.5)
        .put("forecast", new JsonObject().put("value", 32.456).put("progress", 0.85));
  }

  @ParameterizedTest(name = "{0}: {1} {2} reads \"{3}\"")
  @CsvSource(delimiter = '|', value = {
      "en | 1 | days | stands at 1 day (progress",
      "en | 3 | day | stands at 3 days (progress",
      "de | 1 | Tage | steht bei 1 Tag (Fortschritt",
      "de | 3 | Tag | steht bei 3 Tage (Fortschritt",
      "en | 34.1 | EUR | stands at EUR 34.10 (progress",
      "en | 34.1 | € | stands at €34.10 (progress",
      "de | 34.1 | EUR | steht bei 34,10 EUR (Fortschritt",
      "de | 34.1 | € | steht bei 34,10 € (Fortschritt",
      "en | 34 | EUR | stands at EUR 34 (progress",
      "en | 2.5 | % | stands at 2.5 % (progress"})
  void valueSentenceWritesUnit(String language, String current, String unit, String expected) {
    BriefWording wording = BriefWording.of(language);
    BriefNumbers numbers = new BriefNumbers(wording, "c-q4");
    JsonObject node = keyResult(current, unit);

    JsonObject sentence = Sentence.of(wording, "moved.newValue").node(node).number(numbers.value(node, NOW))
        .number(numbers.progress(node, NOW)).build();

    assertThat(sentence.getString("text")).contains(expected);
    assertThat(sentence.getJsonArray("numbers").getJsonObject(0).getString("unit")).isEqualTo(unit);
  }

  @ParameterizedTest(name = "{0}: forecast and target read \"{1}\" and \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "en | EUR 32.50 | EUR 31",
      "de | 32,50 EUR | 31 EUR"})
  void replanSentencePlacesCurrency(String language, String forecast, String target) {
    BriefWording wording = BriefWording.of(language);
    BriefNumbers numbers = new BriefNumbers(wording, "c-q4");
    JsonObject node = keyResult("34.1", "EUR");

    JsonObject sentence = Sentence.of(wording, "rec.replanValue").node(node).number(numbers.forecastValue(node, NOW))
        .number(numbers.target(node, NOW)).number(numbers.forecast(node, NOW)).build();

    assertThat(sentence.getString("text")).contains(forecast);
    assertThat(sentence.getString("text")).contains(target);
  }

  @ParameterizedTest(name = "{0}: unit runs of {1}")
  @CsvSource(delimiter = '|', value = {
      "en | EUR | 'EUR ' | 34.10 | ''",
      "de | EUR | '' | 34,10 | ' EUR'",
      "en | days | '' | 34.1 | ' days'"})
  void unitRunsAroundNumber(String language, String unit, String before, String number, String after) {
    BriefWording wording = BriefWording.of(language);
    JsonObject node = keyResult("34.1", unit);

    JsonArray parts = Sentence.of(wording, "moved.newValue").node(node)
        .number(new BriefNumbers(wording, "c-q4").value(node, NOW)).number(new BriefNumbers(wording, "c-q4").progress(node, NOW))
        .build().getJsonArray("parts");

    int at = 0;
    while (!parts.getJsonObject(at).containsKey("number")) {
      at++;
    }
    JsonObject previous = parts.getJsonObject(at - 1);
    JsonObject next = parts.getJsonObject(at + 1);
    assertThat(parts.getJsonObject(at).getString("text")).isEqualTo(number);
    assertThat(previous.containsKey("unit") ? previous.getString("text") : "").isEqualTo(before);
    assertThat(next.containsKey("unit") ? next.getString("text") : "").isEqualTo(after);
  }
}
