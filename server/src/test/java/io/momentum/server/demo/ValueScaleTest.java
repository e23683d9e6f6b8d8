package io.momentum.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueScaleTest {

  @Test
  void narrowSpanGetsMoreDecimals() {
    assertThat(ValueScale.decimals(new BigDecimal("2.1"), new BigDecimal("3.0"), "%")).isEqualTo(2);
    assertThat(ValueScale.decimals(new BigDecimal("41"), new BigDecimal("48"), "%")).isEqualTo(1);
    assertThat(ValueScale.decimals(new BigDecimal("99.86"), new BigDecimal("99.95"), "%")).isEqualTo(3);
  }

  @Test
  void wideSpanKeepsWrittenDecimals() {
    assertThat(ValueScale.decimals(new BigDecimal("650"), new BigDecimal("300"), "ms")).isZero();
    assertThat(ValueScale.decimals(new BigDecimal("7.80"), new BigDecimal("6.50"), "EUR")).isEqualTo(2);
  }

  @Test
  void countedUnitsStayWhole() {
    assertThat(ValueScale.decimals(new BigDecimal("6"), new BigDecimal("20"), "services")).isZero();
    assertThat(ValueScale.decimals(new BigDecimal("31"), new BigDecimal("42"), "NPS")).isZero();
  }

  @Test
  void equalValuesKeepTheirScale() {
    assertThat(ValueScale.decimals(new BigDecimal("100"), new BigDecimal("100"), "%")).isZero();
  }
}
