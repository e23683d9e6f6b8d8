package io.momentum.server.assist.drafts;

import io.momentum.server.assist.llm.LanguageModel;
import io.momentum.server.assist.llm.LanguageModelException;
import io.momentum.server.assist.llm.Redactor;
import io.momentum.server.auth.Caller;
import io.momentum.server.decisions.Decision;
import io.momentum.server.decisions.DecisionTrail;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the language model to polish the wording of deterministic proposals. The model receives
 * only the redacted strategy text and the proposals' titles. Its response must keep every proposal
 * and key result id and every number of each key result title. Otherwise the response is junk,
 * and the caller keeps the deterministic draft. Each request and response is recorded in the
 * decision trail in redacted form, which is exactly what left Momentum.
 */
final class DraftRefiner {

  private static final Logger LOG = LoggerFactory.getLogger(DraftRefiner.class);

  /** Maximum length of a title the model returns, in characters. */
  static final int MAX_TITLE_LENGTH = 300;
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?");
  private static final Pattern FENCE = Pattern.compile("^```(?:json)?\\s*|\\s*```$");

  /** The refined proposals, or null with the reason code and a message when the model's response was not used. */
  record Result(List<Proposal> proposals, String failure, String message) {

    static Result failed(String failure, String message) {
      return new Result(null, failure, message);
    }
  }

  private final LanguageModel model;
  private final DecisionTrail trail;
  private final Pool pool;

  DraftRefiner(LanguageModel model, DecisionTrail trail, Pool pool) {
    this.model = model;
    this.trail = trail;
    this.pool = pool;
  }

  /** Sends the proposals to the model and returns them with polished titles, or a failure the caller reports as a note. */
  Future<Result> refine(Caller caller, String draftId, String language, String strategy, List<Proposal> proposals,
                        Redactor redactor) {
    List<LanguageModel.Message> messages = List.of(
        new LanguageModel.Message("system", instructions(language)),
        new LanguageModel.Message("user", redactor.redact(request(strategy, proposals).encodePrettily())));
    JsonObject requestEvidence = new JsonObject()
        .put("model", model.name())
        .put("messages", new JsonArray(messages.stream()
            .map(m -> new JsonObject().put("role", m.role()).put("content", m.content())).toList()))
        .put("redacted", redactor.count());
    long started = System.nanoTime();
    return trail.record(pool, Decision.by(caller, DecisionTrail.LLM_REQUEST, "draft", draftId, "requested", null,
            requestEvidence, draftId))
        .compose(id -> model.complete(messages).transform(ar -> {
          long millis = (System.nanoTime() - started) / 1_000_000;
          if (ar.failed()) {
            String reason = ar.cause() instanceof LanguageModelException e ? e.reason() : "unreachable";
            LOG.warn("The language model request of draft {} of organisation {} failed ({}): {}", draftId, caller.orgId(),
                reason, ar.cause().getMessage());
            return recordResponse(caller, draftId, "failed", new JsonObject().put("reason", reason).put("millis", millis))
                .map(v -> Result.failed(reason, ar.cause().getMessage()));
          }
          Result result = parse(ar.result(), proposals, redactor);
          JsonObject evidence = new JsonObject().put("content", ar.result()).put("millis", millis);
          if (result.failure() != null) {
            LOG.warn("The language model response of draft {} of organisation {} was not used: {}", draftId, caller.orgId(),
                result.message());
            evidence.put("reason", result.failure()).put("problem", result.message());
          }
          return recordResponse(caller, draftId, result.failure() == null ? "responded" : "failed", evidence).map(v -> result);
        }));
  }

  private Future<Long> recordResponse(Caller caller, String draftId, String decision, JsonObject evidence) {
    return trail.record(pool, Decision.by(caller, DecisionTrail.LLM_RESPONSE, "draft", draftId, decision, null,
        evidence.put("model", model.name()), draftId));
  }

