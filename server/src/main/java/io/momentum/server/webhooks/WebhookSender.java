package io.momentum.server.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Makes one HTTP attempt of an outbound webhook. It resolves the host and checks every resolved
 * address against the destination rules. It then connects to the checked address, so a second
 * DNS lookup cannot redirect the request, POSTs the signed CloudEvent without following
 * redirects, and keeps the first 1 KB of the response. Every problem becomes an {@link Outcome}
 * with an error instead of a failed future.
 */
public final class WebhookSender {

  /** Content type of a CloudEvent in structured JSON mode. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";
  /** User-Agent of every outbound webhook request. */
  public static final String USER_AGENT = "Momentum-Webhooks/1.0";
  /** Most characters of the response body kept in the delivery log. */
  public static final int MAX_RESPONSE_CHARS = 1024;
  private static final int MAX_ERROR_CHARS = 500;
  /** Connections kept per receiving host; requests beyond it wait for a free one within their timeout. */
  private static final int MAX_CONNECTIONS_PER_HOST = 32;

  private final Vertx vertx;
  private final WebhookSettings settings;
  private final Clock clock;
  private final HttpClientAgent client;

  public WebhookSender(Vertx vertx, WebhookSettings settings, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.clock = clock;
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) settings.timeout().toMillis())
        .setForceSni(true)
        .setMaxRedirects(0);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_HOST));
  }

  /**
   * The result of one attempt.
   *
   * @param statusCode the response status, or null when no response arrived
   * @param error what went wrong before or instead of a response, or null
   * @param responseBody the first {@value #MAX_RESPONSE_CHARS} characters of the response body, or null
   * @param retryAfter the receiver's Retry-After on 429 or 503, or null
   */
  public record Outcome(Instant startedAt, long durationMs, Integer statusCode, String error, String responseBody,
                        Duration retryAfter) {

    /** Returns true when the receiver responded with a 2xx status. */
    public boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  /** One request to send: where, the secret to sign with, and the CloudEvent's exact bytes. */
  public record Request(String url, String secret, String deliveryId, String eventType, byte[] body) {
  }

  /** Sends a request once. The future succeeds with the outcome, a failed send included. */
  public Future<Outcome> send(Request request) {
    Instant startedAt = clock.instant();
    long started = System.nanoTime();
    Destinations.Problem[] problem = new Destinations.Problem[1];
    URI uri = Destinations.parse(request.url(), problem);
    if (uri == null) {
      return Future.succeededFuture(failure(startedAt, started, "The URL is invalid: " + problem[0].message()));
    }
    return resolve(uri)
        .compose(address -> post(uri, address, request))
        .map(response -> new Outcome(startedAt, elapsedMs(started), response.status(), null, response.body(),
            response.retryAfter()))
        .otherwise(e -> failure(startedAt, started, describe(e)));
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return client.close();
  }

  private record Response(int status, String body, Duration retryAfter) {
  }

  /** Resolves the host on a worker thread and picks the first address, rejecting private ones unless allowed. */
  private Future<InetAddress> resolve(URI uri) {
    String host = Destinations.host(uri);
    return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
        .compose(addresses -> {
          if (!settings.allowPrivate()) {
            for (InetAddress address : addresses) {
              if (Destinations.isPrivate(address)) {
                return Future.failedFuture(new RejectedDestination("The host " + host + " resolves to "
                    + address.getHostAddress() + ", a loopback, private, link-local or multicast address, which"
                    + " MOMENTUM_WEBHOOKS_ALLOW_PRIVATE does not allow"));
              }
            }
          }
          return Future.succeededFuture(addresses[0]);
        });
  }

  private Future<Response> post(URI uri, InetAddress address, Request request) {
    long timeoutMs = settings.timeout().toMillis();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(uri.toString())
        .setServer(SocketAddress.inetSocketAddress(Destinations.port(uri), address.getHostAddress()))
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("User-Agent", USER_AGENT)
        .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(request.secret(), request.body()))
        .putHeader("X-Momentum-Delivery", request.deliveryId())
        .putHeader("X-Momentum-Event", request.eventType());
    Promise<Response> result = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long deadline = vertx.setTimer(timeoutMs, id -> {
      if (result.tryFail(new TimeoutException("timed out after " + timeoutMs + " ms")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    client.request(options)
        .compose(httpRequest -> {
          sent[0] = httpRequest;
          return httpRequest.send(Buffer.buffer(request.body()));
        })
        .onSuccess(response -> readBody(response, result))
        .onFailure(result::tryFail);
    return result.future().onComplete(ar -> vertx.cancelTimer(deadline));
  }

  /** Keeps the first bytes of the body and drains the rest, completing when the response ends. */
  private void readBody(HttpClientResponse response, Promise<Response> result) {
    Buffer kept = Buffer.buffer();
    int maxBytes = MAX_RESPONSE_CHARS * 4;
    response.handler(chunk -> {
      if (kept.length() < maxBytes) {
        kept.appendBuffer(chunk.slice(0, Math.min(chunk.length(), maxBytes - kept.length())));
      }
    });
    response.exceptionHandler(result::tryFail);
    response.endHandler(v -> {
      Duration retryAfter = response.statusCode() == 429 || response.statusCode() == 503
          ? Backoff.parseRetryAfter(response.getHeader("Retry-After"), clock.instant()) : null;
      result.tryComplete(new Response(response.statusCode(), truncate(kept), retryAfter));
    });
  }

  /** Decodes the kept bytes as UTF-8 and cuts them to {@value #MAX_RESPONSE_CHARS} characters. */
  private static String truncate(Buffer kept) {
    if (kept.length() == 0) {
      return null;
    }
    String text = new String(kept.getBytes(), StandardCharsets.UTF_8).replace("\u0000", "");
    return text.length() > MAX_RESPONSE_CHARS ? text.substring(0, MAX_RESPONSE_CHARS) : text;
  }

  private Outcome failure(Instant startedAt, long started, String error) {
    String cut = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
    return new Outcome(startedAt, elapsedMs(started), null, cut, null, null);
  }

  private static long elapsedMs(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static String describe(Throwable e) {
    if (e instanceof RejectedDestination) {
      return e.getMessage();
    }
    if (e instanceof UnknownHostException) {
      return "The host " + e.getMessage() + " could not be resolved";
    }
    if (e instanceof TimeoutException) {
      return "The request " + e.getMessage();
    }
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    return "The request failed (" + e.getClass().getSimpleName() + message + ")";
  }

  /** A destination whose address the settings do not allow. */
  static final class RejectedDestination extends RuntimeException {
    RejectedDestination(String message) {
      super(message, null, false, false);
    }
  }
}
