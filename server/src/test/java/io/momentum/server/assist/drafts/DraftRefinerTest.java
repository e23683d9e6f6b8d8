package io.momentum.server.assist.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.assist.llm.Redactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftRefinerTest {

  private static final Proposal PROPOSAL = new Proposal("p1", "Win more customers", List.of(new JsonObject()), List.of(
      new Proposal.KeyResult("p1-k1", "Increase win rate from 18% to 25%", "increase", new BigDecimal("18"),
          new BigDecimal("25"), "%", "lagging", Proposal.Numbers.EXAMPLE, List.of(new JsonObject()))));

  private static String answer(String title, String krTitle) {
    return new JsonObject().put("proposals", new JsonArray().add(new JsonObject().put("id", "p1").put("title", title)
        .put("keyResults", new JsonArray().add(new JsonObject().put("id", "p1-k1").put("title", krTitle))))).encode();
  }

  @Test
  void validAnswerReplacesTitles() {
    DraftRefiner.Result result = DraftRefiner.parse(answer("Win more new customers", "Raise the win rate from 18% to 25%"),
        List.of(PROPOSAL), new Redactor(List.of()));
    assertThat(result.failure()).isNull();
    assertThat(result.proposals().get(0).title()).isEqualTo("Win more new customers");
    assertThat(result.proposals().get(0).keyResults().get(0).title()).isEqualTo("Raise the win rate from 18% to 25%");
    assertThat(result.proposals().get(0).keyResults().get(0).target()).isEqualByComparingTo("25");
  }

  @Test
  void fencedAnswerIsRead() {
    DraftRefiner.Result result = DraftRefiner.parse("```json\n" + answer("A", "Win rate from 18% to 25%") + "\n```",
        List.of(PROPOSAL), new Redactor(List.of()));
    assertThat(result.failure()).isNull();
  }

  @Test
  void changedNumberIsRejected() {
    DraftRefiner.Result result = DraftRefiner.parse(answer("Win", "Raise the win rate from 18% to 30%"), List.of(PROPOSAL),
        new Redactor(List.of()));
    assertThat(result.failure()).isEqualTo("invalid_response");
    assertThat(result.message()).contains("changed its numbers");
  }

  @Test
  void proseIsRejected() {
    DraftRefiner.Result result = DraftRefiner.parse("Sure! Here are better titles.", List.of(PROPOSAL), new Redactor(List.of()));
    assertThat(result.failure()).isEqualTo("invalid_response");
  }

  @Test
  void missingKeyResultIsRejected() {
    String answer = new JsonObject().put("proposals", new JsonArray().add(new JsonObject().put("id", "p1").put("title", "T")))
        .encode();
    assertThat(DraftRefiner.parse(answer, List.of(PROPOSAL), new Redactor(List.of())).failure()).isEqualTo("invalid_response");
  }

  @Test
  void placeholderIsRestored() {
    Redactor redactor = new Redactor(List.of(new Redactor.Person("Olivia Owner", "o@acme.test")));
    redactor.redact("Olivia Owner");
    DraftRefiner.Result result = DraftRefiner.parse(answer("Win customers with [PERSON_1]", "Win rate from 18% to 25%"),
        List.of(PROPOSAL), redactor);
    assertThat(result.proposals().get(0).title()).isEqualTo("Win customers with Olivia Owner");
  }

  @Test
  void inventedPlaceholderIsRejected() {
    DraftRefiner.Result result = DraftRefiner.parse(answer("Win with [PERSON_9]", "Win rate from 18% to 25%"),
        List.of(PROPOSAL), new Redactor(List.of()));
    assertThat(result.failure()).isEqualTo("invalid_response");
  }
}
