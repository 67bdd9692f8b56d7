package io.github.connectemulator.owner.protocol;

import io.github.connectemulator.model.TestCaseVersion;
import java.util.Map;

/** Reply to {@link DescribeTestCase}: one version of a test case with its identity and tags, all immutable. */
public record TestCaseView(String id, String arn, Map<String, String> tags, TestCaseVersion version) {}
