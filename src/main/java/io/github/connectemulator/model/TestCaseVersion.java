package io.github.connectemulator.model;

/**
 * One version of a test case, immutable so that it can be handed to runs and replies without copying.
 *
 * @param document the parsed Content; present on PUBLISHED versions (which are validated), null on SAVED drafts
 * @param lastModifiedTime epoch milliseconds
 * @param sha256 lowercase hex SHA-256 of {@code content} as UTF-8
 */
public record TestCaseVersion(
    String name,
    String content,
    String description,
    EntryPoint entryPoint,
    String initializationData,
    TestCaseStatus status,
    long lastModifiedTime,
    String lastModifiedRegion,
    String sha256,
    ContentDocument document) {}
