package io.momentum.streams.engine;

/** Version of one live board: the sum of the versions of the board's current members. */
final class Board {

  final BoardRef ref;
  long version;
  /** False while the unit or node the board is named after is only referenced, not defined. */
  boolean exists;

  Board(BoardRef ref, boolean exists) {
    this.ref = ref;
    this.exists = exists;
  }
}
