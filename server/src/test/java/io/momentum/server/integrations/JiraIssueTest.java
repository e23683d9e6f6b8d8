package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.WorkStatus;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Jira issue payloads, matching mapping rules and checking signatures, without a node. */
class JiraIssueTest {

  private static JsonObject body(JsonObject fields) {
    return new JsonObject().put("webhookEvent", "jira:issue_updated")
        .put("issue", new JsonObject().put("id", "10500").put("key", "SHOP-7").put("fields", fields));
  }

  private static JsonObject fields(String category) {
    return new JsonObject()
        .put("project", new JsonObject().put("key", "SHOP"))
        .put("issuetype", new JsonObject().put("name", "Story").put("subtask", false).put("hierarchyLevel", 0))
        .put("status", new JsonObject().put("name", "Erledigt").put("statusCategory", new JsonObject().put("key", category)))
        .put("labels", new JsonArray().add("checkout"))
        .put("updated", "2026-11-20T10:15:30.123+0100");
  }

  @ParameterizedTest
  @CsvSource({"new, TODO", "undefined, TODO", "indeterminate, IN_PROGRESS", "done, DONE"})
  void statusCategoryMapsToWorkStatus(String category, WorkStatus expected) {
    JiraIssue.Result result = JiraIssue.parse(body(fields(category)), null);

    assertThat(result.errors()).isEmpty();
    assertThat(result.issue().status()).isEqualTo(expected);
  }

  @Test
  void unknownStatusCategoryNamesField() {
    JiraIssue.Result result = JiraIssue.parse(body(fields("finished")), null);

    assertThat(result.errors()).extracting(FieldError::field).containsExactly("issue.fields.status.statusCategory.key");
  }

  @Test
  void updatedReadsJiraOffsetFormat() {
    JiraIssue issue = JiraIssue.parse(body(fields("new")), null).issue();

    assertThat(issue.updated()).isEqualTo(Instant.parse("2026-11-20T09:15:30.123Z"));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {"8, 8", "2.5, 2.5", "0, 0", "NULL, NULL"})
  void storyPointsComeFromConfiguredField(String sent, String expected) {
    JsonObject fields = fields("new").put("customfield_10028", sent == null ? null : new BigDecimal(sent))
        .put("customfield_10016", 99);

    JiraIssue issue = JiraIssue.parse(body(fields), "customfield_10028").issue();

    assertThat(issue.storyPoints()).isEqualTo(expected == null ? null : new BigDecimal(expected));
  }

  @Test
  void negativeEstimateIsRejected() {
    JiraIssue.Result result = JiraIssue.parse(body(fields("new").put("customfield_10016", -3)), "customfield_10016");

    assertThat(result.errors()).extracting(FieldError::field).containsExactly("issue.fields.customfield_10016");
  }

  @Test
  void missingFieldsAreAllNamed() {
    JiraIssue.Result result = JiraIssue.parse(body(new JsonObject().put("issuetype", new JsonObject().put("name", "Story"))), null);

    assertThat(result.errors()).extracting(FieldError::field)
        .containsExactlyInAnyOrder("issue.fields.status", "issue.fields.updated");
  }

  @Test
  void epicIsRecognisedByHierarchyLevel() {
    JsonObject fields = fields("new").put("issuetype", new JsonObject().put("name", "Initiative").put("hierarchyLevel", 1));

    assertThat(JiraIssue.parse(body(fields), null).issue().epic()).isTrue();
  }

  @Test
  void grandparentIsReadWhenPresent() {
    JsonObject fields = fields("new").put("parent", new JsonObject().put("id", "10400").put("key", "SHOP-5")
        .put("fields", new JsonObject().put("parent", new JsonObject().put("id", "10001").put("key", "SHOP-1"))));

    JiraIssue issue = JiraIssue.parse(body(fields), null).issue();

    assertThat(issue.parent()).isEqualTo(new JiraIssue.Ancestor("10400", "SHOP-5"));
    assertThat(issue.grandparent()).isEqualTo(new JiraIssue.Ancestor("10001", "SHOP-1"));
  }

  @Test
  void firstMatchingRuleWins() {
    JsonObject fields = fields("new").put("parent", new JsonObject().put("id", "10001").put("key", "SHOP-1"));
    JiraIssue issue = JiraIssue.parse(body(fields), null).issue();
    UUID byLabel = UUID.randomUUID();
    UUID byEpic = UUID.randomUUID();
    UUID byProject = UUID.randomUUID();
    List<MappingRule> rules = List.of(
        new MappingRule(UUID.randomUUID(), 0, "issue_key", "OTHER-9", UUID.randomUUID()),
        new MappingRule(UUID.randomUUID(), 1, "label", "checkout", byLabel),
        new MappingRule(UUID.randomUUID(), 2, "issue_key", "SHOP-1", byEpic),
        new MappingRule(UUID.randomUUID(), 3, "project", "SHOP", byProject));

    assertThat(MappingRule.initiativeFor(rules, issue)).isEqualTo(byLabel);
    assertThat(MappingRule.initiativeFor(rules.subList(2, 4), issue)).isEqualTo(byEpic);
    assertThat(MappingRule.initiativeFor(rules.subList(3, 4), issue)).isEqualTo(byProject);
    assertThat(MappingRule.initiativeFor(rules.subList(0, 1), issue)).isNull();
  }

  @Test
  void signatureMatchesOnlyItsBody() {
    byte[] body = "{\"summary\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);
    String header = JiraSignature.sign("a-secret-of-twenty-chars", body);

    assertThat(header).matches("sha256=[0-9a-f]{64}");
    assertThat(JiraSignature.verify("a-secret-of-twenty-chars", body, header)).isTrue();
    assertThat(JiraSignature.verify("a-secret-of-twenty-chars", body, header.toUpperCase().replace("SHA256", "sha256"))).isTrue();
    assertThat(JiraSignature.verify("another-secret-twenty", body, header)).isFalse();
    assertThat(JiraSignature.verify("a-secret-of-twenty-chars", "{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
    assertThat(JiraSignature.verify("a-secret-of-twenty-chars", body, "sha1=" + header.substring(7))).isFalse();
    assertThat(JiraSignature.verify("a-secret-of-twenty-chars", body, "sha256=zz")).isFalse();
  }
}
