package io.momentum.streams.load;

/** JSON string literals for the hand-built event text, which is faster than building a JsonObject per event. */
final class JsonText {

  private JsonText() {
  }

  /** Returns {@code text} as a quoted JSON string, with quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
