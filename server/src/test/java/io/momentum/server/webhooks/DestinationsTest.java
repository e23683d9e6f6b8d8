package io.momentum.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationsTest {

  @ParameterizedTest(name = "{0} is private: {1}")
  @CsvSource({
      "127.0.0.1, true",
      "127.8.9.1, true",
      "10.1.2.3, true",
      "172.16.0.1, true",
      "172.31.255.255, true",
      "192.168.1.10, true",
      "169.254.169.254, true",
      "100.64.0.1, true",
      "0.0.0.0, true",
      "224.0.0.1, true",
      "255.255.255.255, true",
      "::1, true",
      "fe80::1, true",
      "fc00::1, true",
      "fd12:3456::1, true",
      "ff02::1, true",
      "::ffff:127.0.0.1, true",
      "172.32.0.1, false",
      "100.128.0.1, false",
      "203.0.113.7, false",
      "2606:4700::1111, false"})
  void isPrivateClassifiesAddressLiterals(String literal, boolean expected) throws UnknownHostException {
    // Literals are parsed without a DNS lookup.
    InetAddress address = InetAddress.getByName(literal);

    assertThat(Destinations.isPrivate(address)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "ftp://hooks.example.com/x, url_scheme",
      "hooks.example.com/x, url_scheme",
      "https://user:pass@hooks.example.com/x, url_credentials",
      "https://hooks.example.com/x#part, url_fragment",
      "https:///path-only, url_format",
      "https://hooks example.com/x, url_format"})
  void parseRejectsUnusableUrls(String url, String code) {
    Destinations.Problem[] problem = new Destinations.Problem[1];

    assertThat(Destinations.parse(url, problem)).isNull();
    assertThat(problem[0].code()).isEqualTo(code);
  }

  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource({
      "https://hooks.example.com/momentum?team=a, hooks.example.com, 443",
      "http://hooks.example.com/momentum, hooks.example.com, 80",
      "http://127.0.0.1:8099/hook, 127.0.0.1, 8099",
      "https://[2001:db8::1]:8443/hook, 2001:db8::1, 8443"})
  void parseAcceptsHttpAndHttpsUrls(String url, String host, int port) {
    Destinations.Problem[] problem = new Destinations.Problem[1];

    URI uri = Destinations.parse(url, problem);

    assertThat(problem[0]).isNull();
    assertThat(Destinations.host(uri)).isEqualTo(host);
    assertThat(Destinations.port(uri)).isEqualTo(port);
  }
}
