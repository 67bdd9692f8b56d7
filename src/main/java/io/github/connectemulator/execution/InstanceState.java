package io.github.connectemulator.execution;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.TestCase;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything one Connect instance holds. Owned by exactly one {@link ExecutionOwner}; never shared. */
final class InstanceState {

  /** In creation order, which is the listing order. */
  final Map<String, TestCase> testCases = new LinkedHashMap<>();
  /** Every name carried by any version of any test case, to the test case that carries it. */
  final Map<String, TestCase> testCasesByName = new HashMap<>();
  final Map<String, Execution> executions = new HashMap<>();
  /** Start's idempotency: {@link #tokenKey} to the run it started. */
  final Map<String, Execution> executionsByToken = new HashMap<>();

  /** ClientTokens are scoped to the test case: the same token on another test case is another request. */
  static String tokenKey(String testCaseId, String clientToken) {
    return testCaseId + '\u0000' + clientToken;
  }
}
