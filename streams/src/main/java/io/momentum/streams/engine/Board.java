package io.momentum.streams.engine;

/**
 * Version counter of one live board. It is the sum of the versions of the board's members plus
 * the versions that departed members had when they left, so it never goes down.
 */
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
