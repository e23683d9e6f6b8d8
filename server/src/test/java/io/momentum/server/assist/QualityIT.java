package io.momentum.server.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/assist/quality-check} and {@code GET/PATCH /api/v1/settings/quality} on a
 * real node: results in both languages, limits, settings that change results, and organisations
 * kept apart.
 */
class QualityIT {

  private static final String CHECK = "/api/v1/assist/quality-check";
  private static final String SETTINGS = "/api/v1/settings/quality";

  private static MomentumNode node;
  private static TestOrg org;
  private static Http admin;

  @BeforeAll
  static void createOrg() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "quality");
    admin = Http.withToken(Cadence.adminToken(node, org));
  }

  private static JsonObject draft(String language, String... texts) {
    JsonArray keyResults = new JsonArray();
    for (int i = 0; i < texts.length; i++) {
      keyResults.add(new JsonObject().put("id", "kr" + (i + 1)).put("text", texts[i]));
    }
    return new JsonObject().put("language", language)
        .put("objective", new JsonObject().put("title", "New customers reach value in their first week").put("ownerId", "u1"))
        .put("keyResults", keyResults);
  }

  private static List<String> rules(JsonObject report, String target) {
    return report.getJsonArray("findings").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("target").equals(target)).map(f -> f.getString("rule")).toList();
  }

  @Test
  void weakKeyResultGetsFindingsInGerman() {
    HttpResponse<Buffer> response = Http.withToken(org.token).post(CHECK,
        draft("de", "Improve customer satisfaction", "Aktivierungsrate von 20 % auf 35 % steigern"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = Http.json(response);
    assertThat(rules(report, "kr1")).containsExactlyInAnyOrder("no_target", "vague_verb");
    assertThat(rules(report, "kr2")).isEmpty();
    JsonObject vague = report.getJsonArray("findings").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("rule").equals("vague_verb")).findFirst().orElseThrow();
    assertThat(vague.getString("why")).contains("Richtung");
    assertThat(vague.getJsonArray("evidence").getList()).containsExactly("Improve");
    assertThat(report.getInteger("score")).isEqualTo(100 - 20 - 10);
    assertThat(vague.getInteger("penalty")).isEqualTo(10);
    int penalties = report.getJsonArray("findings").stream().map(JsonObject.class::cast)
        .mapToInt(f -> f.getInteger("penalty")).sum();
    assertThat(penalties).isEqualTo(100 - report.getInteger("score"));
  }

  @Test
  void fieldsDifferingFromTextAreReported() {
    JsonObject request = draft("en", "Cut refund time from 3 days to 1 day", "Raise NPS from 30 to 45");
    request.getJsonArray("keyResults").getJsonObject(0).put("start", 3).put("target", 0);
    request.getJsonArray("keyResults").getJsonObject(1).put("start", 30).put("target", 45);

    JsonObject report = Http.json(Http.withToken(org.token).post(CHECK, request));

    assertThat(rules(report, "kr1")).containsExactly("numbers_mismatch");
    assertThat(rules(report, "kr2")).isEmpty();
    JsonObject finding = report.getJsonArray("findings").getJsonObject(0);
    assertThat(finding.getJsonArray("evidence").getList()).containsExactly("1 day");
    assertThat(finding.getString("severity")).isEqualTo("warning");
    assertThat(report.getInteger("score")).isEqualTo(90);
  }

  @Test
  void tooManyKeyResultsGet413() {
    String[] texts = new String[21];
    java.util.Arrays.fill(texts, "Raise activation from 20 % to 35 %");

    HttpResponse<Buffer> response = Http.withToken(org.token).post(CHECK, draft("en", texts));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("too_many_key_results");
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("limit is 20");
  }

  @Test
  void overLongTextGets400NamingLimit() {
    HttpResponse<Buffer> response = Http.withToken(org.token).post(CHECK, draft("en", "x".repeat(501)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("keyResults[0].text");
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("limit is 500");
  }

  @Test
  void changedSettingsChangeResults() throws InterruptedException {
    TestOrg own = Cadence.org(node, "quality-settings");
    Http ownAdmin = Http.withToken(Cadence.adminToken(node, own));
    JsonObject request = draft("en", "Raise activation from 20 % to 35 %", "Cut churn from 3 % to 2 %");
    assertThat(rules(Http.json(ownAdmin.post(CHECK, request)), "objective")).doesNotContain("too_few_krs");

    JsonObject defaults = Http.json(ownAdmin.get(SETTINGS));
    assertThat(defaults.getInteger("version")).isEqualTo(1);
    assertThat(defaults.getInteger("minKeyResults")).isEqualTo(2);
    HttpResponse<Buffer> changed = ownAdmin.patch(SETTINGS, new JsonObject().put("minKeyResults", 3)
        .put("severities", new JsonObject().put("no_owner", "error")).put("version", 1));

    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(Http.json(changed).getInteger("version")).isEqualTo(2);
    assertThat(changed.getHeader("ETag")).isEqualTo("\"2\"");
    JsonObject after = Http.json(ownAdmin.post(CHECK, request));
    assertThat(rules(after, "objective")).contains("too_few_krs");

    HttpResponse<Buffer> second = ownAdmin.patch(SETTINGS, new JsonObject()
        .put("severities", new JsonObject().put("too_few_krs", "off")).put("version", 2));
    JsonObject merged = Http.json(second);
    assertThat(merged.getJsonObject("severities").getString("no_owner")).isEqualTo("error");
    assertThat(merged.getJsonObject("severities").getString("too_few_krs")).isEqualTo("off");
    assertThat(rules(Http.json(ownAdmin.post(CHECK, request)), "objective")).doesNotContain("too_few_krs");
  }

  @Test
  void staleSettingsVersionGets409() throws InterruptedException {
    TestOrg own = Cadence.org(node, "quality-stale");
    Http ownAdmin = Http.withToken(Cadence.adminToken(node, own));
    ownAdmin.patch(SETTINGS, new JsonObject().put("maxKeyResults", 4).put("version", 1));

    HttpResponse<Buffer> response = ownAdmin.patch(SETTINGS, new JsonObject().put("maxKeyResults", 6).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(409);
    JsonObject error = Http.json(response).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("stale_version");
    assertThat(error.getInteger("currentVersion")).isEqualTo(2);
    assertThat(error.getJsonObject("current").getInteger("maxKeyResults")).isEqualTo(4);
  }

  @Test
  void invalidSettingsAreRejected() {
    HttpResponse<Buffer> response = admin.patch(SETTINGS, new JsonObject()
        .put("severities", new JsonObject().put("vague_verb", "loud")).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Cadence.fields(response)).containsExactly("severities.vague_verb");
  }

  @Test
  void memberCannotChangeSettings() {
    HttpResponse<Buffer> response = Http.withToken(org.token).patch(SETTINGS,
        new JsonObject().put("minKeyResults", 1).put("version", 1));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void organisationsKeepOwnSettings() throws InterruptedException {
    TestOrg first = Cadence.org(node, "quality-first");
    TestOrg second = Cadence.org(node, "quality-second");
    Http firstAdmin = Http.withToken(Cadence.adminToken(node, first));
    firstAdmin.patch(SETTINGS, new JsonObject().put("minKeyResults", 4).put("version", 1));

    JsonObject secondSettings = Http.json(Http.withToken(second.token).get(SETTINGS));
    JsonObject secondReport = Http.json(Http.withToken(second.token).post(CHECK,
        draft("en", "Raise activation from 20 % to 35 %", "Cut churn from 3 % to 2 %")));

    assertThat(secondSettings.getInteger("minKeyResults")).isEqualTo(2);
    assertThat(secondSettings.getInteger("version")).isEqualTo(1);
    assertThat(rules(secondReport, "objective")).doesNotContain("too_few_krs");
  }
}
