package io.momentum.server.assist.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Configuration of the optional language model that polishes drafts. An empty {@code url} turns
 * the model off, which is the default. The {@code key} is a secret: {@link #describe()} and
 * {@link #toString()} leave it out.
 *
 * @param url base URL of an OpenAI-compatible server; requests go to {@code <url>/v1/chat/completions}
 * @param model model name sent with every request
 * @param key API key sent as {@code Authorization: Bearer <key>}, or empty for a server without one
 * @param timeout longest time one request may take, response included
 */
public record LanguageModelSettings(String url, String model, String key, Duration timeout) {

  /** Settings with the model off. */
  public static LanguageModelSettings off() {
    return new LanguageModelSettings("", "", "", Duration.ofSeconds(20));
  }

  /**
   * Builds settings from configuration values; throws {@link IllegalArgumentException} naming the
   * option when the URL is not an http or https URL or a URL has no model.
   */
  public static LanguageModelSettings of(String url, String model, String key, Duration timeout) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!base.isEmpty()) {
      URI uri;
      try {
        uri = new URI(base);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("MOMENTUM_LLM_URL must be an http or https URL, not \"" + base + "\"");
      }
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("MOMENTUM_LLM_URL must be an http or https URL, not \"" + base + "\"");
      }
      if (uri.getUserInfo() != null) {
        throw new IllegalArgumentException("MOMENTUM_LLM_URL must not contain credentials; set MOMENTUM_LLM_KEY instead");
      }
      if (model.isEmpty()) {
        throw new IllegalArgumentException("MOMENTUM_LLM_MODEL must name the model when MOMENTUM_LLM_URL is set");
      }
    }
    return new LanguageModelSettings(base, model, key, timeout);
  }

  /** Returns true when a model is configured. */
  public boolean enabled() {
    return !url.isEmpty();
  }

  /** Returns the settings for the start-up log, without the key. */
  public String describe() {
    if (!enabled()) {
      return "off";
    }
    return url + " model=" + model + " key=" + (key.isEmpty() ? "none" : "set") + " timeout=" + timeout.toSeconds() + "s";
  }

  @Override
  public String toString() {
    return "LanguageModelSettings[" + describe() + "]";
  }
}
