package io.momentum.streams.engine;

/**
 * Reference to a live board: {@code unit:<unitId>}, {@code portfolio:<orgId>} or
 * {@code goal:<nodeId>}.
 */
public record BoardRef(Type type, String id) {

  /** Kind of board. */
  public enum Type { UNIT, PORTFOLIO, GOAL }

  /**
   * Parses {@code type:id}; returns null when the text is not a board reference, so callers can
   * answer with their own error.
   */
  public static BoardRef parse(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || text.length() > 200) {
      return null;
    }
    String id = text.substring(colon + 1);
    return switch (text.substring(0, colon)) {
      case "unit" -> new BoardRef(Type.UNIT, id);
      case "portfolio" -> new BoardRef(Type.PORTFOLIO, id);
      case "goal" -> new BoardRef(Type.GOAL, id);
      default -> null;
    };
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
