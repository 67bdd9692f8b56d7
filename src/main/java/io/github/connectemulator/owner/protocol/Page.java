package io.github.connectemulator.owner.protocol;

import java.util.List;

/**
 * One page of a list or search reply.
 *
 * @param next the owner's cursor for the next page, or null on the last page
 * @param total the number of matches on all pages (SearchTestCases' ApproximateTotalCount), or -1
 */
public record Page<T>(List<T> items, String next, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
