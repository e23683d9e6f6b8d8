package io.momentum.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.http.ApiException;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading CSV files into feed entries: line numbers, header forms and cell rules, without a server. */
class CsvReaderTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  private final CsvReader reader = new CsvReader(new EntryRules(CLOCK));

  private BatchReader.Batch read(String text) {
    return reader.read(Buffer.buffer(text));
  }

  private static long lineOf(FeedEntry entry) {
    return ((FeedEntry.Line) entry.place()).line();
  }

  @Test
  void quotedLineBreakKeepsLaterLineNumbers() {
    BatchReader.Batch batch = read("kpi,value,time,source\nnps,1,2026-11-30,\"two\nlines\"\nnps,x,2026-11-30,\n");

    assertThat(lineOf(batch.entries().get(1))).isEqualTo(4);
    assertThat(batch.errors()).extracting(e -> e.field()).containsExactly("line 4: value");
  }

  @Test
  void crlfLineEndsCountOnce() {
    BatchReader.Batch batch = read("kpi,value,time\r\nnps,1,2026-11-30\r\n\r\nnps,2,2026-11-30\r\n");

    assertThat(batch.entries()).extracting(CsvReaderTest::lineOf).containsExactly(2L, 4L);
  }

  @Test
  void headerIsCaseInsensitiveInAnyOrder() {
    BatchReader.Batch batch = read("\uFEFFTime, Value ,KPI\n2026-11-30T08:00:00+01:00,12.50,nps\n");

    FeedEntry entry = batch.entries().get(0);
    assertThat(batch.errors()).isEmpty();
    assertThat(entry.kpi()).isEqualTo("nps");
    assertThat(entry.value()).isEqualByComparingTo(new BigDecimal("12.5"));
    assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
  }

  @Test
  void dateIsMidnightUtc() {
    FeedEntry entry = read("kpi,value,time\nnps,1,2026-11-30\n").entries().get(0);

    assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
  }

  @Test
  void cellRulesNameColumnAndCode() {
    List<String[]> cases = List.of(
        new String[] {"nps,\"12,5\",2026-11-30", "value", "not_number"},
        new String[] {"nps,1e15,2026-11-30", "value", "number_too_large"},
        new String[] {"nps,1,2026-12-01T12:06:00Z", "time", "future_time"},
        new String[] {"nps,1,2026-11-30T09:00:00", "time", "not_time"},
        new String[] {",1,2026-11-30", "kpi", "missing"},
        new String[] {"nps,1,2026-11-30,urn:momentum:token:abc", "source", "reserved_source"});
    for (String[] c : cases) {
      BatchReader.Batch batch = read("kpi,value,time,source\n" + c[0] + "\n");

      assertThat(batch.errors()).as(c[0]).hasSize(1);
      assertThat(batch.errors().get(0).field()).as(c[0]).isEqualTo("line 2: " + c[1]);
      assertThat(batch.errors().get(0).code()).as(c[0]).isEqualTo(c[2]);
      assertThat(batch.entries().get(0).readable()).as(c[0]).isFalse();
    }
  }

  @Test
  void unknownAndRepeatedColumnsAreRejected() {
    assertThatThrownBy(() -> read("kpi,value,time,colour,value\nnps,1,2026-11-30,red,2\n"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields()).extracting(f -> f.code())
            .containsExactly("unknown_column", "repeated_column"));
  }

  @Test
  void headerOnlyFileHasNoRows() {
    assertThatThrownBy(() -> read("kpi,value,time\n\n"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields().get(0).code()).isEqualTo("no_rows"));
  }
}