  private static String instructions(String language) {
    String name = language.equals("de") ? "German" : "English";
    return "You polish drafts of OKRs (objectives and key results). Rewrite each title so it reads clearly and"
        + " concisely in " + name + ". An objective states a qualitative outcome; a key result states a measurable"
        + " change. Keep every number, unit and placeholder in square brackets exactly as given, keep every id, and"
        + " add or remove nothing. Answer with JSON only, in the shape"
        + " {\"proposals\":[{\"id\":\"...\",\"title\":\"...\",\"keyResults\":[{\"id\":\"...\",\"title\":\"...\"}]}]}.";
  }

  private static JsonObject request(String strategy, List<Proposal> proposals) {
    JsonArray items = new JsonArray();
    for (Proposal proposal : proposals) {
      JsonArray keyResults = new JsonArray();
      proposal.keyResults().forEach(kr -> keyResults.add(new JsonObject().put("id", kr.id()).put("title", kr.title())));
      items.add(new JsonObject().put("id", proposal.id()).put("title", proposal.title()).put("keyResults", keyResults));
    }
    return new JsonObject().put("strategy", strategy).put("proposals", items);
  }

  /**
   * Reads the model's response. It must be the JSON shape the instructions name, list the same ids,
   * give each title as non-empty text of at most {@value #MAX_TITLE_LENGTH} characters, keep the
   * numbers of each key result title and use no placeholder that was not handed out.
   */
  static Result parse(String content, List<Proposal> proposals, Redactor redactor) {
    JsonObject response;
    try {
      response = new JsonObject(FENCE.matcher(content.strip()).replaceAll(""));
    } catch (DecodeException e) {
      return Result.failed("invalid_response", "the response is not a JSON object");
    }
    if (!(response.getValue("proposals") instanceof JsonArray items)) {
      return Result.failed("invalid_response", "the response has no proposals array");
    }
    Map<String, JsonObject> byId = new HashMap<>();
    for (Object item : items) {
      if (item instanceof JsonObject json && json.getValue("id") instanceof String id) {
        byId.put(id, json);
      }
    }
    List<Proposal> refined = new ArrayList<>();
    for (Proposal proposal : proposals) {
      JsonObject json = byId.get(proposal.id());
      if (json == null) {
        return Result.failed("invalid_response", "the response lacks proposal " + proposal.id());
      }
      String title = title(json, redactor);
      if (title == null) {
        return Result.failed("invalid_response", "the title of proposal " + proposal.id() + " is missing or invalid");
      }
      Map<String, JsonObject> keyResults = new HashMap<>();
      if (json.getValue("keyResults") instanceof JsonArray krItems) {
        for (Object item : krItems) {
          if (item instanceof JsonObject kr && kr.getValue("id") instanceof String id) {
            keyResults.put(id, kr);
          }
        }
      }
      List<Proposal.KeyResult> refinedKeyResults = new ArrayList<>();
      for (Proposal.KeyResult kr : proposal.keyResults()) {
        JsonObject krJson = keyResults.get(kr.id());
        String krTitle = krJson == null ? null : title(krJson, redactor);
        if (krTitle == null) {
          return Result.failed("invalid_response", "the title of key result " + kr.id() + " is missing or invalid");
        }
        if (!numbers(krTitle).containsAll(numbers(kr.title()))) {
          return Result.failed("invalid_response", "the title of key result " + kr.id() + " changed its numbers");
        }
        refinedKeyResults.add(kr.withTitle(krTitle));
      }
      refined.add(proposal.withTitle(title).withKeyResults(refinedKeyResults));
    }
    return new Result(refined, null, null);
  }

  private static String title(JsonObject json, Redactor redactor) {
    if (!(json.getValue("title") instanceof String title) || title.isBlank() || title.length() > MAX_TITLE_LENGTH
        || redactor.hasUnknownPlaceholder(title)) {
      return null;
    }
    return redactor.restore(title.strip());
  }

  private static List<String> numbers(String text) {
    List<String> numbers = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(text);
    while (matcher.find()) {
      numbers.add(matcher.group().replace(',', '.'));
    }
    return numbers;
  }
}
