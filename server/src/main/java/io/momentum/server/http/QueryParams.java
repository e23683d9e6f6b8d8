package io.momentum.server.http;

import io.momentum.streams.event.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads query parameters, collecting invalid ones like {@link BodyReader} does for bodies.
 * Unknown parameters are rejected so that a misspelt filter never silently returns everything.
 */
public final class QueryParams {

  /** Default and largest page size of list endpoints. */
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  private final RoutingContext ctx;
  private final List<FieldError> errors = new ArrayList<>();
  private final Set<String> read = new java.util.HashSet<>();

  public QueryParams(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /** Reads an optional id parameter. */
  public UUID uuid(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "must be an id such as 3f0c2a9e-5b1d-4c8e-9a7f-1e2d3c4b5a69"));
      return null;
    }
  }

  /** Reads an optional text parameter of at most 200 characters. */
  public String text(String name) {
    read.add(name);
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      errors.add(new FieldError(name, "is given " + values.size() + " times; give it once"));
      return null;
    }
    if (values.get(0).length() > 200) {
      errors.add(new FieldError(name, "is longer than 200 characters"));
      return null;
    }
    return values.get(0);
  }

  /** Reads the page size {@code limit}: 1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
  public int limit() {
    String value = text("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  /** Records an invalid parameter found by a rule of the endpoint. */
  public void reject(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Rejects unknown parameters and throws a 400 listing every invalid one, if any. */
  public void finish() {
    for (String name : ctx.queryParams().names()) {
      if (!read.contains(name)) {
        errors.add(new FieldError(name, "is not a known query parameter of this endpoint"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
