package io.momentum.server.assist.llm;

/**
 * A failed language-model request. {@code reason} is a stable code for the decision trail and
 * clients: {@code timeout}, {@code unreachable}, {@code status} or {@code invalid_response}.
 */
public final class LanguageModelException extends RuntimeException {

  private final String reason;

  public LanguageModelException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
