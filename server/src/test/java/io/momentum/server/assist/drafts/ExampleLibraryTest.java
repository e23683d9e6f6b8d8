package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentum.server.assist.drafts.ExampleLibrary.Example;
import io.momentum.server.assist.drafts.ExampleLibrary.ExampleKeyResult;
import io.momentum.server.assist.quality.QualityChecker;
import io.momentum.server.assist.quality.QualityRequest;
import io.momentum.server.assist.quality.QualitySettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExampleLibraryTest {

  private static final ExampleLibrary LIBRARY = ExampleLibrary.load();

  @Test
  void everyFunctionHasEightExamplesPerLanguage() {
    Map<String, Long> counts = LIBRARY.examples().stream()
        .collect(Collectors.groupingBy(e -> e.function() + "/" + e.language(), Collectors.counting()));
    assertThat(counts).hasSize(16);
    for (String function : ExampleLibrary.FUNCTIONS) {
      assertThat(counts.get(function + "/en")).as(function + " en").isGreaterThanOrEqualTo(8);
      assertThat(counts.get(function + "/de")).as(function + " de").isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void everyExampleHasThreeOrFourKeyResults() {
    for (Example example : LIBRARY.examples()) {
      assertThat(example.keyResults()).as(example.id()).hasSizeBetween(3, 4);
    }
  }

  @Test
  void everyExampleHasALeadingOrLaggingTag() {
    for (Example example : LIBRARY.examples()) {
      assertThat(example.keyResults()).as(example.id())
          .allSatisfy(kr -> assertThat(kr.indicator()).isIn("leading", "lagging"));
    }
  }

  @Test
  void idsNameFunctionLanguageAndPosition() {
    Example first = LIBRARY.byId("sales-de-1");
    assertThat(first.function()).isEqualTo("sales");
    assertThat(first.language()).isEqualTo("de");
    assertThat(first.objective()).isEqualTo("Mehr Neukunden in unseren Kernmärkten gewinnen");
  }

  @Test
  void targetAgainstDirectionIsRejected() {
    String text = "@ sales\nO Win customers\nK a | % | increase | 20 | 10 | lagging\nK b | % | increase | 1 | 2 | lagging\n"
        + "K c | % | increase | 1 | 2 | lagging\n";
    assertThatThrownBy(() -> ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text))))
        .hasMessageContaining("test line 3").hasMessageContaining("must lie beyond the baseline");
  }

  @Test
  void objectiveWithTwoKeyResultsIsRejected() {
    String text = "@ hr\nO Hire people\nK a | % | increase | 1 | 2 | lagging\nK b | % | increase | 1 | 2 | lagging\n";
    assertThatThrownBy(() -> ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text))))
        .hasMessageContaining("has 2 key results");
  }

  @Test
  void tagLineTagsItsObjective() throws Exception {
    String text = "@ sales\nO Keep accounts\nT b2b\nK a | % | increase | 1 | 2 | lagging\nK b | % | increase | 1 | 2 | lagging\n"
        + "K c | % | increase | 1 | 2 | lagging\nO Win shoppers\nK a | % | increase | 1 | 2 | lagging\n"
        + "K b | % | increase | 1 | 2 | lagging\nK c | % | increase | 1 | 2 | lagging\n";

    List<Example> examples = ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text)));

    assertThat(examples.get(0).tags()).containsExactly(ExampleLibrary.B2B);
    assertThat(examples.get(1).tags()).isEmpty();
  }

  @Test
  void unknownTagIsRejected() {
    String text = "@ sales\nO Keep accounts\nT enterprise\n";
    assertThatThrownBy(() -> ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text))))
        .hasMessageContaining("test line 3").hasMessageContaining("unknown tag enterprise");
  }

  @Test
  void b2bExamplesAreTaggedInBothLanguages() {
    for (Example example : LIBRARY.examples()) {
      Example sibling = LIBRARY.sibling(example, example.language().equals("en") ? "de" : "en");
      if (sibling != null) {
        assertThat(sibling.tags()).as(example.id()).isEqualTo(example.tags());
      }
    }
    assertThat(LIBRARY.byId("sales-en-2").tags()).contains(ExampleLibrary.B2B);
  }

  @Test
  void unknownFunctionIsRejected() {
    assertThatThrownBy(() -> ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader("@ legal\n"))))
        .hasMessageContaining("unknown function legal");
  }

  @Test
  void parsedExampleKeepsItsNumbers() throws Exception {
    String text = "@ finance\nO Close faster\nK days to close | days | decrease | 10 | 5 | lagging\n"
        + "K b | % | increase | 1 | 2 | leading\nK c | % | increase | 1.5 | 2 | lagging\n";
    List<Example> examples = ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text)));
    assertThat(examples).hasSize(1);
    assertThat(examples.get(0).id()).isEqualTo("finance-en-1");
    assertThat(examples.get(0).keyResults().get(0).baseline()).isEqualByComparingTo("10");
    assertThat(examples.get(0).keyResults().get(2).baseline()).isEqualByComparingTo("1.5");
  }

  @Test
  void synonymsJoinTheirKeyResult() throws Exception {
    String text = "@ product\nO Keep customers\nK monthly customer churn | % | decrease | 2 | 1 | lagging\nS attrition\n"
        + "S cancellations\nK b | % | increase | 1 | 2 | leading\nK c | % | increase | 1 | 2 | lagging\n";
    Example example = ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text))).get(0);
    assertThat(example.keyResults().get(0).synonyms()).isEqualTo("attrition cancellations");
    assertThat(example.keyResults().get(0).metric()).isEqualTo("monthly customer churn");
    assertThat(example.keyResults().get(1).synonyms()).isEmpty();
    assertThat(example.searchText()).contains("monthly customer churn attrition cancellations");
  }

  @Test
  void synonymsBeforeKeyResultAreRejected() {
    String text = "@ product\nO Keep customers\nS attrition\n";
    assertThatThrownBy(() -> ExampleLibrary.parse("test", "en", new BufferedReader(new StringReader(text))))
        .hasMessageContaining("line 3: synonyms need a key result line");
  }

  @Test
  void shippedLibraryNamesChurnInBothLanguages() {
    ExampleLibrary library = ExampleLibrary.load();
    for (String[] words : new String[][] {{"en", "churn", "attrition", "retention"}, {"de", "abwanderung", "kündigung", "kundenbindung"}}) {
      String text = library.examples().stream().filter(e -> e.language().equals(words[0])).map(Example::searchText)
          .reduce("", String::concat).toLowerCase(java.util.Locale.ROOT);
      for (int i = 1; i < words.length; i++) {
        assertThat(text).as(words[0] + " library").contains(words[i]);
      }
    }
  }

  /** Every library key result, titled as a draft shows it, reads as one measure to the quality checker. */
  @Test
  void noKeyResultIsCompound() {
    QualityChecker checker = new QualityChecker(QualitySettings.defaults());
    List<String> compound = new ArrayList<>();
    for (Example example : LIBRARY.examples()) {
      JsonArray keyResults = new JsonArray();
      for (int i = 0; i < example.keyResults().size(); i++) {
        ExampleKeyResult kr = example.keyResults().get(i);
        keyResults.add(new JsonObject().put("id", example.id() + "/" + i)
            .put("text", DraftGenerator.exampleTitle(example.language(), kr))
            .put("start", kr.baseline()).put("target", kr.target())
            .put("unit", kr.unit().length() > 20 ? null : kr.unit()).put("indicator", kr.indicator()));
      }
      JsonObject request = new JsonObject().put("language", example.language())
          .put("objective", new JsonObject().put("title", example.objective())).put("keyResults", keyResults);

      JsonArray findings = checker.check(QualityRequest.fromJson(request)).toJson().getJsonArray("findings");

      findings.stream().map(JsonObject.class::cast).filter(f -> f.getString("rule").equals("compound_kr"))
          .forEach(f -> compound.add(f.getString("target") + ": " + f.getJsonArray("evidence")));
    }

    assertThat(compound).isEmpty();
  }
}
