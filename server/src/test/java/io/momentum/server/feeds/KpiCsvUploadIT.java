package io.momentum.server.feeds;

import static io.momentum.server.feeds.KpiFeedIT.awaitCurrent;
import static io.momentum.server.feeds.KpiFeedIT.fields;
import static io.momentum.server.feeds.KpiFeedIT.history;
import static io.momentum.server.feeds.KpiFeedIT.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.feeds.KpiFeedIT.Kpi;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV uploads of KPI measurements against a real node: all rows or none, every bad row named by line and column. */
class KpiCsvUploadIT {

  private static final String UPLOAD = "/api/v1/kpis/measurements.csv";
  private static final String CSV = "text/csv; charset=utf-8";
  private static final String DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(20, ChronoUnit.DAYS).toString();
  private static final String NEXT_DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(19, ChronoUnit.DAYS).toString();

  private static TestOrg org;
  private static TestOrg other;
  private static Http api;
  private static Kpi measured;
  private static Kpi computed;
  private static Kpi foreign;

  @BeforeAll
  static void createOrgs() throws InterruptedException {
    org = TestOrg.create(TestNode.get(), "csv-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(TestNode.get());
    other = TestOrg.create(TestNode.get(), "csv-other-" + UUID.randomUUID().toString().substring(0, 8)).awaitLive(TestNode.get());
    api = Http.withToken(org.token);
    measured = Kpi.create(api, "measured");
    computed = KpiFeedIT.formulaKpi(api);
    foreign = Kpi.create(Http.withToken(other.token), "foreign");
  }

  @Test
  void rowsMoveKpisWithTheirSources() throws InterruptedException {
    Kpi first = Kpi.create(api, "first");
    Kpi second = Kpi.create(api, "second");
    String file = "\uFEFFKPI,Value,Time,Source\n"
        + first.key() + ",41.5," + DAY + ",\n"
        + "\n"
        + ",,,\n"
        + second.key() + ",-3," + DAY + ",\"urn:lager:münchen, kühlhaus 2\"\n"
        + first.key() + ",42," + NEXT_DAY + ",\n";

    HttpResponse<Buffer> response = api.postRaw(UPLOAD, file, CSV);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    assertThat(Http.json(response).getInteger("count")).isEqualTo(3);
    assertThat(awaitCurrent(api, first.id(), "42").getString("currentSource")).startsWith("urn:momentum:feed:csv:token:");
    assertThat(awaitCurrent(api, second.id(), "-3").getString("currentSource")).isEqualTo("urn:lager:münchen, kühlhaus 2");
  }

  @Test
  void uploadingSameFileTwiceStoresOnce() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "twice");
    String file = "kpi,value,time\n" + kpi.key() + ",1," + DAY + "\n";

    assertThat(api.postRaw(UPLOAD, file, CSV).statusCode()).isEqualTo(202);
    assertThat(api.postRaw(UPLOAD, file, CSV).statusCode()).isEqualTo(202);
    assertThat(api.postRaw(UPLOAD, "kpi,value,time\n" + kpi.key() + ",2," + NEXT_DAY + "\n", CSV).statusCode()).isEqualTo(202);
    awaitCurrent(api, kpi.id(), "2");

