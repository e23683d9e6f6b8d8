package io.momentum.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.streams.engine.WorkStatus;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Azure DevOps work item payloads and matching the Azure DevOps rule kinds, without a node. */
class AzureWorkItemTest {

  private static JsonObject fields(String state) {
    return new JsonObject()
        .put("System.WorkItemType", "Product Backlog Item")
        .put("System.State", state)
        .put("System.AreaPath", "Fabrikam\\Checkout")
        .put("System.TeamProject", "Fabrikam")
        .put("System.ChangedDate", "2026-11-20T10:15:30.12Z");
  }

  private static JsonObject created(JsonObject fields) {
    return new JsonObject().put("eventType", "workitem.created")
        .put("resource", new JsonObject().put("id", 812).put("rev", 4).put("fields", fields));
  }

  @ParameterizedTest
  @CsvSource({
      "New, TODO, false", "Proposed, TODO, false", "To Do, TODO, false", "Approved, TODO, false", "Design, TODO, false",
      "Active, IN_PROGRESS, false", "Committed, IN_PROGRESS, false", "In Progress, IN_PROGRESS, false",
      "Doing, IN_PROGRESS, false", "Ready, IN_PROGRESS, false", "Resolved, IN_PROGRESS, false",
      "Closed, DONE, false", "Done, DONE, false", "Inactive, DONE, false", "Removed, TODO, true", "closed, DONE, false"})
  void standardStateMapsByCategory(String state, WorkStatus expected, boolean removed) {
    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields(state)), false);

    assertThat(result.errors()).isEmpty();
    assertThat(result.item().status()).isEqualTo(expected);
    assertThat(result.item().removed()).isEqualTo(removed);
  }

  @Test
  void customStateNamesField() {
    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields("In Review")), false);

    assertThat(result.item()).isNull();
    assertThat(result.errors()).extracting(FieldError::field).containsExactly("resource.fields.System.State");
    assertThat(result.errors()).extracting(FieldError::code).containsExactly("unknown_state");
  }

  @ParameterizedTest
  @CsvSource({
      "In Review, IN_PROGRESS, false", "  in review , IN_PROGRESS, false", "Ready for QA, DONE, false",
      "Resolved, DONE, false", "Cut, TODO, true", "Active, IN_PROGRESS, false"})
  void stateMapWinsOverStandardStates(String state, WorkStatus expected, boolean removed) {
    JsonObject stored = new JsonObject().put("In Review", "resolved").put("Ready for QA", "completed")
        .put("resolved", "completed").put("Cut", "removed");

    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields(state)), false, StateMaps.lookup(stored));

    assertThat(result.errors()).isEmpty();
    assertThat(result.item().status()).isEqualTo(expected);
    assertThat(result.item().removed()).isEqualTo(removed);
  }

  @Test
  void unmappedStateMessageNamesStateMap() {
    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields("In Review")), false,
        StateMaps.lookup(new JsonObject().put("Ready for QA", "completed")));

    assertThat(result.errors()).extracting(FieldError::code).containsExactly("unknown_state");
    assertThat(result.errors().get(0).message()).contains("\"In Review\"").contains("connection's state map");
  }

  @Test
  void updateTakesIdFromWorkItemId() {
    JsonObject revision = new JsonObject().put("id", 812).put("rev", 5).put("fields", fields("Committed"));
    JsonObject body = new JsonObject().put("eventType", "workitem.updated")
        .put("resource", new JsonObject().put("id", 3).put("workItemId", 812).put("rev", 5).put("revision", revision));

    AzureWorkItem.Result result = AzureWorkItem.parse(body, true);

    assertThat(result.errors()).isEmpty();
    assertThat(result.item().id()).isEqualTo("812");
    assertThat(result.item().revision()).isEqualTo(5);
  }

  @Test
  void updateWithoutWorkItemIdNamesField() {
    JsonObject revision = new JsonObject().put("id", 812).put("rev", 5).put("fields", fields("Committed"));
    JsonObject body = new JsonObject().put("resource", new JsonObject().put("id", 3).put("revision", revision));

    AzureWorkItem.Result result = AzureWorkItem.parse(body, true);

    assertThat(result.errors()).extracting(FieldError::field).containsExactly("resource.workItemId");
  }

  @Test
  void firstEstimateFieldWins() {
    JsonObject fields = fields("New").put("Microsoft.VSTS.Scheduling.Effort", 8).put("Microsoft.VSTS.Scheduling.Size", 13);

    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields), false);

    assertThat(result.item().storyPoints()).isEqualByComparingTo(BigDecimal.valueOf(8));
  }

  @Test
  void missingEstimateIsNoEstimate() {
    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields("New")), false);

    assertThat(result.item().storyPoints()).isNull();
  }

  @Test
  void negativeEstimateNamesField() {
    JsonObject fields = fields("New").put("Microsoft.VSTS.Scheduling.StoryPoints", -2);

    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields), false);

    assertThat(result.errors()).extracting(FieldError::field)
        .containsExactly("resource.fields.Microsoft.VSTS.Scheduling.StoryPoints");
  }

  @Test
  void parentComesFromHierarchyLink() {
    JsonObject body = created(fields("New"));
    body.getJsonObject("resource").put("relations", new JsonArray()
        .add(new JsonObject().put("rel", "System.LinkTypes.Related").put("url", "https://dev.azure.com/f/_apis/wit/workItems/5"))
        .add(new JsonObject().put("rel", "System.LinkTypes.Hierarchy-Reverse")
            .put("url", "https://dev.azure.com/f/_apis/wit/workItems/77")));

    AzureWorkItem.Result result = AzureWorkItem.parse(body, false);

    assertThat(result.item().parentId()).isEqualTo("77");
  }

  @Test
  void updateReadsParentFromRelationChanges() {
    JsonObject link = new JsonObject().put("rel", "System.LinkTypes.Hierarchy-Reverse")
        .put("url", "https://dev.azure.com/f/_apis/wit/workItems/91");
    JsonObject revision = new JsonObject().put("id", 812).put("rev", 6).put("fields", fields("Active"));
    JsonObject added = new JsonObject().put("resource", new JsonObject().put("id", 5).put("workItemId", 812)
        .put("revision", revision).put("relations", new JsonObject().put("added", new JsonArray().add(link))));
    JsonObject removed = new JsonObject().put("resource", new JsonObject().put("id", 5).put("workItemId", 812)
        .put("revision", revision.copy()).put("relations", new JsonObject().put("removed", new JsonArray().add(link))));

    AzureWorkItem moved = AzureWorkItem.parse(added, true).item();
    AzureWorkItem orphaned = AzureWorkItem.parse(removed, true).item();

    assertThat(moved.parentId()).isEqualTo("91");
    assertThat(moved.parentKnown()).isTrue();
    assertThat(orphaned.parentId()).isNull();
    assertThat(orphaned.parentKnown()).isTrue();
  }

  @Test
  void unstatedParentTakesStoredParent() {
    AzureWorkItem item = AzureWorkItem.parse(created(fields("New")), false).item();

    assertThat(item.parentKnown()).isFalse();
    assertThat(item.withStoredParent("64").parentId()).isEqualTo("64");
  }

  @Test
  void tagsBecomeLabels() {
    AzureWorkItem.Result result = AzureWorkItem.parse(created(fields("New").put("System.Tags", "checkout; mobile app")), false);

    assertThat(result.item().labels()).containsExactly("checkout", "mobile app");
  }

  @Test
  void epicAndFeatureAreContainers() {
    for (String type : new String[] {"Epic", "Feature"}) {
      AzureWorkItem.Result result = AzureWorkItem.parse(created(fields("New").put("System.WorkItemType", type)), false);
      assertThat(result.item().container()).as(type).isTrue();
    }
    assertThat(AzureWorkItem.parse(created(fields("New")), false).item().container()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Fabrikam\\Checkout | true", "fabrikam\\checkout | true", "Fabrikam | true", "Fabrikam\\Check | false",
      "Fabrikam\\Checkout\\Mobile | false"})
  void areaPathRuleMatchesPathAndBelow(String ruleValue, boolean matches) {
    AzureWorkItem item = AzureWorkItem.parse(created(fields("New")), false).item();
    MappingRule rule = new MappingRule(UUID.randomUUID(), 0, "area_path", ruleValue, UUID.randomUUID());

    assertThat(rule.matches(item)).isEqualTo(matches);
  }

  @Test
  void workItemRuleMatchesItemAndChildren() {
    JsonObject fields = fields("New").put("System.Parent", 77);
    AzureWorkItem item = AzureWorkItem.parse(created(fields), false).item();

    assertThat(new MappingRule(UUID.randomUUID(), 0, "work_item", "77", UUID.randomUUID()).matches(item)).isTrue();
    assertThat(new MappingRule(UUID.randomUUID(), 0, "work_item", "812", UUID.randomUUID()).matches(item)).isTrue();
    assertThat(new MappingRule(UUID.randomUUID(), 0, "work_item", "78", UUID.randomUUID()).matches(item)).isFalse();
  }

  @Test
  void basicPasswordIsDecoded() {
    String header = "Basic " + java.util.Base64.getEncoder().encodeToString("hook:s3cret:with-colon".getBytes());

    assertThat(AzureDevOpsWebhookRoutes.basicPassword(header)).isEqualTo("s3cret:with-colon");
    assertThat(AzureDevOpsWebhookRoutes.basicPassword("Bearer abc")).isNull();
    assertThat(AzureDevOpsWebhookRoutes.basicPassword("Basic %%%")).isNull();
  }
}
