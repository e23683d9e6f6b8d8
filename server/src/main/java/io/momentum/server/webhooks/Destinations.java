package io.momentum.server.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Rules for where outbound webhooks may be sent: an absolute http or https URL without user
 * information or fragment, whose host resolves only to public addresses unless private ones are
 * allowed. The dispatcher checks the resolved address again before each attempt, because a
 * host name may resolve elsewhere later.
 */
public final class Destinations {

  /** Longest URL accepted. */
  public static final int MAX_URL_LENGTH = 2000;

  private Destinations() {
  }

  /** A URL problem: a stable code for clients and an English message naming the fix. */
  public record Problem(String code, String message) {
  }

  /**
   * Parses a webhook URL, or returns null and sets {@code problem[0]} when it is not an absolute
   * http or https URL without credentials or fragment.
   */
  public static URI parse(String url, Problem[] problem) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      problem[0] = new Problem("url_format", "must be an absolute http or https URL such as"
          + " \"https://hooks.example.com/momentum\"");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problem[0] = new Problem("url_scheme", "must start with http:// or https://");
      return null;
    }
    if (uri.getRawUserInfo() != null) {
      problem[0] = new Problem("url_credentials", "must not contain a user name or password; the receiver checks the"
          + " X-Momentum-Signature header instead");
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      problem[0] = new Problem("url_format", "must name a host, such as \"https://hooks.example.com/momentum\"");
      return null;
    }
    if (uri.getRawFragment() != null) {
      problem[0] = new Problem("url_fragment", "must not contain a fragment (#...), which is never sent");
      return null;
    }
    return uri;
  }

  /** Returns the port of a parsed URL, the scheme's default when it names none. */
  public static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Returns the host of a parsed URL without the brackets of an IPv6 literal. */
  public static String host(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Returns true for an address no webhook may reach unless private destinations are allowed:
   * loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local, multicast,
   * the unspecified address, and IPv4 addresses mapped into IPv6.
   */
  public static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      // 0/8 ("this network"), 100.64/10 (carrier-grade NAT), 198.18/15 (benchmarking), 240/4 (reserved).
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19))
          || first >= 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local addresses, which InetAddress does not count as site-local.
      if ((bytes[0] & 0xfe) == 0xfc) {
        return true;
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= bytes[i] == 0;
      }
      // ::ffff:a.b.c.d reaches the IPv4 address, so it is judged as that address would be.
      return mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
    return false;
  }
}
