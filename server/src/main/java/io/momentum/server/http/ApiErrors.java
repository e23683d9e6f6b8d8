package io.momentum.server.http;

import io.momentum.streams.event.FieldError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to HTTP responses. Every error body is
 * {@code {"error": {"code", "message", "fields"?, "requestId"?}}}; the message is written for
 * people and never carries exception text. Unexpected failures are logged once with a request id
 * that the response repeats.
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {
  }

  /**
   * Failure handler for every route.
   *
   * @param maxBodyBytes the body limit of the API routes, named in the 413 for a larger body
   */
  public static void handle(RoutingContext ctx, long maxBodyBytes) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (failure instanceof ApiException api) {
      LOG.info("{} {} answered {} {}: {}", ctx.request().method(), ctx.request().path(), api.status(), api.code(), api.getMessage());
      send(ctx, api.status(), api.code(), api.getMessage(), api.fields(), null, api.details());
    } else if (failure instanceof DecodeException || (failure != null && failure.getCause() instanceof DecodeException)) {
      send(ctx, 400, "malformed_json", "The request body is not valid JSON; send a JSON document with Content-Type application/json", List.of(), null);
    } else if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("23")) {
      constraintViolation(ctx, pg);
    } else if (failure instanceof HttpException http) {
      httpStatus(ctx, http.getStatusCode(), maxBodyBytes);
    } else if (failure == null && status >= 400) {
      httpStatus(ctx, status, maxBodyBytes);
    } else {
      String requestId = UUID.randomUUID().toString();
      LOG.error("{} {} failed (request {})", ctx.request().method(), ctx.request().path(), requestId, failure);
      send(ctx, 500, "internal_error", "The server failed to handle the request; report request id " + requestId, List.of(), requestId);
    }
  }

  private static void httpStatus(RoutingContext ctx, int status, long maxBodyBytes) {
    switch (status) {
      case 401 -> send(ctx, 401, "unauthenticated", "Log in, or send an API token as \"Authorization: Bearer <token>\"", List.of(), null);
      case 403 -> send(ctx, 403, "forbidden", "Your credentials do not allow this request", List.of(), null);
      case 404 -> send(ctx, 404, "not_found", "No resource at " + ctx.request().path(), List.of(), null);
      case 405 -> send(ctx, 405, "method_not_allowed", ctx.request().method() + " is not supported on " + ctx.request().path(), List.of(), null);
      case 413 -> send(ctx, 413, "body_too_large", "The request body is larger than " + bytes(maxBodyBytes)
          + ", the limit set by MOMENTUM_MAX_BODY_BYTES; split it into smaller requests", List.of(), null);
      case 415 -> send(ctx, 415, "unsupported_media_type", "Send the body as application/json", List.of(), null);
      case 400 -> send(ctx, 400, "bad_request", "The request is malformed", List.of(), null);
      default -> send(ctx, status, "http_" + status, "The request failed with HTTP status " + status, List.of(), null);
    }
  }

  /** Formats a byte count, adding whole mebibytes when it is a multiple of one: "1048576 bytes (1 MiB)". */
  static String bytes(long count) {
    long mebibyte = 1024L * 1024L;
    return count % mebibyte == 0 ? count + " bytes (" + count / mebibyte + " MiB)" : count + " bytes";
  }

  private static void constraintViolation(RoutingContext ctx, PgException pg) {
    String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
    if ("23505".equals(pg.getSqlState())) {
      String field = constraint.contains("key") ? "key" : "id";
      send(ctx, 409, "conflict", "Another record of your organisation already uses this " + field + "; choose another",
          List.of(FieldError.of(field, "taken", "is already taken")), null);
    } else if ("23503".equals(pg.getSqlState())) {
      send(ctx, 400, "validation_failed", "A referenced record does not exist in your organisation", List.of(), null);
    } else {
      send(ctx, 400, "validation_failed", "The values violate a rule of the goal model (" + constraint + ")", List.of(), null);
    }
  }

  private static void send(RoutingContext ctx, int status, String code, String message,
                           List<FieldError> fields, String requestId) {
    send(ctx, status, code, message, fields, requestId, new JsonObject());
  }

  private static void send(RoutingContext ctx, int status, String code, String message,
                           List<FieldError> fields, String requestId, JsonObject details) {
    JsonObject error = details.copy().put("code", code).put("message", message);
    if (!fields.isEmpty()) {
      JsonArray array = new JsonArray();
      fields.forEach(f -> array.add(f.toJson()));
      error.put("fields", array);
    }
    if (requestId != null) {
      error.put("requestId", requestId);
    }
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).encode());
  }
}
