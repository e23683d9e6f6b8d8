package io.momentum.server.assist.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.assist.drafts.ExampleLibrary;
import io.momentum.server.assist.drafts.ExampleLibrary.Example;
import io.momentum.server.assist.drafts.ExampleLibrary.ExampleKeyResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureKindsTest {

  private static final ExampleLibrary LIBRARY = ExampleLibrary.load();

  /** Returns true when the wording alone would make the text a lagging measure. */
  private static boolean readsAsLagging(String text) {
    TextFacts facts = new TextFacts(text);
    return !MeasureKinds.lagging(facts).isEmpty() && !MeasureKinds.isLeading(facts);
  }

  @Test
  void libraryLeadingMeasuresReadAsLeading() {
    List<String> misread = new ArrayList<>();
    for (Example example : LIBRARY.examples()) {
      for (ExampleKeyResult keyResult : example.keyResults()) {
        if (keyResult.indicator().equals("leading") && readsAsLagging(keyResult.metric())) {
          misread.add(example.id() + ": " + keyResult.metric());
        }
      }
    }
    assertThat(misread).isEmpty();
  }

  @Test
  void churnReasonsAddressedReadAsLeading() {
    assertThat(readsAsLagging("Address the top-10 churn reasons")).isFalse();
    assertThat(readsAsLagging("Die 10 häufigsten Kündigungsgründe beheben")).isFalse();
  }

  @Test
  void churnRateStillReadsAsLagging() {
    assertThat(readsAsLagging("Reduce monthly churn from 3 % to 2 %")).isTrue();
    assertThat(readsAsLagging("Kündigungsquote von 3 % auf 2 % senken")).isTrue();
  }
}
