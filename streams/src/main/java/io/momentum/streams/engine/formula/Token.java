package io.momentum.streams.engine.formula;

/** One lexical token of a formula, with its 1-based start position. */
record Token(Type type, String text, int position) {

  enum Type { NUMBER, NAME, PLUS, MINUS, STAR, SLASH, LEFT, RIGHT, COMMA, END }
}
