package io.github.connectemulator.owner;

import io.github.connectemulator.model.Execution;
import io.github.connectemulator.model.ExecutionStatus;
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
  /** The sequence number of its newest run in the owner's {@link FinishedRuns}, or -1: its finished runs' chain. */
  long newestFinished = -1;
  /** Its finished runs still retained, by {@link ExecutionStatus#ordinal()}. */
  final int[] finishedByStatus = new int[ExecutionStatus.values().length];

  InstanceState(String id) {
    this.id = id;
  }
}
