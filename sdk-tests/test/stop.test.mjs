// StopTestCaseExecution: a run still going ends STOPPED, a stopped run never moves again, and a
// finished run cannot be stopped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidRequestException, ResourceNotFoundException } from '@aws-sdk/client-connect';
import {
  assertEmptyOutput, expectServiceError, newInstanceId, useEmulator, waitForStatus, waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();

/** Creates a published test case of 5 observations unless `observations` says otherwise, and starts a run of it. */
const startRun = ({ observations = 5, Tags } = {}) => emulator.startRun({ observations, Tags });
const stop = (run, ClientToken) => emulator.stop(run, { ClientToken });
const summaryOf = (run) => emulator.summaryOf(run);
const recordsOf = (run) => emulator.recordsOf(run);

/** Starts a run and waits until it reports IN_PROGRESS. */
async function runInProgress(options) {
  const run = await startRun(options);
  await waitForStatus(emulator.client, run, ['IN_PROGRESS']);
  return run;
}

test('a stop answers an empty 200 response', async () => {
  const run = await startRun();

  const response = await stop(run);

  assertEmptyOutput(response);
});

test('stopping an INITIATED run makes it STOPPED with an EndTime', async () => {
  const run = await startRun();

  await stop(run);

  const summary = await summaryOf(run);
  assert.equal(run.started.Status, 'INITIATED');
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
  assert.ok(summary.EndTime.getTime() >= summary.StartTime.getTime(), 'EndTime is not before StartTime');
});

test('stopping an IN_PROGRESS run makes it STOPPED with an EndTime', async () => {
  const run = await runInProgress();

  await stop(run);

  const summary = await summaryOf(run);
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
});

test('the open record of a stopped run becomes STOPPED', async () => {
  const run = await runInProgress();
  await emulator.waitForRecord(run, 'IN_PROGRESS');

  await stop(run);

  const records = await recordsOf(run);
  assert.ok(records.length >= 1, 'the run reached at least one observation');
  assert.equal(records.at(-1).Status, 'STOPPED', `records: ${records.map((record) => record.Status).join(', ')}`);
  assert.ok(records.slice(0, -1).every((record) => record.Status === 'PASSED'),
    `records before the open one stay PASSED: ${records.map((record) => record.Status).join(', ')}`);
});

test('a STOPPED record\'s Record says STOPPED and has an endedAt', async () => {
  const run = await runInProgress();
  await emulator.waitForRecord(run);

  await stop(run);

  const stopped = (await recordsOf(run)).find((record) => record.Status === 'STOPPED');
  assert.ok(stopped, 'a STOPPED record');
  const detail = JSON.parse(stopped.Record);
  assert.equal(detail.status, 'STOPPED');
  assert.equal(detail.observationId, stopped.ObservationId);
  assert.equal(typeof detail.endedAt, 'number', `endedAt: ${stopped.Record}`);
  assert.ok(stopped.Timestamp instanceof Date);
});

test('a stopped record counts as neither passed nor failed', async () => {
  const run = await runInProgress({ observations: 5 });

  await stop(run);

  const summary = await summaryOf(run);
  const records = await recordsOf(run);
  const passed = records.filter((record) => record.Status === 'PASSED').length;
  assert.ok(records.some((record) => record.Status === 'STOPPED'), `a STOPPED record: ${records.map((record) => record.Status).join(', ')}`);
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 5, ObservationsPassed: passed, ObservationsFailed: 0 });
});

test('a run stopped while INITIATED counts no observation', async () => {
  const run = await startRun({ observations: 3 });

  await stop(run);

  const summary = await summaryOf(run);
  assert.equal(run.started.Status, 'INITIATED');
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 3, ObservationsPassed: 0, ObservationsFailed: 0 });
});

test('a stopped run stays STOPPED', async () => {
  const run = await startRun({ observations: 3 });
  await stop(run);
  const stopped = await summaryOf(run);

  const deadline = Date.now() + 1_000;
  while (Date.now() < deadline) {
    await sleep(50);
    const later = await summaryOf(run);
    assert.equal(later.Status, 'STOPPED');
    assert.equal(later.EndTime.getTime(), stopped.EndTime.getTime(), 'EndTime never changes');
    assert.deepEqual(later.ObservationSummary, stopped.ObservationSummary);
  }
});

test('the records of a stopped run do not change afterwards', async () => {
  const run = await runInProgress({ observations: 4 });
  await stop(run);
  const recordsAtStop = await recordsOf(run);

  await sleep(600);

  assert.deepEqual(await recordsOf(run), recordsAtStop);
});

