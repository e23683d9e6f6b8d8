package io.momentum.streams.engine.formula;

import java.util.ArrayList;
import java.util.List;

/** Splits formula text into tokens; rejects any character the language does not use. */
final class Lexer {

  /** Longest number literal, digits and decimal point together. */
  static final int MAX_NUMBER_LENGTH = 40;

  private Lexer() {
  }

  static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int position = i + 1;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (isDigit(c) || c == '.') {
        int end = scanNumber(text, i);
        tokens.add(new Token(Token.Type.NUMBER, text.substring(i, end), position));
        i = end;
      } else if (isNameStart(c)) {
        int end = i + 1;
        while (end < text.length() && isNamePart(text.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Token.Type.NAME, text.substring(i, end), position));
        i = end;
      } else {
        Token.Type type = switch (c) {
          case '+' -> Token.Type.PLUS;
          case '-' -> Token.Type.MINUS;
          case '*' -> Token.Type.STAR;
          case '/' -> Token.Type.SLASH;
          case '(' -> Token.Type.LEFT;
          case ')' -> Token.Type.RIGHT;
          case ',' -> Token.Type.COMMA;
          default -> throw unexpected(text, i);
        };
        tokens.add(new Token(type, String.valueOf(c), position));
        i++;
      }
    }
    tokens.add(new Token(Token.Type.END, "", text.length() + 1));
    return tokens;
  }

  private static int scanNumber(String text, int start) {
    int end = start;
    boolean point = false;
    boolean digits = false;
    while (end < text.length()) {
      char c = text.charAt(end);
      if (isDigit(c)) {
        digits = true;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
      end++;
    }
    if (!digits) {
      throw new FormulaException(start + 1, "number", "a decimal point without digits",
          "write numbers such as 0.5 or 12");
    }
    if (end < text.length() && (text.charAt(end) == '.' || isNameStart(text.charAt(end))
        || Character.isLetter(text.charAt(end)))) {
      throw new FormulaException(end + 1, "number", "invalid number '" + text.substring(start, end + 1)
          + "'", "write numbers as digits with at most one decimal point, without exponents");
    }
    if (end - start > MAX_NUMBER_LENGTH) {
      throw new FormulaException(start + 1, "number", "number longer than " + MAX_NUMBER_LENGTH
          + " characters", "use a shorter number");
    }
    return end;
  }

  private static FormulaException unexpected(String text, int index) {
    int codePoint = text.codePointAt(index);
    boolean invisible = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint);
    String character = invisible ? String.format("U+%04X", codePoint) : new String(Character.toChars(codePoint));
    String shown = invisible ? character : "'" + character + "'";
    String hint = "formulas use numbers, lower-case variable names, + - * /, parentheses and "
        + "min, max, abs or round";
    if (codePoint >= 'A' && codePoint <= 'Z') {
      hint = "variable names are lower case";
    }
    return new FormulaException(index + 1, "character", character, "unexpected character " + shown, hint);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }
}
