// StopTestCaseExecution: a run still going ends STOPPED, a stopped run never moves again, and a
// finished run cannot be stopped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTestCaseCommand,
  GetTestCaseExecutionSummaryCommand,
  InvalidRequestException,
  ListTestCaseExecutionRecordsCommand,
  ListTestCaseExecutionsCommand,
  ResourceNotFoundException,
  StartTestCaseExecutionCommand,
  StopTestCaseExecutionCommand,
} from '@aws-sdk/client-connect';
import { useEmulator } from './support/emulator.mjs';
import {
  assertEmptyOutput,
  contentWithObservations,
  expectServiceError,
  newInstanceId,
  uniqueName,
  waitForStatus,
  waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const instanceId = newInstanceId();

async function createPublished({ observations = 5, Tags } = {}) {
  const { TestCaseId } = await emulator.client.send(new CreateTestCaseCommand({
    InstanceId: instanceId, Name: uniqueName(), Content: contentWithObservations(observations), Tags,
  }));
  return TestCaseId;
}

/** Creates a published test case and starts a run of it; returns { TestCaseId, TestCaseExecutionId, Status }. */
async function startRun(options) {
  const TestCaseId = await createPublished(options);
  const started = await emulator.client.send(new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId }));
  return { TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId, Status: started.Status };
}

const stop = ({ TestCaseId, TestCaseExecutionId }, ClientToken) => emulator.client.send(new StopTestCaseExecutionCommand({
  InstanceId: instanceId, TestCaseId, TestCaseExecutionId, ClientToken,
}));

const summaryOf = ({ TestCaseId, TestCaseExecutionId }) => emulator.client.send(
  new GetTestCaseExecutionSummaryCommand({ InstanceId: instanceId, TestCaseId, TestCaseExecutionId }));

const recordsOf = async ({ TestCaseId, TestCaseExecutionId }) => (await emulator.client.send(
  new ListTestCaseExecutionRecordsCommand({ InstanceId: instanceId, TestCaseId, TestCaseExecutionId }))).ExecutionRecords;

const ids = (run) => ({ InstanceId: instanceId, TestCaseId: run.TestCaseId, TestCaseExecutionId: run.TestCaseExecutionId });

/** Starts a run and waits until it reports IN_PROGRESS. */
async function runInProgress(options) {
  const run = await startRun(options);
  await waitForStatus(emulator.client, ids(run), ['IN_PROGRESS']);
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
  assert.equal(run.Status, 'INITIATED');
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
  const deadline = Date.now() + 10_000;
  while (!(await recordsOf(run)).some((record) => record.Status === 'IN_PROGRESS')) {
    assert.ok(Date.now() < deadline, 'an IN_PROGRESS record should appear');
    await sleep(5);
  }

  await stop(run);

  const records = await recordsOf(run);
  assert.ok(records.length >= 1, 'the run reached at least one observation');
  assert.equal(records.at(-1).Status, 'STOPPED', `records: ${records.map((record) => record.Status).join(', ')}`);
  assert.ok(records.slice(0, -1).every((record) => record.Status === 'PASSED'),
    `records before the open one stay PASSED: ${records.map((record) => record.Status).join(', ')}`);
});

