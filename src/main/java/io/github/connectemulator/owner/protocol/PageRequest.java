package io.github.connectemulator.owner.protocol;

/**
 * Which page a list operation asks for.
 *
 * @param maxResults the page size, already checked against the operation's range
 * @param after the owner's cursor from the previous page's token, or null for the first page
 */
public record PageRequest(int maxResults, String after) {}
