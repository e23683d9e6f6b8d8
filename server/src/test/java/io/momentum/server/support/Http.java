package io.momentum.server.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A blocking HTTP client of the test node, authenticated by an API token or a session cookie. */
public final class Http {

  // Held by this object: Vert.x closes an unreachable client, and its connections with it.
  private final WebClient client;
  private final String authorization;
  private String cookie;

  private Http(WebClient client, String authorization) {
    this.client = client;
    this.authorization = authorization;
  }

  /** A client that sends {@code Authorization: Bearer <token>}. */
  public static Http withToken(String token) {
    return new Http(client(), token == null ? null : "Bearer " + token);
  }

  /** A client without credentials (it keeps a session cookie once it logs in). */
  public static Http anonymous() {
    return new Http(client(), null);
  }

  private static WebClient client() {
    return WebClient.create(TestNode.get().vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(TestNode.httpPort()));
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  public HttpResponse<Buffer> post(String path, Object body) {
    return send(HttpMethod.POST, path, body == null ? null : Buffer.buffer(Json.encode(body)), "application/json");
  }

  public HttpResponse<Buffer> put(String path, Object body) {
    return send(HttpMethod.PUT, path, Buffer.buffer(Json.encode(body)), "application/json");
  }

  public HttpResponse<Buffer> patch(String path, Object body) {
    return send(HttpMethod.PATCH, path, Buffer.buffer(Json.encode(body)), "application/json");
  }

  /** Sends a PATCH with the header {@code If-Match: "<version>"}. */
  public HttpResponse<Buffer> patchIfMatch(String path, Object body, int version) {
    return send(HttpMethod.PATCH, path, Buffer.buffer(Json.encode(body)), "application/json", "\"" + version + "\"");
  }

  public HttpResponse<Buffer> delete(String path) {
    return send(HttpMethod.DELETE, path, null, null);
  }

  /** Sends a DELETE with the header {@code If-Match: "<version>"}. */
  public HttpResponse<Buffer> deleteIfMatch(String path, int version) {
    return send(HttpMethod.DELETE, path, null, null, "\"" + version + "\"");
  }

  /** Sends a PATCH with an {@code If-Match} header written as given. */
  public HttpResponse<Buffer> patchIfMatch(String path, Object body, String ifMatch) {
    return send(HttpMethod.PATCH, path, Buffer.buffer(Json.encode(body)), "application/json", ifMatch);
  }

  /** Posts raw text with a content type. */
  public HttpResponse<Buffer> postRaw(String path, String body, String contentType) {
    return send(HttpMethod.POST, path, Buffer.buffer(body), contentType);
  }

  /** Posts raw bytes with a content type. */
  public HttpResponse<Buffer> postBytes(String path, Buffer body, String contentType) {
    return send(HttpMethod.POST, path, body, contentType);
  }

  /**
   * Posts a JSON body as Jira Cloud sends a webhook: with {@code X-Hub-Signature} and a fresh
   * {@code X-Atlassian-Webhook-Identifier}.
   */
  public HttpResponse<Buffer> postSigned(String path, byte[] body, String signature) {
    return client.post(path)
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Hub-Signature", signature)
        .putHeader("X-Atlassian-Webhook-Identifier", java.util.UUID.randomUUID().toString())
        .sendBuffer(Buffer.buffer(body)).await();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, String contentType) {
    return send(method, path, body, contentType, null);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, String contentType, String ifMatch) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(body)).await();
    MultiMap headers = response.headers();
    for (String setCookie : headers.getAll("Set-Cookie")) {
      if (setCookie.startsWith("momentum.session=")) {
        cookie = setCookie.substring(0, setCookie.indexOf(';') < 0 ? setCookie.length() : setCookie.indexOf(';'));
      }
    }
    return response;
  }

  /** The session cookie this client holds, or null. */
  public String cookie() {
    return cookie;
  }

  /** Returns the body of a response as JSON. */
  public static JsonObject json(HttpResponse<Buffer> response) {
    return new JsonObject(response.bodyAsString());
  }
}