test('a STOPPED record\'s Record says STOPPED and has an endedAt', async () => {
  const run = await runInProgress();
  const deadline = Date.now() + 10_000;
  while ((await recordsOf(run)).length === 0) {
    assert.ok(Date.now() < deadline, 'a record should appear');
    await sleep(5);
  }

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
  assert.equal(run.Status, 'INITIATED');
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

test('stopping an already STOPPED run with the same client token answers 200 and changes nothing', async () => {
  const run = await startRun();
  const token = randomUUID();
  await stop(run, token);
  const before = await summaryOf(run);
  await sleep(20);

  const response = await stop(run, token);

  assertEmptyOutput(response);
  const after = await summaryOf(run);
  assert.equal(after.Status, 'STOPPED');
  assert.equal(after.EndTime.getTime(), before.EndTime.getTime(), 'EndTime unchanged');
});

test('stopping an already STOPPED run with a new client token answers 200 and changes nothing', async () => {
  const run = await startRun();
  await stop(run, randomUUID());
  const before = await summaryOf(run);
  await sleep(20);

  const response = await stop(run, randomUUID());

  assertEmptyOutput(response);
  const after = await summaryOf(run);
  assert.equal(after.Status, 'STOPPED');
  assert.equal(after.EndTime.getTime(), before.EndTime.getTime(), 'EndTime unchanged');
});

test('stopping a PASSED run fails with InvalidRequestException', async () => {
  const run = await startRun({ observations: 2 });
  const { summary } = await waitForTerminal(emulator.client, ids(run));
  assert.equal(summary.Status, 'PASSED');

  await expectServiceError(stop(run), InvalidRequestException, 400);
});

test('a PASSED run stays PASSED after a rejected stop', async () => {
  const run = await startRun({ observations: 2 });
  const { summary } = await waitForTerminal(emulator.client, ids(run));

  await expectServiceError(stop(run), InvalidRequestException, 400);

  const after = await summaryOf(run);
  assert.equal(after.Status, 'PASSED');
  assert.equal(after.EndTime.getTime(), summary.EndTime.getTime());
});

test('stopping a FAILED run fails with InvalidRequestException', async () => {
  const run = await startRun({ observations: 2, Tags: { 'emulator:outcome': 'FAILED' } });
  const { summary } = await waitForTerminal(emulator.client, ids(run));
  assert.equal(summary.Status, 'FAILED');

  await expectServiceError(stop(run), InvalidRequestException, 400);
});

test('stopping an unknown execution fails with ResourceNotFoundException', async () => {
  const TestCaseId = await createPublished();

  await expectServiceError(stop({ TestCaseId, TestCaseExecutionId: randomUUID() }), ResourceNotFoundException, 404);
});

test('stopping an execution of an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(stop({ TestCaseId: randomUUID(), TestCaseExecutionId: randomUUID() }), ResourceNotFoundException, 404);
});

test('stopping an execution under another test case id fails with ResourceNotFoundException', async () => {
  const run = await startRun();
  const otherTestCase = await createPublished();

  await expectServiceError(stop({ TestCaseId: otherTestCase, TestCaseExecutionId: run.TestCaseExecutionId }),
    ResourceNotFoundException, 404);
});

test('stopping an execution from another instance fails with ResourceNotFoundException', async () => {
  const run = await startRun();

  const stopElsewhere = emulator.client.send(new StopTestCaseExecutionCommand({
    InstanceId: newInstanceId(), TestCaseId: run.TestCaseId, TestCaseExecutionId: run.TestCaseExecutionId,
  }));

  await expectServiceError(stopElsewhere, ResourceNotFoundException, 404);
});

test('a stop under the wrong test case id leaves the run going', async () => {
  const run = await startRun({ observations: 2 });
  const otherTestCase = await createPublished();

  await expectServiceError(stop({ TestCaseId: otherTestCase, TestCaseExecutionId: run.TestCaseExecutionId }),
    ResourceNotFoundException, 404);

  const { summary } = await waitForTerminal(emulator.client, ids(run));
  assert.equal(summary.Status, 'PASSED');
});

test('a stopped run is listed as STOPPED with its EndTime', async () => {
  const run = await startRun();
  await stop(run);
  const summary = await summaryOf(run);

  const { TestCaseExecutions } = await emulator.client.send(new ListTestCaseExecutionsCommand({
    InstanceId: instanceId, TestCaseId: run.TestCaseId,
  }));

  assert.equal(TestCaseExecutions.length, 1);
  assert.equal(TestCaseExecutions[0].TestCaseExecutionStatus, 'STOPPED');
  assert.equal(TestCaseExecutions[0].EndTime.getTime(), summary.EndTime.getTime());
});

test('a start replayed after a stop reports the run STOPPED', async () => {
  const TestCaseId = await createPublished();
  const token = randomUUID();
  const started = await emulator.client.send(new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId, ClientToken: token }));
  await stop({ TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId });

  const replay = await emulator.client.send(new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId, ClientToken: token }));

  assert.equal(replay.TestCaseExecutionId, started.TestCaseExecutionId);
  assert.equal(replay.Status, 'STOPPED');
});
