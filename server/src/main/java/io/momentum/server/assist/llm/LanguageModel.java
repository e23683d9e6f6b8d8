package io.momentum.server.assist.llm;

import io.vertx.core.Future;
import java.util.List;

/**
 * A chat-completion language model. Callers redact personal data before they call it and treat
 * its response as untrusted text.
 */
public interface LanguageModel {

  /** One chat message; {@code role} is {@code system}, {@code user} or {@code assistant}. */
  record Message(String role, String content) {
  }

  /**
   * Sends the messages and completes with the text of the model's first choice. Fails with a
   * {@link LanguageModelException} when the request times out, the server responds with an error
   * status, or the response has no text.
   */
  Future<String> complete(List<Message> messages);

  /** Returns the model's name, for the decision trail. */
  String name();
}
