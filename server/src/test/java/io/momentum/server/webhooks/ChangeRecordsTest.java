package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.changes.ChangeOutbox;
import io.momentum.server.changes.ChangeTypes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChangeRecordsTest {

  private static JsonObject event() {
    return ChangeOutbox.event("acme", UUID.fromString("6f1c7c1e-59a3-4d53-8a54-1f5a0f7f2b11"),
        ChangeTypes.CHECKIN_RECORDED, "revenue", Instant.parse("2026-12-05T10:00:00Z"), new JsonObject().put("value", 3));
  }

  @Test
  void checkAcceptsOutboxEvent() {
    String value = event().encode();

    ChangeRecords.Checked checked = ChangeRecords.check("acme", value);

    assertThat(checked.problem()).isNull();
    assertThat(checked.change()).isEqualTo(new DeliveryQueries.Change("acme", "6f1c7c1e-59a3-4d53-8a54-1f5a0f7f2b11",
        ChangeTypes.CHECKIN_RECORDED, value));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json | acme | {oops",
      "array | acme | [1]",
      "old specversion | acme | {\"specversion\":\"0.3\",\"id\":\"1\",\"type\":\"momentum.cycle.created\",\"orgid\":\"acme\",\"source\":\"urn:momentum:org:acme\"}",
      "missing id | acme | {\"specversion\":\"1.0\",\"type\":\"momentum.cycle.created\",\"orgid\":\"acme\",\"source\":\"urn:momentum:org:acme\"}",
      "bad type | acme | {\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"Cycle Created\",\"orgid\":\"acme\",\"source\":\"urn:momentum:org:acme\"}",
      "missing orgid | acme | {\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"momentum.cycle.created\",\"source\":\"urn:momentum:org:acme\"}",
      "foreign source | acme | {\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"momentum.cycle.created\",\"orgid\":\"acme\",\"source\":\"urn:momentum:org:other\"}",
      "key of other org | other | {\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"momentum.cycle.created\",\"orgid\":\"acme\",\"source\":\"urn:momentum:org:acme\"}"})
  void checkRejectsInvalidRecords(String name, String key, String value) {
    ChangeRecords.Checked checked = ChangeRecords.check(key, value);

    assertThat(checked.change()).isNull();
    assertThat(checked.problem()).isNotBlank();
  }

  @Test
  void checkRejectsEmptyValue() {
    assertThat(ChangeRecords.check("acme", null).problem()).isEqualTo("the value is empty");
  }
}
