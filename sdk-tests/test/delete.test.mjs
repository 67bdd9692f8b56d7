// DeleteTestCase: the test case and both its versions go away, its name and id are free again,
// runs still going are stopped and finished runs stay readable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InvalidParameterException, ResourceNotFoundException } from '@aws-sdk/client-connect';
import {
  assertEmptyOutput, expectServiceError, instanceArn, newInstanceId, recordStatuses, uniqueName, useEmulator,
  waitForStatus, waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const { instanceId } = emulator;

const create = async (input) => (await emulator.createTestCase(input)).TestCaseId;
const remove = (TestCaseId, InstanceId) => emulator.deleteTestCase({ InstanceId, TestCaseId });
const describe = (input) => emulator.describeTestCase(input);
const start = (TestCaseId, ClientToken) => emulator.startTestCaseExecution({ TestCaseId, ClientToken });
const summaryOf = (TestCaseId, TestCaseExecutionId) => emulator.summaryOf({ TestCaseId, TestCaseExecutionId });
const finishedRun = (TestCaseId) => emulator.runToEnd(TestCaseId);

/** [TestCaseExecutionId, TestCaseExecutionStatus] of each run ListTestCaseExecutions lists for the test case. */
const listedRuns = async (TestCaseId) => (await emulator.listTestCaseExecutions({ TestCaseId })).TestCaseExecutions
  .map((run) => [run.TestCaseExecutionId, run.TestCaseExecutionStatus]);

test('deleting a test case answers an empty 200 response', async () => {
  const TestCaseId = await create();

  const response = await remove(TestCaseId);

  assertEmptyOutput(response);
});

test('a deleted test case is not found by describe', async () => {
  const TestCaseId = await create();

  await remove(TestCaseId);

  await expectServiceError(describe({ TestCaseId }), ResourceNotFoundException, 404);
});

test('deleting a test case removes its draft too', async () => {
  const TestCaseId = await create();
  await emulator.updateTestCase({ TestCaseId, Status: 'SAVED', Description: 'draft' });

  await remove(TestCaseId);

  await expectServiceError(describe({ TestCaseId, Status: 'SAVED' }), ResourceNotFoundException, 404);
  await expectServiceError(describe({ TestCaseId, Status: 'PUBLISHED' }), ResourceNotFoundException, 404);
});

test('a draft-only test case can be deleted', async () => {
  const TestCaseId = await create({ Status: 'SAVED' });

  await remove(TestCaseId);

  await expectServiceError(describe({ TestCaseId }), ResourceNotFoundException, 404);
});

test('deleting the same test case twice fails the second time with ResourceNotFoundException', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  await expectServiceError(remove(TestCaseId), ResourceNotFoundException, 404);
});

test('deleting an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(remove(randomUUID()), ResourceNotFoundException, 404);
});

test('a test case cannot be deleted from another instance', async () => {
  const TestCaseId = await create();

  await expectServiceError(remove(TestCaseId, newInstanceId()), ResourceNotFoundException, 404);
  assert.equal((await describe({ TestCaseId })).TestCase.Id, TestCaseId);
});

test('a test case can be deleted through the instance ARN', async () => {
  const TestCaseId = await create();

  await remove(TestCaseId, instanceArn(instanceId));

  await expectServiceError(describe({ TestCaseId }), ResourceNotFoundException, 404);
});

test('updating a deleted test case fails with ResourceNotFoundException', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  const update = emulator.updateTestCase({ TestCaseId, Description: 'late' });

  await expectServiceError(update, ResourceNotFoundException, 404);
});

test('the name of a deleted test case can be used again', async () => {
  const Name = uniqueName('recycled');
  await remove(await create({ Name }));

  const TestCaseId = await create({ Name });

  assert.equal((await describe({ TestCaseId })).TestCase.Name, Name);
});

test('the draft name of a deleted test case can be used again', async () => {
  const draftName = uniqueName('draft');
  const deleted = await create();
  await emulator.updateTestCase({ TestCaseId: deleted, Status: 'SAVED', Name: draftName });
  await remove(deleted);

  const TestCaseId = await create({ Name: draftName });

  assert.equal((await describe({ TestCaseId })).TestCase.Name, draftName);
});

test('the id of a deleted test case can be chosen again on create', async () => {
  const chosenId = `tc-${randomUUID()}`;
  await create({ TestCaseId: chosenId });
  await remove(chosenId);
  const Name = uniqueName('second life');

  const created = await emulator.createTestCase({ TestCaseId: chosenId, Name });

  assert.equal(created.TestCaseId, chosenId);
  assert.equal((await describe({ TestCaseId: chosenId })).TestCase.Name, Name);
});

test('a deleted test case is no longer listed', async () => {
  const InstanceId = newInstanceId();
  const kept = await emulator.createTestCase({ InstanceId, Name: uniqueName('kept') });
  const deleted = await emulator.createTestCase({ InstanceId, Name: uniqueName('deleted') });

  await remove(deleted.TestCaseId, InstanceId);

  const { TestCaseSummaryList } = await emulator.listTestCases({ InstanceId });
  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), [kept.TestCaseId]);
});