    assertThat(values(history(api, kpi.id()))).containsExactly("1", "2");
  }

  static Stream<Arguments> badRows() {
    return Stream.of(
        Arguments.of("unknown KPI", "no-such-kpi,1," + DAY, "kpi", "unknown_kpi"),
        Arguments.of("KPI of another organisation", "%foreign,1," + DAY, "kpi", "unknown_kpi"),
        Arguments.of("formula KPI", "%computed,1," + DAY, "kpi", "computed_kpi"),
        Arguments.of("decimal comma", "%measured,\"12,5\"," + DAY, "value", "not_number"),
        Arguments.of("unit in value", "%measured,12 EUR," + DAY, "value", "not_number"),
        Arguments.of("empty value", "%measured,," + DAY, "value", "missing"),
        Arguments.of("bad time", "%measured,1,30.11.2026", "time", "not_time"),
        Arguments.of("future time", "%measured,1," + Instant.now().plus(1, ChronoUnit.DAYS), "time", "future_time"),
        Arguments.of("missing field", "%measured,1", "time", "missing"),
        Arguments.of("extra field", "%measured,1," + DAY + ",oops", "row", "extra_fields"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void badRowIsNamedByLineAndColumn(String name, String row, String column, String code) {
    String line = row.replace("%foreign", foreign.key()).replace("%computed", computed.key()).replace("%measured", measured.key());

    HttpResponse<Buffer> response = api.postRaw(UPLOAD, "kpi,value,time\n" + measured.key() + ",1," + DAY + "\n" + line + "\n", CSV);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    JsonObject error = Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("line 3: " + column);
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getJsonObject("params").getInteger("line")).isEqualTo(3);
  }

  @Test
  void everyBadRowIsListedAndNothingStored() throws InterruptedException {
    Kpi kpi = Kpi.create(api, "all-or-none");
    String file = "kpi,value,time\n"
        + kpi.key() + ",1," + DAY + "\n"
        + kpi.key() + ",abc," + DAY + "\n"
        + "\n"
        + "no-such-kpi,2," + DAY + "\n"
        + kpi.key() + ",3,never\n";

    HttpResponse<Buffer> response = api.postRaw(UPLOAD, file, CSV);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactlyInAnyOrder("line 3: value", "line 5: kpi", "line 6: time");
    assertThat(api.postRaw(UPLOAD, "kpi,value,time\n" + kpi.key() + ",9," + NEXT_DAY + "\n", CSV).statusCode()).isEqualTo(202);
    awaitCurrent(api, kpi.id(), "9");
    assertThat(values(history(api, kpi.id()))).containsExactly("9");
  }

  @Test
  void headerWithoutTimeColumnIsRejected() {
    HttpResponse<Buffer> response = api.postRaw(UPLOAD, "kpi,value\n" + measured.key() + ",1\n", CSV);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonArray errors = Http.json(response).getJsonObject("error").getJsonArray("fields");
    assertThat(errors.getJsonObject(0).getString("field")).isEqualTo("line 1: time");
    assertThat(errors.getJsonObject(0).getString("code")).isEqualTo("missing_column");
  }

  @Test
  void unclosedQuoteIsMalformedCsv() {
    HttpResponse<Buffer> response = api.postRaw(UPLOAD, "kpi,value,time\n\"" + measured.key() + ",1," + DAY + "\n", CSV);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("malformed_csv");
  }

  @Test
  void nonUtf8FileIsRejected() {
    Buffer latin1 = Buffer.buffer("kpi,value,time,source\n" + measured.key() + ",1," + DAY + ",urn:k")
        .appendByte((byte) 0xF6).appendString("ln\n");

    HttpResponse<Buffer> response = Http.withToken(org.token).postBytes(UPLOAD, latin1, CSV);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("not_utf8");
  }

  @Test
  void jsonContentTypeGets415() {
    HttpResponse<Buffer> response = api.postRaw(UPLOAD, "kpi,value,time\n" + measured.key() + ",1," + DAY + "\n",
        "application/json");

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void tooManyRowsGet413NamingLimit() {
    StringBuilder file = new StringBuilder("kpi,value,time\n");
    for (int i = 0; i <= MeasurementFeed.MAX_ENTRIES; i++) {
      file.append(measured.key()).append(',').append(i).append(',').append(DAY).append('\n');
    }

    HttpResponse<Buffer> response = api.postRaw(UPLOAD, file.toString(), CSV);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("message")).contains("10000 rows");
  }

  @Test
  void fileOverBodyLimitGets413() {
    String file = "kpi,value,time,source\n" + (measured.key() + ",1," + DAY + "," + "s".repeat(900) + "\n").repeat(9_500);

    HttpResponse<Buffer> response = api.postRaw(UPLOAD, file, CSV);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("body_too_large");
  }
}
