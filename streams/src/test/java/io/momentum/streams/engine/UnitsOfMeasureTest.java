package io.momentum.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsOfMeasureTest {

  @ParameterizedTest(name = "{0} {1} in {2} reads \"{3}\"")
  @CsvSource(delimiter = '|', value = {
      "1 | days | en | 1 day",
      "3 | days | en | 3 days",
      "3 | day | en | 3 days",
      "0 | days | en | 0 days",
      "1.0 | days | en | 1.0 days",
      "1.5 | days | en | 1.5 days",
      "-1 | days | en | -1 day",
      "1 | stories | en | 1 story",
      "2 | story | en | 2 stories",
      "1 | people | en | 1 person",
      "1 | Orders | en | 1 Order",
      "1 | active users | en | 1 active user",
      "4 | new customer | en | 4 new customers",
      "1 | orders per day | en | 1 orders per day",
      "1 | km/h | en | 1 km/h",
      "1 | days | de | 1 day",
      "1 | Tage | de | 1 Tag",
      "3 | Tag | de | 3 Tage",
      "1,5 | Tage | de | 1,5 Tage",
      "1 | Aufträge | en | 1 Auftrag",
      "2 | Vorfall | de | 2 Vorfälle",
      "3 | Person | de | 3 Personen",
      "3 | Person | en | 3 People",
      "1 | neue Kunden | de | 1 neue Kunden",
      "1 | offene Tickets | de | 1 offene Tickets",
      "1 | widgets | en | 1 widgets",
      "1 | % | en | 1 %",
      "1 | s | en | 1 s",
      "1 | ms | en | 1 ms",
      "1 | h | de | 1 h",
      "1 | pp | en | 1 pp",
      "1 | kEUR | en | 1 kEUR",
      "34.10 | EUR | en | EUR 34.10",
      "34,10 | EUR | de | 34,10 EUR",
      "34.10 | € | en | €34.10",
      "34,10 | € | de | 34,10 €",
      "12 | USD | en | USD 12",
      "12 | $ | en | $12",
      "12 | £ | en | £12",
      "12 | CHF | de | 12 CHF",
      "-5 | € | en | -€5",
      "34 | EUR k | en | EUR 34k",
      "34 | EUR k | de | 34 Tsd. EUR",
      "2.5 | EUR M | en | EUR 2.5M",
      "2,5 | € Mio. | de | 2,5 Mio. €",
      "7 | ' ' | en | 7",
  })
  void writesNumberWithUnit(String number, String unit, String language, String expected) {
    assertThat(UnitsOfMeasure.write(number, unit, language)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} is shown as {2}")
  @CsvSource(delimiter = '|', value = {
      "34.1 | EUR | 34.10",
      "34.105 | € | 34.11",
      "34 | EUR | 34",
      "34.1 | EUR k | 34.1",
      "34.1 | days | 34.1",
  })
  void amountHasCentsOrNone(String value, String unit, String expected) {
    assertThat(UnitsOfMeasure.amount(new BigDecimal(value), unit).toPlainString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} in {1} reads \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "999.5 | en | 999.5",
      "1000 | en | 1,000",
      "1273.9 | en | 1,273.9",
      "1273.9 | de | 1.273,9",
      "-12345.678 | en | -12,345.678",
      "-12345.678 | de | -12.345,678",
      "1234567 | en | 1,234,567",
      "0.25 | de | 0,25",
      "34.10 | en | 34.10",
  })
  void formatsNumberWithThousandsSeparators(String value, String language, String expected) {
    assertThat(UnitsOfMeasure.formatNumber(new BigDecimal(value), language)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} places \"{2}\" before the number")
  @CsvSource(delimiter = '|', value = {
      "EUR | en | 'EUR '",
      "€ | en | €",
      "EUR | de | ''",
      "days | en | ''",
  })
  void placesCurrencyBeforeInEnglish(String unit, String language, String before) {
    assertThat(UnitsOfMeasure.place("34", unit, language).before()).isEqualTo(before);
  }
}
