package io.momentum.server.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Reads the version a client based its update on, for optimistic concurrency: {@code "version"}
 * in the body or an {@code If-Match} header ({@code "3"}, {@code 3} or {@code W/"3"}). When both
 * are given they must agree.
 */
public final class ExpectedVersion {

  private ExpectedVersion() {
  }

  /**
   * Reads the expected version, recording a missing or invalid one as an error of {@code body};
   * returns null then.
   */
  public static Integer read(RoutingContext ctx, BodyReader body) {
    int errorsBefore = body.errors().size();
    Integer fromBody = body.integer("version", 1, Integer.MAX_VALUE, false);
    boolean bodyInvalid = body.errors().size() > errorsBefore;
    String header = ctx.request().getHeader("If-Match");
    Integer fromHeader = null;
    if (header != null) {
      fromHeader = parseEntityTag(header);
      if (fromHeader == null) {
        body.reject("If-Match", "must be the version you last read as an entity tag, such as \"3\", not " + header);
        return null;
      }
    }
    if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
      body.reject("version", "is " + fromBody + " but If-Match names version " + fromHeader + "; send one of them");
      return null;
    }
    Integer version = fromBody != null ? fromBody : fromHeader;
    if (version == null && !bodyInvalid) {
      body.reject("version", "is missing; send the version you last read, in the body or as If-Match");
    }
    return version;
  }

  /** Returns the entity tag of a version, as sent in {@code ETag}. */
  public static String entityTag(int version) {
    return "\"" + version + "\"";
  }

  private static Integer parseEntityTag(String header) {
    String tag = header.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      int version = Integer.parseInt(tag);
      return version >= 1 ? version : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
