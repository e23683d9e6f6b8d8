package io.momentum.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Reads ids from request paths. */
public final class PathIds {

  private PathIds() {
  }

  /**
   * Reads the id path parameter {@code name}. A value that is not an id gets a 404 naming
   * {@code what}, since nothing can have that id.
   */
  public static UUID read(RoutingContext ctx, String name, String what) {
    String value = ctx.pathParam(name);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(what + " " + value);
    }
  }
}
