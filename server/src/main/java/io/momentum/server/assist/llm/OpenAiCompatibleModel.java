package io.momentum.server.assist.llm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A language model behind an OpenAI-compatible HTTP API: {@code POST <url>/v1/chat/completions}
 * with the model name and messages. The reply text is {@code choices[0].message.content}. Servers
 * such as vLLM, llama.cpp's server, Ollama and OpenAI itself speak this API.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

  /** Largest response body read, in bytes; a longer one is rejected as invalid. */
  static final int MAX_RESPONSE_BYTES = 256 * 1024;
  /** Sampling temperature: low, because the model should polish wording, not invent content. */
  static final double TEMPERATURE = 0.2;

  private final LanguageModelSettings settings;
  private final HttpClientAgent client;

  public OpenAiCompatibleModel(Vertx vertx, LanguageModelSettings settings) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("The language model is off; set MOMENTUM_LLM_URL to use one");
    }
    this.settings = settings;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) settings.timeout().toMillis())
        .setMaxRedirects(0));
  }

  @Override
  public String name() {
    return settings.model();
  }

  @Override
  public Future<String> complete(List<Message> messages) {
    JsonArray chat = new JsonArray();
    messages.forEach(m -> chat.add(new JsonObject().put("role", m.role()).put("content", m.content())));
    JsonObject body = new JsonObject()
        .put("model", settings.model())
        .put("messages", chat)
        .put("temperature", TEMPERATURE)
        .put("stream", false);
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(settings.url() + "/v1/chat/completions")
        .setIdleTimeout(settings.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json");
    if (!settings.key().isEmpty()) {
      options.putHeader("Authorization", "Bearer " + settings.key());
    }
    return client.request(options)
        .compose(request -> request.send(body.toBuffer()))
        .compose(this::readBody)
        .map(OpenAiCompatibleModel::content)
        .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .recover(OpenAiCompatibleModel::explain);
  }

  private Future<Buffer> readBody(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      return response.body().transform(ignored -> Future.failedFuture(new LanguageModelException("status",
          "The language model server responded with status " + response.statusCode())));
    }
    return response.body();
  }

  /** Returns the first choice's message text; throws when the body is not a chat completion. */
  static String content(Buffer body) {
    if (body.length() > MAX_RESPONSE_BYTES) {
      throw new LanguageModelException("invalid_response", "The language model's response is longer than "
          + MAX_RESPONSE_BYTES + " bytes");
    }
    try {
      JsonArray choices = body.toJsonObject().getJsonArray("choices");
      String content = choices.getJsonObject(0).getJsonObject("message").getString("content");
      if (content == null || content.isBlank()) {
        throw new LanguageModelException("invalid_response", "The language model's response has no text");
      }
      return content;
    } catch (DecodeException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
      throw new LanguageModelException("invalid_response", "The language model's response is not a chat completion");
    }
  }

  private static Future<String> explain(Throwable failure) {
    if (failure instanceof LanguageModelException) {
      return Future.failedFuture(failure);
    }
    // Future.timeout and the request's idle timeout both fail with a TimeoutException.
    if (failure instanceof TimeoutException) {
      return Future.failedFuture(new LanguageModelException("timeout", "The language model request timed out; raise MOMENTUM_LLM_TIMEOUT_SECONDS if the server is slow"));
    }
    return Future.failedFuture(new LanguageModelException("unreachable",
        "Reaching the language model server failed: " + failure.getClass().getSimpleName()));
  }

}
