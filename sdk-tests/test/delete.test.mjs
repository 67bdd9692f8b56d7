// DeleteTestCase: the test case and both its versions go away, its name and id are free again,
// runs still going are stopped and finished runs stay readable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateTestCaseCommand,
  DeleteTestCaseCommand,
  DescribeTestCaseCommand,
  InvalidParameterException,
  GetTestCaseExecutionSummaryCommand,
  ListTestCaseExecutionRecordsCommand,
  ListTestCaseExecutionsCommand,
  ListTestCasesCommand,
  ResourceNotFoundException,
  SearchTestCasesCommand,
  StartTestCaseExecutionCommand,
  UpdateTestCaseCommand,
} from '@aws-sdk/client-connect';
import { useEmulator } from './support/emulator.mjs';
import {
  VALID_CONTENT,
  assertEmptyOutput,
  contentWithObservations,
  expectServiceError,
  instanceArn,
  newInstanceId,
  uniqueName,
  waitForStatus,
  waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const instanceId = newInstanceId();

async function create(input = {}) {
  const { TestCaseId } = await emulator.client.send(new CreateTestCaseCommand({
    InstanceId: instanceId, Name: uniqueName(), Content: VALID_CONTENT, ...input,
  }));
  return TestCaseId;
}

const remove = (TestCaseId, InstanceId = instanceId) =>
  emulator.client.send(new DeleteTestCaseCommand({ InstanceId, TestCaseId }));
const describe = (input) => emulator.client.send(new DescribeTestCaseCommand({ InstanceId: instanceId, ...input }));
const start = (TestCaseId, ClientToken) =>
  emulator.client.send(new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId, ClientToken }));
const summaryOf = (TestCaseId, TestCaseExecutionId) => emulator.client.send(
  new GetTestCaseExecutionSummaryCommand({ InstanceId: instanceId, TestCaseId, TestCaseExecutionId }));

/** Starts a run and waits for it to end; returns its ids and terminal summary. */
async function finishedRun(TestCaseId) {
  const { TestCaseExecutionId } = await start(TestCaseId);
  const { summary } = await waitForTerminal(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId });
  return { TestCaseExecutionId, summary };
}

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
  await emulator.client.send(new UpdateTestCaseCommand({ InstanceId: instanceId, TestCaseId, Status: 'SAVED', Description: 'draft' }));

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

  const update = emulator.client.send(new UpdateTestCaseCommand({ InstanceId: instanceId, TestCaseId, Description: 'late' }));

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
  await emulator.client.send(new UpdateTestCaseCommand({ InstanceId: instanceId, TestCaseId: deleted, Status: 'SAVED', Name: draftName }));
  await remove(deleted);

  const TestCaseId = await create({ Name: draftName });

  assert.equal((await describe({ TestCaseId })).TestCase.Name, draftName);
});

test('the id of a deleted test case can be chosen again on create', async () => {
  const chosenId = `tc-${randomUUID()}`;
  await create({ TestCaseId: chosenId });
  await remove(chosenId);
  const Name = uniqueName('second life');

  const created = await emulator.client.send(new CreateTestCaseCommand({
    InstanceId: instanceId, TestCaseId: chosenId, Name, Content: VALID_CONTENT,
  }));

  assert.equal(created.TestCaseId, chosenId);
  assert.equal((await describe({ TestCaseId: chosenId })).TestCase.Name, Name);
});

test('a deleted test case is no longer listed', async () => {
  const InstanceId = newInstanceId();
  const create2 = (Name) => emulator.client.send(new CreateTestCaseCommand({ InstanceId, Name, Content: VALID_CONTENT }));
  const kept = await create2(uniqueName('kept'));
  const deleted = await create2(uniqueName('deleted'));

  await remove(deleted.TestCaseId, InstanceId);

  const { TestCaseSummaryList } = await emulator.client.send(new ListTestCasesCommand({ InstanceId }));
  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), [kept.TestCaseId]);
});

test('a deleted test case is no longer found by search', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  const found = await emulator.client.send(new SearchTestCasesCommand({
    InstanceId: instanceId,
    SearchCriteria: { StringCondition: { FieldName: 'resourceID', Value: TestCaseId, ComparisonType: 'EXACT' } },
  }));

  assert.deepEqual(found.TestCases, []);
  assert.equal(found.ApproximateTotalCount, 0);
});

