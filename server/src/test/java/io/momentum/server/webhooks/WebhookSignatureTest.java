package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void signMatchesPublishedHmacVector() {
    // Expected value from: printf "The quick brown fox jumps over the lazy dog" | openssl dgst -sha256 -hmac key
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.sign("key", body))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void signDependsOnEveryByte() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] spaced = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.sign("secret-0123456789", body))
        .isNotEqualTo(WebhookSignature.sign("secret-0123456789", spaced));
  }

  @Test
  void generatedSecretsAreLongAndDistinct() {
    String first = WebhookSignature.generateSecret();
    String second = WebhookSignature.generateSecret();

    assertThat(first).matches("whsec_[0-9a-f]{64}");
    assertThat(first).isNotEqualTo(second);
  }
}
