// StartTestCaseExecution honours ClientToken, so SDK retries never start a second run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CreateTestCaseCommand, StartTestCaseExecutionCommand } from '@aws-sdk/client-connect';
import { useEmulator } from './support/emulator.mjs';
import { VALID_CONTENT, newInstanceId, uniqueName, waitForTerminal } from './support/fixtures.mjs';

const emulator = useEmulator();
const instanceId = newInstanceId();
const EXECUTION_STATUSES = ['INITIATED', 'IN_PROGRESS', 'PASSED', 'FAILED', 'STOPPED'];

async function createPublished() {
  const { TestCaseId } = await emulator.client.send(new CreateTestCaseCommand({
    InstanceId: instanceId, Name: uniqueName(), Content: VALID_CONTENT,
  }));
  return TestCaseId;
}

function start(TestCaseId, ClientToken) {
  return emulator.client.send(new StartTestCaseExecutionCommand({ InstanceId: instanceId, TestCaseId, ClientToken }));
}

test('starting twice with the same client token returns the same execution', async () => {
  const TestCaseId = await createPublished();
  const token = randomUUID();

  const first = await start(TestCaseId, token);
  const replay = await start(TestCaseId, token);

  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.TestCaseId, TestCaseId);
  assert.ok(EXECUTION_STATUSES.includes(replay.Status), `unexpected status ${replay.Status}`);
});

test('a replayed start reports the current status of the run', async () => {
  const TestCaseId = await createPublished();
  const token = randomUUID();
  const first = await start(TestCaseId, token);
  const { summary } = await waitForTerminal(emulator.client,
    { InstanceId: instanceId, TestCaseId, TestCaseExecutionId: first.TestCaseExecutionId });

  const replay = await start(TestCaseId, token);

  assert.equal(first.Status, 'INITIATED');
  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.Status, summary.Status);
  assert.equal(replay.Status, 'PASSED');
});

test('different client tokens start different executions', async () => {
  const TestCaseId = await createPublished();

  const first = await start(TestCaseId, randomUUID());
  const second = await start(TestCaseId, randomUUID());

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(second.Status, 'INITIATED');
});

test('two starts without a client token start two executions', async () => {
  const TestCaseId = await createPublished();

  // The SDK fills in a fresh ClientToken for each call.
  const first = await start(TestCaseId, undefined);
  const second = await start(TestCaseId, undefined);

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
});

test('the same client token on another test case starts a separate execution', async () => {
  const firstTestCase = await createPublished();
  const secondTestCase = await createPublished();
  const token = randomUUID();

  const first = await start(firstTestCase, token);
  const second = await start(secondTestCase, token);

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(second.TestCaseId, secondTestCase);
  assert.equal(second.Status, 'INITIATED');
});
