package io.momentum.streams.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3000000.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
      momentum_consumer_lag_records 42.0
      momentum_events_ingested_total{outcome="applied"} 1234.0 1700000000000
      weird_metric{note="a \\"quoted\\", value"} 7
      not a sample line
      """;

  @Test
  void heapIsSummedOverPools() {
    assertThat(PrometheusText.parse(SCRAPE).sum("jvm_memory_used_bytes", "area", "heap")).isEqualTo(15_000_000.0);
  }

  @Test
  void metricWithoutLabelsIsRead() {
    assertThat(PrometheusText.parse(SCRAPE).sum("momentum_consumer_lag_records")).isEqualTo(42.0);
  }

  @Test
  void timestampAfterValueIsSkipped() {
    assertThat(PrometheusText.parse(SCRAPE).sum("momentum_events_ingested_total", "outcome", "applied")).isEqualTo(1234.0);
  }

  @Test
  void escapedQuotesStayInsideLabelValue() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.sum("weird_metric", "note", "a \"quoted\", value")).isEqualTo(7.0);
  }

  @Test
  void missingMetricIsNaN() {
    assertThat(PrometheusText.parse(SCRAPE).sum("momentum_absent")).isNaN();
    assertThat(PrometheusText.parse(SCRAPE).sum("jvm_memory_used_bytes", "area", "stack")).isNaN();
  }
}
