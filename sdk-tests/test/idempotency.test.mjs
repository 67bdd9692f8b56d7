// StartTestCaseExecution honours ClientToken, so SDK retries never start a second run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useEmulator, waitForTerminal } from './support/fixtures.mjs';

const emulator = useEmulator();
const EXECUTION_STATUSES = ['INITIATED', 'IN_PROGRESS', 'PASSED', 'FAILED', 'STOPPED'];

const start = (TestCaseId, ClientToken) => emulator.startTestCaseExecution({ TestCaseId, ClientToken });

test('starting twice with the same client token returns the same execution', async () => {
  const { TestCaseId } = await emulator.createTestCase();
  const token = randomUUID();

  const first = await start(TestCaseId, token);
  const replay = await start(TestCaseId, token);

  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.TestCaseId, TestCaseId);
  assert.ok(EXECUTION_STATUSES.includes(replay.Status), `unexpected status ${replay.Status}`);
});

test('a replayed start reports the current status of the run', async () => {
  const { TestCaseId } = await emulator.createTestCase();
  const token = randomUUID();
  const first = await start(TestCaseId, token);
  const { summary } = await waitForTerminal(emulator.client,
    { InstanceId: emulator.instanceId, TestCaseId, TestCaseExecutionId: first.TestCaseExecutionId });

  const replay = await start(TestCaseId, token);

  assert.equal(first.Status, 'INITIATED');
  assert.equal(replay.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(replay.Status, summary.Status);
  assert.equal(replay.Status, 'PASSED');
});

test('different client tokens start different executions', async () => {
  const { TestCaseId } = await emulator.createTestCase();

  const first = await start(TestCaseId, randomUUID());
  const second = await start(TestCaseId, randomUUID());

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(second.Status, 'INITIATED');
});

test('two starts without a client token start two executions', async () => {
  const { TestCaseId } = await emulator.createTestCase();

  // The SDK fills in a fresh ClientToken for each call.
  const first = await start(TestCaseId, undefined);
  const second = await start(TestCaseId, undefined);

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
});

test('the same client token on another test case starts a separate execution', async () => {
  const { TestCaseId: firstTestCase } = await emulator.createTestCase();
  const { TestCaseId: secondTestCase } = await emulator.createTestCase();
  const token = randomUUID();

  const first = await start(firstTestCase, token);
  const second = await start(secondTestCase, token);

  assert.notEqual(second.TestCaseExecutionId, first.TestCaseExecutionId);
  assert.equal(second.TestCaseId, secondTestCase);
  assert.equal(second.Status, 'INITIATED');
});
