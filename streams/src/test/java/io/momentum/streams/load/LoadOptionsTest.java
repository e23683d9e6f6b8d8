package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void defaultsTakeTokenFromEnvironment() {
    LoadOptions options = LoadOptions.parse(List.of(), Map.of("MOMENTUM_DEMO_TOKEN", "mtm_bench"));

    assertThat(options.token()).isEqualTo("mtm_bench");
    assertThat(options.rates()).containsExactly(1_000.0);
    assertThat(options.boards()).isEqualTo(100);
    assertThat(options.baseUrl().toString()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void rateListAcceptsThousandsSuffix() {
    LoadOptions options = LoadOptions.parse(List.of("--token", "mtm_x", "--rate=1k,2000,2.5k"), Map.of());

    assertThat(options.rates()).containsExactly(1_000.0, 2_000.0, 2_500.0);
  }

  @Test
  void missingTokenIsRejected() {
    assertThatThrownBy(() -> LoadOptions.parse(List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--token");
  }

  @Test
  void unknownOptionIsRejected() {
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--token", "mtm_x", "--speed", "3"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --speed");
  }

  @Test
  void negativeRateIsRejected() {
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--token", "mtm_x", "--rate", "-5"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
  }
}
