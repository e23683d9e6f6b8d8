package io.momentum.server.integrations;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the signature Jira Cloud sends with a webhook that has a secret: the header
 * {@code X-Hub-Signature: sha256=<hex>}, where the hex digits are the HMAC-SHA256 of the raw
 * request body keyed with the secret.
 */
public final class JiraSignature {

  /** Name of the header that carries the signature. */
  public static final String HEADER = "X-Hub-Signature";
  private static final String PREFIX = "sha256=";

  private JiraSignature() {
  }

  /**
   * Returns true when {@code header} is {@code sha256=<hex>} and the hex digits are the
   * HMAC-SHA256 of {@code body} with {@code secret}. The digests are compared in constant time.
   */
  public static boolean verify(String secret, byte[] body, String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] sent;
    try {
      sent = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), sent);
  }

  /** Returns the header value Jira would send for {@code body}: {@code sha256=<lower-case hex>}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java 17 runtime must provide HmacSHA256, and a non-empty key is always valid for it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