test('a deleted test case is no longer found by search', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  const found = await emulator.searchTestCases({
    SearchCriteria: { StringCondition: { FieldName: 'resourceID', Value: TestCaseId, ComparisonType: 'EXACT' } },
  });

  assert.deepEqual(found.TestCases, []);
  assert.equal(found.ApproximateTotalCount, 0);
});

test('starting a deleted test case fails with ResourceNotFoundException', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  await expectServiceError(start(TestCaseId, randomUUID()), ResourceNotFoundException, 404);
});

test('a run still INITIATED when its test case is deleted becomes STOPPED with an EndTime', async () => {
  const TestCaseId = await create({ observations: 5 });
  const started = await start(TestCaseId);

  await remove(TestCaseId);

  const summary = await summaryOf(TestCaseId, started.TestCaseExecutionId);
  assert.equal(started.Status, 'INITIATED');
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
  assert.ok(summary.EndTime.getTime() >= summary.StartTime.getTime(), 'EndTime is not before StartTime');
});

test('a run IN_PROGRESS when its test case is deleted becomes STOPPED with an EndTime', async () => {
  const TestCaseId = await create({ observations: 5 });
  const { TestCaseExecutionId } = await start(TestCaseId);
  await waitForStatus(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId }, ['IN_PROGRESS']);

  await remove(TestCaseId);

  const summary = await summaryOf(TestCaseId, TestCaseExecutionId);
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
});

test('a run stopped by deleting its test case keeps no open record', async () => {
  const TestCaseId = await create({ observations: 5 });
  const { TestCaseExecutionId } = await start(TestCaseId);
  await waitForStatus(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId }, ['IN_PROGRESS']);

  await remove(TestCaseId);

  const ExecutionRecords = await emulator.recordsOf({ TestCaseId, TestCaseExecutionId });
  assert.ok(ExecutionRecords.every((record) => record.Status !== 'IN_PROGRESS'),
    `no record stays IN_PROGRESS: ${ExecutionRecords.map((record) => record.Status).join(', ')}`);
});

test('runs of a deleted test case are still found by the name they ran under', async () => {
  const Name = uniqueName('gone');
  const TestCaseId = await create({ Name });
  const { TestCaseExecutionId } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  const { TestCaseExecutions } = await emulator.listTestCaseExecutions({ TestCaseName: Name });
  assert.deepEqual(TestCaseExecutions.map((run) => run.TestCaseExecutionId), [TestCaseExecutionId]);
});

test('deleting in an instance that is neither a UUID nor an instance ARN fails with InvalidParameterException', async () => {
  await expectServiceError(remove(randomUUID(), 'not-an-instance'), InvalidParameterException, 400);
});

test('a run stopped by deleting its test case is listed as STOPPED', async () => {
  const TestCaseId = await create({ observations: 5 });
  const { TestCaseExecutionId } = await start(TestCaseId);

  await remove(TestCaseId);

  assert.deepEqual(await listedRuns(TestCaseId), [[TestCaseExecutionId, 'STOPPED']]);
});

test('the summary of a finished run stays readable after its test case is deleted', async () => {
  const TestCaseId = await create();
  const { TestCaseExecutionId, summary: before } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  const after = await summaryOf(TestCaseId, TestCaseExecutionId);
  assert.equal(after.Status, 'PASSED');
  assert.equal(after.StartTime.getTime(), before.StartTime.getTime());
  assert.equal(after.EndTime.getTime(), before.EndTime.getTime());
  assert.deepEqual(after.ObservationSummary, before.ObservationSummary);
});

test('the records of a finished run stay readable after its test case is deleted', async () => {
  const TestCaseId = await create();
  const { TestCaseExecutionId } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  const ExecutionRecords = await emulator.recordsOf({ TestCaseId, TestCaseExecutionId });
  assert.deepEqual(recordStatuses(ExecutionRecords), [['start', 'PASSED'], ['greeting', 'PASSED']]);
});

test('a finished run stays listed after its test case is deleted', async () => {
  const TestCaseId = await create();
  const { TestCaseExecutionId } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  assert.deepEqual(await listedRuns(TestCaseId), [[TestCaseExecutionId, 'PASSED']]);
});

test('a start replayed with the same client token after delete returns the original execution', async () => {
  const TestCaseId = await create();
  const token = randomUUID();
  const first = await start(TestCaseId, token);
  await waitForTerminal(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId: first.TestCaseExecutionId });
  await remove(TestCaseId);

  const replay = await start(TestCaseId, token);

  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.TestCaseId, TestCaseId);
  assert.equal(replay.Status, 'PASSED');
});

test('a replayed start of a run stopped by delete reports it STOPPED', async () => {
  const TestCaseId = await create({ observations: 5 });
  const token = randomUUID();
  const first = await start(TestCaseId, token);
  await remove(TestCaseId);

  const replay = await start(TestCaseId, token);

  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.Status, 'STOPPED');
});

test('a test case re-created under a deleted id runs as a new test case', async () => {
  const chosenId = `tc-${randomUUID()}`;
  await create({ TestCaseId: chosenId });
  const oldRun = await finishedRun(chosenId);
  await remove(chosenId);
  await create({ TestCaseId: chosenId });

  const newRun = await finishedRun(chosenId);

  assert.notEqual(newRun.TestCaseExecutionId, oldRun.TestCaseExecutionId);
  assert.equal(newRun.summary.Status, 'PASSED');
});
