// Quotas of the default profile `aws`: per instance at most 5 runs IN_PROGRESS (the rest wait INITIATED in start
// order and start as soon as a slot frees) and at most 100 queued counting the running ones; the next Start gets
// ServiceQuotaExceededException (402). The runs here are slow (emulator:observationMillis = 60 s), so they hold
// their slots for the whole test; each test uses its own instance and stops its runs afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceQuotaExceededException } from '@aws-sdk/client-connect';
import { SLOW_TAGS, expectServiceError, pollUntil, uniqueName, useEmulator, waitForStatus } from './support/fixtures.mjs';

const emulator = useEmulator();

const MAX_RUNNING = 5;
const MAX_QUEUED = 100;

/**
 * A fresh instance with one slow published test case. `start()` starts a run of it and remembers it;
 * every run still going is stopped when the test ends.
 */
const slowInstance = (t) => emulator.runner(t, { Name: uniqueName('slow'), Tags: SLOW_TAGS });

const statusOf = async (run) => (await emulator.summaryOf(run)).Status;

/** Statuses of every run of the instance, counted, as ListTestCaseExecutions shows them. */
async function statusCounts(InstanceId) {
  const counts = {};
  let NextToken;
  do {
    const page = await emulator.listTestCaseExecutions({ InstanceId, NextToken });
    for (const execution of page.TestCaseExecutions) {
      counts[execution.TestCaseExecutionStatus] = (counts[execution.TestCaseExecutionStatus] ?? 0) + 1;
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return counts;
}

/** Waits until `count` runs of the instance are IN_PROGRESS (the others having had time to start too). */
async function waitForRunning(InstanceId, count, timeoutMs = 5_000) {
  const { result } = await pollUntil(() => statusCounts(InstanceId), (counts) => (counts.IN_PROGRESS ?? 0) >= count, {
    intervalMs: 20, timeoutMs, failure: (polls) => `never ${count} runs IN_PROGRESS; counts: ${JSON.stringify(polls.at(-1))}`,
  });
  return result;
}

test('the 101st start on one instance fails with ServiceQuotaExceededException (402)', async (t) => {
  const instance = await slowInstance(t);
  const accepted = await instance.startMany(MAX_QUEUED);

  const error = await expectServiceError(instance.start(), ServiceQuotaExceededException, 402);

  assert.equal(accepted.length, MAX_QUEUED);
  assert.ok(accepted.every((run) => run.started.Status === 'INITIATED'), 'all 100 starts answer INITIATED');
  assert.equal(error.$metadata.httpStatusCode, 402);
  assert.equal(error.name, 'ServiceQuotaExceededException');
});

test('a start refused by the quota creates no execution', async (t) => {
  const instance = await slowInstance(t);
  await instance.startMany(MAX_QUEUED);
  await assert.rejects(instance.start(), ServiceQuotaExceededException);

  const counts = await statusCounts(instance.InstanceId);

  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  assert.equal(total, MAX_QUEUED, `executions listed: ${JSON.stringify(counts)}`);
});

test('only 5 runs of one instance are IN_PROGRESS at once; the 6th waits INITIATED', async (t) => {
  const instance = await slowInstance(t);
  const runs = await instance.startMany(MAX_RUNNING + 1);

  await waitForRunning(instance.InstanceId, MAX_RUNNING);
  await new Promise((resolve) => setTimeout(resolve, 300)); // well past timing.initiatedMillis (50 ms)

  const statuses = [];
  for (const run of runs) statuses.push(await statusOf(run));
  assert.deepEqual(statuses, [...Array(MAX_RUNNING).fill('IN_PROGRESS'), 'INITIATED']);
});

test('stopping a running run lets the oldest waiting run go IN_PROGRESS within a second', async (t) => {
  const instance = await slowInstance(t);
  const runs = await instance.startMany(MAX_RUNNING + 2);
  await waitForRunning(instance.InstanceId, MAX_RUNNING);
  const [oldestWaiting, youngestWaiting] = runs.slice(MAX_RUNNING);

  await emulator.stop(runs[0]);

  await waitForStatus(emulator.client, oldestWaiting, ['IN_PROGRESS'], { timeoutMs: 1_000 });
  assert.equal(await statusOf(youngestWaiting), 'INITIATED', 'the younger waiting run keeps waiting');
  assert.equal(await statusOf(runs[0]), 'STOPPED');
});

test('stopping a run of a full instance lets the next start in', async (t) => {
  const instance = await slowInstance(t);
  const runs = await instance.startMany(MAX_QUEUED);
  await assert.rejects(instance.start(), ServiceQuotaExceededException);

  await emulator.stop(runs[0]);
  const next = await instance.start();

  assert.equal(next.started.Status, 'INITIATED');
  await assert.rejects(instance.start(), ServiceQuotaExceededException, 'the instance is full again');
});

test('stopping a waiting run frees its place in the queue', async (t) => {
  const instance = await slowInstance(t);
  const runs = await instance.startMany(MAX_QUEUED);
  await assert.rejects(instance.start(), ServiceQuotaExceededException);

  await emulator.stop(runs.at(-1));
  const next = await instance.start();

  assert.equal(next.started.Status, 'INITIATED');
});

test('a full instance does not limit the starts of another instance', async (t) => {
  const full = await slowInstance(t);
  await full.startMany(MAX_QUEUED);
  await assert.rejects(full.start(), ServiceQuotaExceededException);
  const other = await slowInstance(t);

  const run = await other.start();

  assert.equal(run.started.Status, 'INITIATED');
});

test('the quota counts per instance, not per test case', async (t) => {
  const instance = await slowInstance(t);
  await instance.startMany(MAX_QUEUED);
  const { TestCaseId } = await emulator.createTestCase({
    InstanceId: instance.InstanceId, Name: uniqueName('second'), Tags: SLOW_TAGS,
  });

  await expectServiceError(emulator.startTestCaseExecution({ InstanceId: instance.InstanceId, TestCaseId }),
    ServiceQuotaExceededException, 402);
});
