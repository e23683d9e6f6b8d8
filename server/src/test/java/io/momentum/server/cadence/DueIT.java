package io.momentum.server.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Cadence;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.momentum.server.support.TestOrg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Due and overdue check-ins at explicit instants. The check-in day is set to tomorrow's weekday,
 * so tomorrow starts a check-in week; revenue is checked in today, the other key results never.
 */
class DueIT {

  private static MomentumNode node;
  private static TestOrg org;
  private static Http api;
  /** The day the test organisation was created, so a run that crosses midnight keeps one day. */
  private static LocalDate today;

  @BeforeAll
  static void checkInRevenueToday() throws InterruptedException {
    node = TestNode.get();
    org = Cadence.org(node, "due");
    today = LocalDate.now(ZoneOffset.UTC);
    api = Http.withToken(org.token);
    Http.withToken(Cadence.adminToken(node, org)).patch("/api/v1/settings",
        new JsonObject().put("checkInDay", today.plusDays(1).getDayOfWeek().getValue()).put("version", 1));
    String revenue = org.keyResults.get("revenue").toString();
    api.post("/api/v1/key-results/" + revenue + "/check-ins", new JsonObject().put("value", 30).put("confidence", 7));
    Cadence.awaitJson(api, "/api/v1/key-results/" + revenue + "/check-ins", page -> !page.getJsonArray("items").isEmpty());
  }

  @Test
  void checkedInKeyResultIsNotDueThisWeek() {
    Map<String, String> states = states(at(today, "23:59:00"));

    assertThat(states).doesNotContainKey("revenue");
    assertThat(states).containsEntry("defects", "due");
  }

  @Test
  void newWeekMakesCheckedInKeyResultDue() {
    Map<String, String> states = states(at(today.plusDays(1), "12:00:00"));

    assertThat(states).containsEntry("revenue", "due");
  }

  @Test
  void keyResultWithoutCheckInForTwoWeeksIsOverdue() {
    Map<String, String> states = states(at(today.plusDays(8), "12:00:00"));

    assertThat(states).containsEntry("revenue", "overdue");
    assertThat(states).containsEntry("defects", "overdue");
  }

  @Test
  void keyResultCreatedThisWeekIsDueNotOverdue() {
    Map<String, String> states = states(at(today, "23:59:00"));

    assertThat(states).containsEntry("defects", "due");
  }

  @Test
  void countsPerPersonAndTeam() {
    JsonObject due = Http.json(api.get("/api/v1/check-ins/due?at=" + at(today.plusDays(8), "12:00:00")));

    JsonObject team = due.getJsonArray("teams").getJsonObject(0);
    assertThat(due.getJsonArray("teams")).hasSize(1);
    assertThat(team.getString("unitId")).isEqualTo(org.teamId.toString());
    assertThat(team.getInteger("due")).isEqualTo(7);
    assertThat(team.getInteger("overdue")).isEqualTo(7);
    assertThat(due.getJsonArray("people").getJsonObject(0).getString("ownerName")).isEqualTo("Olivia Owner");
  }

  @Test
  void unitFilterExcludesOtherUnits() throws InterruptedException {
    HttpResponse<Buffer> response = api.get("/api/v1/check-ins/due?unit=" + org.companyId + "&at=" + at(today.plusDays(8), "12:00:00"));
    HttpResponse<Buffer> none = api.get("/api/v1/check-ins/due?unit=" + java.util.UUID.randomUUID());

    assertThat(Http.json(response).getJsonArray("items")).hasSize(7);
    assertThat(Http.json(none).getJsonArray("items")).isEmpty();
  }

  @Test
  void closedCycleIsNeverDue() throws InterruptedException {
    TestOrg closed = Cadence.org(node, "due-closed");
    Http closedApi = Http.withToken(closed.token);
    closedApi.post("/api/v1/cycles/" + closed.quarterId + "/close", new JsonObject());

    JsonObject due = Http.json(closedApi.get("/api/v1/check-ins/due?at=" + at(today.plusDays(8), "12:00:00")));

    assertThat(due.getJsonArray("items")).isEmpty();
  }

  @Test
  void weekStartFollowsCheckInDay() {
    JsonObject due = Http.json(api.get("/api/v1/check-ins/due?at=" + at(today.plusDays(3), "08:00:00")));

    assertThat(due.getString("weekStart")).isEqualTo(today.plusDays(1) + "T00:00:00Z");
  }

  private static String at(LocalDate date, String time) {
    return Instant.parse(date + "T" + time + "Z").toString();
  }

  private static Map<String, String> states(String at) {
    JsonObject due = Http.json(api.get("/api/v1/check-ins/due?at=" + at));
    return due.getJsonArray("items").stream().map(i -> (JsonObject) i)
        .collect(Collectors.toMap(i -> i.getString("key"), i -> i.getString("state")));
  }
}
