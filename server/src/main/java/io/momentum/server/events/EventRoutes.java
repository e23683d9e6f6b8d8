package io.momentum.server.events;

import io.momentum.server.auth.Caller;
import io.momentum.server.auth.ScopedNode;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.streams.event.CloudEvent;
import io.momentum.streams.event.CloudEventParser;
import io.momentum.streams.event.EventType;
import io.momentum.streams.event.FieldError;
import io.momentum.streams.ingest.SubjectRules;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP ingest: {@code POST /api/v1/events} with one CloudEvent or a batch, and the check-in form
 * of the web app. Events are validated completely (envelope, data, organisation, subject) and
 * then published into Kafka, so a batch is accepted whole or not at all.
 */
public final class EventRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
  /** Largest batch accepted in one request. */
  public static final int MAX_BATCH = 1000;
  /** Milestones one check-in may mark, as many as a key result may have. */
  private static final int MAX_CHECK_IN_MILESTONES = 50;
  /** Sources that name a person or token of the app; only the app's own check-in form uses them. */
  private static final List<String> RESERVED_SOURCE_PREFIXES = List.of("urn:momentum:user:", "urn:momentum:token:");

  private final CloudEventParser parser;
  private final SubjectDirectory subjects;
  private final EventPublisher publisher;
  private final Clock clock;

  public EventRoutes(SubjectDirectory subjects, EventPublisher publisher, Clock clock) {
    this.parser = new CloudEventParser(clock);
    this.subjects = subjects;
    this.publisher = publisher;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/v1/events").handler(this::postEvents);
    router.post("/api/v1/key-results/:id/check-ins").handler(this::postCheckIn);
  }

  private void postEvents(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("body", "is empty; send one CloudEvent or an array of them");
    }
    if (CloudEventParser.containsNul(text)) {
      throw ApiException.invalid("body", "contains a NUL character (\\u0000), which cannot be stored");
    }
    Object body;
    try {
      body = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "malformed_json", "The request body is not valid JSON; send one CloudEvent or an array of them");
    }
    boolean batch = body instanceof JsonArray;
    List<Object> items = new ArrayList<>();
    if (body instanceof JsonArray array) {
      if (array.isEmpty()) {
        throw ApiException.invalid("body", "is an empty array; send at least one event");
      }
      if (array.size() > MAX_BATCH) {
        throw new ApiException(413, "batch_too_large", "The batch has " + array.size()
            + " events; the limit is " + MAX_BATCH + " per request");
      }
      array.forEach(items::add);
    } else {
      items.add(body);
    }
    validate(caller, items, batch)
        .compose(events -> rejectReservedSources(events, batch).map(events))
        .compose(events -> publisher.publish(events).map(events))
        .onSuccess(events -> {
          JsonArray ids = new JsonArray();
          events.forEach(e -> ids.add(e.id()));
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("accepted", ids));
        })
        .onFailure(ctx::fail);
  }

  /** Validates events for the caller's organisation and completes with them, or fails with a 400 naming every bad field. */
  public Future<List<CloudEvent>> validate(Caller caller, List<Object> items, boolean batch) {
    List<FieldError> errors = new ArrayList<>();
    List<CloudEvent> events = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String prefix = batch ? "[" + i + "]" : "";
      CloudEventParser.Result result = parser.parse(items.get(i), true);
      if (!result.valid()) {
        result.errors().forEach(e -> errors.add(batch ? e.prefixed(prefix) : e));
        continue;
      }
      CloudEvent event = result.event();
      if (!event.orgId().equals(caller.orgId())) {
        errors.add(field(prefix, "orgid", "is \"" + event.orgId() + "\", but your credentials belong to organisation \""
            + caller.orgId() + "\""));
        continue;
      }
      events.add(event);
      prefixes.add(prefix);
    }
    Set<String> names = new LinkedHashSet<>();
    events.forEach(e -> names.add(e.subject()));
    return subjects.resolve(caller.orgId(), names).compose(found -> {
      for (int i = 0; i < events.size(); i++) {
        CloudEvent event = events.get(i);
        SubjectDirectory.NodeInfo node = found.get(event.subject());
        if (node == null) {
          errors.add(field(prefixes.get(i), "subject", "names no key result, KPI, objective or initiative of organisation \""
              + caller.orgId() + "\"; use a node key such as \"checkout-conversion\" or a node id"));
          continue;
        }
        String mismatch = SubjectRules.check(event.type(), event.data(), event.subject(), node.kind(),
            node.measurement(), node.milestones());
        if (mismatch != null) {
          errors.add(field(prefixes.get(i), event.type() == EventType.KEY_RESULT_VALUE || event.type() == EventType.CHECK_IN
              ? "data" : "subject", mismatch));
        }
      }
      if (!errors.isEmpty()) {
        LOG.info("Rejected {} of {} events from {} of organisation {}: {}", errors.size(), items.size(),
            caller.kind(), caller.orgId(), errors.get(0).field() + ": " + errors.get(0).message());
        return Future.failedFuture(ApiException.invalid(errors));
      }
      List<FieldError> outOfScope = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        ScopedNode node = found.get(events.get(i).subject()).scoped();
        if (!caller.canRead(node.unitId(), node.kind())) {
          ApiException refusal = caller.outOfScope(node);
          outOfScope.add(FieldError.of(prefixes.get(i).isEmpty() ? "subject" : prefixes.get(i) + ".subject",
              "out_of_scope", refusal.getMessage(), refusal.details().getJsonObject("node")));
        }
      }
      if (!outOfScope.isEmpty()) {
        LOG.info("Refused {} of {} events from token {} of organisation {}: {}", outOfScope.size(), items.size(),
            caller.id(), caller.orgId(), outOfScope.get(0).field() + ": " + outOfScope.get(0).message());
        return Future.failedFuture(new ApiException(403, "out_of_scope", outOfScope.size() == 1
            ? outOfScope.get(0).field() + ": " + outOfScope.get(0).message()
            : outOfScope.size() + " events name nodes outside this API token's scope (" + caller.scope().describe()
                + "); see \"fields\". Nothing was accepted", outOfScope, new JsonObject().put("allowed", caller.scope().toJson())));
      }
      return Future.succeededFuture(events);
    });
  }

  /**
   * Sources under {@code urn:momentum:user:} and {@code urn:momentum:token:} name the caller of
   * the check-in form, and a check-in's author is read from them, so ingested events may not use them.
   */
  private static Future<Void> rejectReservedSources(List<CloudEvent> events, boolean batch) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String source = events.get(i).source();
      for (String reserved : RESERVED_SOURCE_PREFIXES) {
        if (source.startsWith(reserved)) {
          errors.add(field(batch ? "[" + i + "]" : "", "source", "starts with \"" + reserved
              + "\", which names people and tokens of the app; name your service, such as urn:service:checkout"));
        }
      }
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(ApiException.invalid(errors));
  }

  /**
   * The check-in form: value and/or confidence with notes, sent as a {@code momentum.checkin}
   * event whose source names the caller, so the stored check-in records its author. A milestone
   * key result's check-in may also mark milestones done or undone ({@code milestones: [{id,
   * done}]}), each sent as a milestone event before the check-in.
   */
  private void postCheckIn(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    JsonObject data = new JsonObject();
    putIfPresent(data, "value", body.number("value", false));
    putIfPresent(data, "confidence", body.integer("confidence", 0, 10, false));
    putIfPresent(data, "note", body.text("note", CloudEventParser.MAX_TEXT_LENGTH, false));
    putIfPresent(data, "blockers", body.text("blockers", CloudEventParser.MAX_TEXT_LENGTH, false));
    List<JsonObject> milestones = new ArrayList<>();
    for (BodyReader milestone : body.objects("milestones", MAX_CHECK_IN_MILESTONES, false)) {
      String id = milestone.text("id", CloudEventParser.MAX_SUBJECT_LENGTH, true);
      Boolean done = milestone.bool("done", true);
      milestone.finishNested();
      if (id != null && done != null) {
        milestones.add(new JsonObject().put("milestone", id).put("done", done));
      }
    }
    boolean checkIn = data.containsKey("value") || data.containsKey("confidence");
    if (!checkIn && body.errors().isEmpty()) {
      if (milestones.isEmpty()) {
        body.reject("value", "a check-in needs a value, a confidence or both");
      } else if (data.containsKey("note") || data.containsKey("blockers")) {
        body.reject("confidence", "notes travel with a check-in; give your confidence as well, or leave the notes out");
      }
    }
    body.finish();
    String subject = ctx.pathParam("id");
    Instant now = Instant.now(clock);
    List<Object> events = new ArrayList<>();
    for (JsonObject milestone : milestones) {
      events.add(appEvent(caller, EventType.KEY_RESULT_VALUE.wire(), subject, now, milestone));
    }
    if (checkIn) {
      events.add(appEvent(caller, EventType.CHECK_IN.wire(), subject, now, data.put("author", caller.name())));
    }
    validate(caller, events, false)
        .recover(e -> Future.failedFuture(e instanceof ApiException api && api.status() == 400
                && api.fields().stream().anyMatch(f -> f.field().endsWith("subject"))
            ? ApiException.notFound("Key result " + subject) : e))
        .compose(valid -> publisher.publish(valid).map(valid))
        .onSuccess(valid -> {
          JsonArray accepted = new JsonArray();
          valid.forEach(e -> accepted.add(e.id()));
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("accepted", accepted));
        })
        .onFailure(ctx::fail);
  }

  /** Returns a CloudEvent of the app whose source names the caller. */
  private static JsonObject appEvent(Caller caller, String type, String subject, Instant time, JsonObject data) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", UUID.randomUUID().toString())
        .put("source", caller.source())
        .put("type", type)
        .put("subject", subject)
        .put("time", time.toString())
        .put("orgid", caller.orgId())
        .put("datacontenttype", "application/json")
        .put("data", data);
  }

  private static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  private static FieldError field(String prefix, String field, String message) {
    return new FieldError(prefix.isEmpty() ? field : prefix + "." + field, message);
  }
}
