package io.momentum.server.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an outbound webhook: {@code sha256=} and the lower-case hex HMAC-SHA256 of
 * the exact body bytes, keyed with the UTF-8 bytes of the subscription's secret.
 */
public final class WebhookSignature {

  /** Header that carries the signature. */
  public static final String HEADER = "X-Momentum-Signature";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {
  }

  /** Returns the header value for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
    }
  }

  /** Generates a secret of 32 random bytes as 64 hex characters, prefixed {@code whsec_}. */
  public static String generateSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + HexFormat.of().formatHex(bytes);
  }
}
