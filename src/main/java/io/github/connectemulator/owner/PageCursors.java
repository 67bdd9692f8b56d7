package io.github.connectemulator.owner;

import io.github.connectemulator.operations.AwsFailure;

/** Reads the owners' numeric page cursors (a position in a list), which the faces carry inside signed NextTokens. */
final class PageCursors {

  private PageCursors() {}

  /** The position after which the next page starts, or -1 for the first page. */
  static long position(String cursor) {
    if (cursor == null) {
      return -1;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw AwsFailure.invalidParameter("The NextToken is not valid for this operation");
    }
  }
}
