package io.momentum.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stale-source signal's wording, severity and data, and which actions apply in which state. */
class StaleSourceTest {

  private static final Instant LAST_SEEN = Instant.parse("2026-12-04T08:00:00Z");

  private static StaleSource quietFor(long seconds, long expectedSeconds, boolean intervalSet, int nodes) {
    JsonArray fed = new JsonArray();
    for (int i = 0; i < nodes; i++) {
      fed.add(new JsonObject().put("id", UUID.randomUUID().toString()).put("key", "kr-" + i));
    }
    return new StaleSource("urn:service:checkout", "Checkout", "service", LAST_SEEN, LAST_SEEN.minusSeconds(30), 42,
        expectedSeconds, intervalSet, fed, LAST_SEEN.plusSeconds(seconds));
  }

  @Test
  void durationWordsDaysHoursMinutes() {
    List<long[]> inputs = List.of(new long[] {0}, new long[] {59}, new long[] {2700}, new long[] {3600},
        new long[] {11400}, new long[] {86400}, new long[] {187200});
    List<String> expected = List.of("1 min", "1 min", "45 min", "1 h", "3 h 10 min", "1 d", "2 d 4 h");

    for (int i = 0; i < inputs.size(); i++) {
      assertThat(StaleSource.duration(inputs.get(i)[0])).as("%d s", inputs.get(i)[0]).isEqualTo(expected.get(i));
    }
  }

  @Test
  void severityTurnsCriticalBeyondThreeIntervals() {
    assertThat(quietFor(7200, 3600, true, 1).severity()).isEqualTo("warning");
    assertThat(quietFor(3 * 3600, 3600, true, 1).severity()).isEqualTo("warning");
    assertThat(quietFor(3 * 3600 + 1, 3600, true, 1).severity()).isEqualTo("critical");
  }

  @Test
  void explanationNamesIntervalOrigin() {
    assertThat(quietFor(7200, 3600, true, 1).explanation())
        .isEqualTo("Checkout has sent no value since 2026-12-04T08:00:00Z: it has been quiet for 2 h, longer than its"
            + " expected interval of 1 h (set by a person). It fed 1 node lately, whose values may be out of date.");
    assertThat(quietFor(7200, 3600, false, 3).explanation())
        .contains("(learned from its recent arrivals)", "It fed 3 nodes lately");
  }

  @Test
  void signalCarriesParamsAndEvidence() {
    SignalStore.NewSignal signal = quietFor(7200, 3600, false, 2).toSignal("acme", List.of(), List.of());

    assertThat(signal.fingerprint()).isEqualTo("stale_source:urn:service:checkout");
    assertThat(signal.episode()).isEqualTo(LAST_SEEN);
    assertThat(signal.params().getLong("quietSeconds")).isEqualTo(7200);
    assertThat(signal.params().getString("intervalOrigin")).isEqualTo("learned");
    assertThat(signal.params().getInteger("nodeCount")).isEqualTo(2);
    assertThat(signal.evidence().getLong("eventCount")).isEqualTo(42);
    assertThat(signal.evidence().getString("checkedAt")).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(signal.evidence().getJsonArray("nodesFed")).hasSize(2);
  }

  @Test
  void actionsApplyByState() {
    List<String> states = SignalStore.STATES;
    // Rows follow SignalStore.Action; columns follow the states open, acknowledged, snoozed, resolved.
    boolean[][] allowed = {
        {true, false, true, false},
        {true, true, true, false},
        {false, false, true, false},
        {true, true, true, false},
    };

    for (SignalStore.Action action : SignalStore.Action.values()) {
      for (int column = 0; column < states.size(); column++) {
        assertThat(action.allowedFrom(states.get(column))).as("%s from %s", action, states.get(column))
            .isEqualTo(allowed[action.ordinal()][column]);
      }
    }
  }
}