test('starting a deleted test case fails with ResourceNotFoundException', async () => {
  const TestCaseId = await create();
  await remove(TestCaseId);

  await expectServiceError(start(TestCaseId, randomUUID()), ResourceNotFoundException, 404);
});

test('a run still INITIATED when its test case is deleted becomes STOPPED with an EndTime', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(5) });
  const started = await start(TestCaseId);

  await remove(TestCaseId);

  const summary = await summaryOf(TestCaseId, started.TestCaseExecutionId);
  assert.equal(started.Status, 'INITIATED');
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
  assert.ok(summary.EndTime.getTime() >= summary.StartTime.getTime(), 'EndTime is not before StartTime');
});

test('a run IN_PROGRESS when its test case is deleted becomes STOPPED with an EndTime', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(5) });
  const { TestCaseExecutionId } = await start(TestCaseId);
  await waitForStatus(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId }, ['IN_PROGRESS']);

  await remove(TestCaseId);

  const summary = await summaryOf(TestCaseId, TestCaseExecutionId);
  assert.equal(summary.Status, 'STOPPED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set once the run is stopped');
});

test('a run stopped by deleting its test case keeps no open record', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(5) });
  const { TestCaseExecutionId } = await start(TestCaseId);
  await waitForStatus(emulator.client, { InstanceId: instanceId, TestCaseId, TestCaseExecutionId }, ['IN_PROGRESS']);

  await remove(TestCaseId);

  const { ExecutionRecords } = await emulator.client.send(new ListTestCaseExecutionRecordsCommand({
    InstanceId: instanceId, TestCaseId, TestCaseExecutionId,
  }));
  assert.ok(ExecutionRecords.every((record) => record.Status !== 'IN_PROGRESS'),
    `no record stays IN_PROGRESS: ${ExecutionRecords.map((record) => record.Status).join(', ')}`);
});

test('runs of a deleted test case are still found by the name they ran under', async () => {
  const Name = uniqueName('gone');
  const TestCaseId = await create({ Name });
  const { TestCaseExecutionId } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  const { TestCaseExecutions } = await emulator.client.send(new ListTestCaseExecutionsCommand({ InstanceId: instanceId, TestCaseName: Name }));
  assert.deepEqual(TestCaseExecutions.map((run) => run.TestCaseExecutionId), [TestCaseExecutionId]);
});

test('deleting in an instance that is neither a UUID nor an instance ARN fails with InvalidParameterException', async () => {
  await expectServiceError(remove(randomUUID(), 'not-an-instance'), InvalidParameterException, 400);
});

test('a run stopped by deleting its test case is listed as STOPPED', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(5) });
  const { TestCaseExecutionId } = await start(TestCaseId);

  await remove(TestCaseId);

  const { TestCaseExecutions } = await emulator.client.send(new ListTestCaseExecutionsCommand({ InstanceId: instanceId, TestCaseId }));
  assert.deepEqual(TestCaseExecutions.map((run) => [run.TestCaseExecutionId, run.TestCaseExecutionStatus]),
    [[TestCaseExecutionId, 'STOPPED']]);
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

  const { ExecutionRecords } = await emulator.client.send(new ListTestCaseExecutionRecordsCommand({
    InstanceId: instanceId, TestCaseId, TestCaseExecutionId,
  }));
  assert.deepEqual(ExecutionRecords.map((record) => [record.ObservationId, record.Status]),
    [['start', 'PASSED'], ['greeting', 'PASSED']]);
});

test('a finished run stays listed after its test case is deleted', async () => {
  const TestCaseId = await create();
  const { TestCaseExecutionId } = await finishedRun(TestCaseId);

  await remove(TestCaseId);

  const { TestCaseExecutions } = await emulator.client.send(new ListTestCaseExecutionsCommand({ InstanceId: instanceId, TestCaseId }));
  assert.deepEqual(TestCaseExecutions.map((run) => [run.TestCaseExecutionId, run.TestCaseExecutionStatus]),
    [[TestCaseExecutionId, 'PASSED']]);
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
  const TestCaseId = await create({ Content: contentWithObservations(5) });
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