/** The client token of a second stop, given the first one's. */
const SECOND_STOP_TOKENS = {
  'the same client token': (firstToken) => firstToken,
  'a new client token': () => randomUUID(),
};

for (const [which, secondToken] of Object.entries(SECOND_STOP_TOKENS)) {
  test(`stopping an already STOPPED run with ${which} answers 200 and changes nothing`, async () => {
    const run = await startRun();
    const token = randomUUID();
    await stop(run, token);
    const before = await summaryOf(run);
    await sleep(20);

    const response = await stop(run, secondToken(token));

    assertEmptyOutput(response);
    const after = await summaryOf(run);
    assert.equal(after.Status, 'STOPPED');
    assert.equal(after.EndTime.getTime(), before.EndTime.getTime(), 'EndTime unchanged');
  });
}

test('stopping a PASSED run fails with InvalidRequestException', async () => {
  const run = await startRun({ observations: 2 });
  const { summary } = await waitForTerminal(emulator.client, run);
  assert.equal(summary.Status, 'PASSED');

  await expectServiceError(stop(run), InvalidRequestException, 400);
});

test('a PASSED run stays PASSED after a rejected stop', async () => {
  const run = await startRun({ observations: 2 });
  const { summary } = await waitForTerminal(emulator.client, run);

  await expectServiceError(stop(run), InvalidRequestException, 400);

  const after = await summaryOf(run);
  assert.equal(after.Status, 'PASSED');
  assert.equal(after.EndTime.getTime(), summary.EndTime.getTime());
});

test('stopping a FAILED run fails with InvalidRequestException', async () => {
  const run = await startRun({ observations: 2, Tags: { 'emulator:outcome': 'FAILED' } });
  const { summary } = await waitForTerminal(emulator.client, run);
  assert.equal(summary.Status, 'FAILED');

  await expectServiceError(stop(run), InvalidRequestException, 400);
});

test('stopping an unknown execution fails with ResourceNotFoundException', async () => {
  const { TestCaseId } = await emulator.createTestCase({ observations: 5 });

  await expectServiceError(stop({ TestCaseId, TestCaseExecutionId: randomUUID() }), ResourceNotFoundException, 404);
});

test('stopping an execution of an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(stop({ TestCaseId: randomUUID(), TestCaseExecutionId: randomUUID() }), ResourceNotFoundException, 404);
});

test('stopping an execution under another test case id fails with ResourceNotFoundException', async () => {
  const run = await startRun();
  const { TestCaseId: otherTestCase } = await emulator.createTestCase({ observations: 5 });

  await expectServiceError(stop({ TestCaseId: otherTestCase, TestCaseExecutionId: run.TestCaseExecutionId }),
    ResourceNotFoundException, 404);
});

test('stopping an execution from another instance fails with ResourceNotFoundException', async () => {
  const run = await startRun();

  const stopElsewhere = emulator.stop({ ...run, InstanceId: newInstanceId() });

  await expectServiceError(stopElsewhere, ResourceNotFoundException, 404);
});

test('a stop under the wrong test case id leaves the run going', async () => {
  const run = await startRun({ observations: 2 });
  const { TestCaseId: otherTestCase } = await emulator.createTestCase({ observations: 5 });

  await expectServiceError(stop({ TestCaseId: otherTestCase, TestCaseExecutionId: run.TestCaseExecutionId }),
    ResourceNotFoundException, 404);

  const { summary } = await waitForTerminal(emulator.client, run);
  assert.equal(summary.Status, 'PASSED');
});

test('a stopped run is listed as STOPPED with its EndTime', async () => {
  const run = await startRun();
  await stop(run);
  const summary = await summaryOf(run);

  const { TestCaseExecutions } = await emulator.listTestCaseExecutions({ TestCaseId: run.TestCaseId });

  assert.equal(TestCaseExecutions.length, 1);
  assert.equal(TestCaseExecutions[0].TestCaseExecutionStatus, 'STOPPED');
  assert.equal(TestCaseExecutions[0].EndTime.getTime(), summary.EndTime.getTime());
});

test('a start replayed after a stop reports the run STOPPED', async () => {
  const { TestCaseId } = await emulator.createTestCase({ observations: 5 });
  const token = randomUUID();
  const started = await emulator.startTestCaseExecution({ TestCaseId, ClientToken: token });
  await stop({ TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId });

  const replay = await emulator.startTestCaseExecution({ TestCaseId, ClientToken: token });

  assert.equal(replay.TestCaseExecutionId, started.TestCaseExecutionId);
  assert.equal(replay.Status, 'STOPPED');
});
