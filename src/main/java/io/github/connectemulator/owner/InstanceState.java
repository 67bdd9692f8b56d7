package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.TestCase;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything one Connect instance holds. Owned by exactly one {@link ExecutionOwner}; never shared. */
final class InstanceState {

  /** The instance id; runs refer to this one string rather than to a copy per request. */
  final String id;
  /** In creation order, which is the listing order. */
  final Map<String, TestCase> testCases = new LinkedHashMap<>();
  /** The sequence number the next test case gets. */
  long nextTestCaseSequence;
  /** Executions started so far: the counter of seeded execution ids. */
  long executionsStarted;
  /** Runs holding a running slot (quota.maxRunningPerInstance). */
  int running;
  /** Runs waiting INITIATED for a slot, in start order. */
  final ArrayDeque<Execution> waiting = new ArrayDeque<>();
  /** Every name carried by any version of any test case, to the test case that carries it. */
  final Map<String, TestCase> testCasesByName = new HashMap<>();
  final Map<String, Execution> executions = new HashMap<>();
  /**
   * Start's idempotency: test case id, then ClientToken, to the run it started. Tokens are scoped to the test case:
   * the same token on another test case is another request.
   */
  private final Map<String, Map<String, Execution>> executionsByToken = new HashMap<>();

  InstanceState(String id) {
    this.id = id;
  }

  /** The run started on this test case with this token, or null. */
  Execution startedWith(String testCaseId, String clientToken) {
    Map<String, Execution> tokens = executionsByToken.get(testCaseId);
    return tokens == null ? null : tokens.get(clientToken);
  }

  void add(Execution execution) {
    executions.put(execution.id(), execution);
    if (execution.clientToken() != null) {
      executionsByToken
          .computeIfAbsent(execution.testCaseId(), testCase -> new HashMap<>())
          .put(execution.clientToken(), execution);
    }
  }

  /** Forgets a run and its token. */
  void remove(Execution execution) {
    executions.remove(execution.id());
    Map<String, Execution> tokens =
        execution.clientToken() == null ? null : executionsByToken.get(execution.testCaseId());
    if (tokens != null && tokens.remove(execution.clientToken(), execution) && tokens.isEmpty()) {
      executionsByToken.remove(execution.testCaseId());
    }
  }
}
