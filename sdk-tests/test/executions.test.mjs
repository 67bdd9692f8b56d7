// StartTestCaseExecution and GetTestCaseExecutionSummary: a run starts, progresses and finishes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOWERCASE_UUID, assertDateBetween, assertHasRequestId, assertMonotoneStatuses, instanceArn, useEmulator, waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const { instanceId } = emulator;

const start = (TestCaseId, InstanceId) => emulator.startTestCaseExecution({ InstanceId, TestCaseId });

test('starting a published test case returns a new INITIATED execution', async () => {
  const { TestCaseId } = await emulator.createTestCase();

  const started = await start(TestCaseId);

  assertHasRequestId(started);
  assert.match(started.TestCaseExecutionId, LOWERCASE_UUID);
  assert.equal(started.TestCaseId, TestCaseId);
  assert.equal(started.Status, 'INITIATED');
});

test('a run goes IN_PROGRESS, then PASSED, with its start and end times', async () => {
  const { TestCaseId } = await emulator.createTestCase({ observations: 3 });

  const startedAt = Date.now();
  const { TestCaseExecutionId } = await start(TestCaseId);
  const startReturnedAt = Date.now();
  const { summary, polls, seen } = await waitForTerminal(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId });

  assertMonotoneStatuses(seen);
  assert.ok(seen.includes('IN_PROGRESS'), `IN_PROGRESS should be observed; saw ${seen.join(' → ')}`);
  assert.equal(summary.Status, 'PASSED');
  for (const poll of polls) {
    assertHasRequestId(poll);
    assertDateBetween(poll.StartTime, startedAt, startReturnedAt, 2_000, 'StartTime');
    assert.equal(poll.StartTime.getTime(), summary.StartTime.getTime(), 'StartTime never changes');
    if (poll.Status !== 'PASSED') assert.equal(poll.EndTime, undefined, `EndTime while ${poll.Status}`);
  }
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run has ended');
  assert.ok(summary.EndTime.getTime() >= summary.StartTime.getTime(), 'EndTime is not before StartTime');
});

for (const observations of [1, 2, 3]) {
  test(`a passed run of ${observations} observation(s) counts every observation as passed`, async () => {
    const { TestCaseId } = await emulator.createTestCase({ observations });
    const { TestCaseExecutionId } = await start(TestCaseId);

    const { summary } = await waitForTerminal(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId });

    assert.equal(summary.Status, 'PASSED');
    assert.deepEqual(summary.ObservationSummary, {
      TotalObservations: observations,
      ObservationsPassed: observations,
      ObservationsFailed: 0,
    });
  });
}

test('a test case tagged emulator:outcome=FAILED ends FAILED with one failed observation', async () => {
  const { TestCaseId } = await emulator.createTestCase({ observations: 3, Tags: { 'emulator:outcome': 'FAILED' } });
  const { TestCaseExecutionId } = await start(TestCaseId);

  const { summary, seen } = await waitForTerminal(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId });

  assertMonotoneStatuses(seen);
  assert.equal(summary.Status, 'FAILED');
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 3, ObservationsPassed: 2, ObservationsFailed: 1 });
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run has ended');
});

test('a run can be started and read through the instance ARN', async () => {
  const { TestCaseId } = await emulator.createTestCase();

  const started = await start(TestCaseId, instanceArn(instanceId));
  const byArn = await waitForTerminal(emulator.client,
    { InstanceId: instanceArn(instanceId), TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId });
  const byBareId = await emulator.getTestCaseExecutionSummary(
    { InstanceId: instanceId, TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId });

  assert.equal(started.Status, 'INITIATED');
  assert.equal(byArn.summary.Status, 'PASSED');
  assert.equal(byBareId.Status, 'PASSED');
});
