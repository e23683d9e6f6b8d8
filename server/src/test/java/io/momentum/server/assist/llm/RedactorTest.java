package io.momentum.server.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private static Redactor redactor() {
    return new Redactor(List.of(new Redactor.Person("Olivia Owner", "olivia@acme.test"),
        new Redactor.Person("Jürgen Müller-Lüdenscheidt", "jm@acme.test"), new Redactor.Person("Al Li", "al@acme.test")));
  }

  @Test
  void fullNameInAnyCaseIsReplaced() {
    String redacted = redactor().redact("Ask OLIVIA OWNER about it");
    assertThat(redacted).isEqualTo("Ask [PERSON_1] about it");
  }

  @Test
  void capitalisedNamePartIsReplaced() {
    assertThat(redactor().redact("Olivia said so")).isEqualTo("[PERSON_1] said so");
  }

  @Test
  void lowerCaseWordIsKept() {
    assertThat(redactor().redact("the owner of the key result")).isEqualTo("the owner of the key result");
  }

  @Test
  void shortNamePartIsKept() {
    assertThat(redactor().redact("Al will help")).isEqualTo("Al will help");
  }

  @Test
  void hyphenatedGermanNameIsReplaced() {
    assertThat(redactor().redact("Mit Jürgen Müller-Lüdenscheidt sprechen")).isEqualTo("Mit [PERSON_1] sprechen");
  }

  @Test
  void anyEmailIsReplaced() {
    Redactor redactor = redactor();
    String redacted = redactor.redact("Mail olivia@acme.test or someone@elsewhere.example");
    assertThat(redacted).isEqualTo("Mail [EMAIL_1] or [EMAIL_2]");
  }

  @Test
  void sameNameGetsSamePlaceholder() {
    Redactor redactor = redactor();
    assertThat(redactor.redact("Olivia Owner")).isEqualTo(redactor.redact("olivia owner"));
    assertThat(redactor.count()).isEqualTo(1);
  }

  @Test
  void restoreUndoesRedaction() {
    Redactor redactor = redactor();
    String text = "Olivia Owner (olivia@acme.test) leads; Jürgen helps";
    assertThat(redactor.restore(redactor.redact(text))).isEqualTo(text);
  }

  @Test
  void unknownPlaceholderIsDetected() {
    Redactor redactor = redactor();
    redactor.redact("Olivia");
    assertThat(redactor.hasUnknownPlaceholder("[PERSON_1] and [PERSON_7]")).isTrue();
    assertThat(redactor.hasUnknownPlaceholder("[PERSON_1]")).isFalse();
  }
}
