// Unknown test cases and executions, and runs of test cases that are not published.

import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { InvalidRequestException, ResourceNotFoundException } from '@aws-sdk/client-connect';
import { expectServiceError, newInstanceId, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();

const create = async (input) => (await emulator.createTestCase(input)).TestCaseId;
const describe = (input) => emulator.describeTestCase(input);
const start = (input) => emulator.startTestCaseExecution(input);
const summary = (input) => emulator.getTestCaseExecutionSummary(input);

test('describing an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(describe({ TestCaseId: randomUUID() }), ResourceNotFoundException, 404);
});

test('a test case is not visible from another instance', async () => {
  const TestCaseId = await create();

  await expectServiceError(describe({ InstanceId: newInstanceId(), TestCaseId }), ResourceNotFoundException, 404);
});

test('starting an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(start({ TestCaseId: randomUUID() }), ResourceNotFoundException, 404);
});

test('starting an unknown test case in an instance named by a plain string fails with ResourceNotFoundException', async () => {
  // Start accepts any InstanceId of 1–100 characters; only the test case is missing here.
  await expectServiceError(start({ InstanceId: 'my-instance', TestCaseId: randomUUID() }), ResourceNotFoundException, 404);
});

test('the summary of an unknown execution fails with ResourceNotFoundException', async () => {
  const TestCaseId = await create();

  await expectServiceError(summary({ TestCaseId, TestCaseExecutionId: randomUUID() }), ResourceNotFoundException, 404);
});

test('an execution cannot be read under another test case id', async () => {
  const ranTestCase = await create();
  const otherTestCase = await create();
  const { TestCaseExecutionId } = await start({ TestCaseId: ranTestCase });

  await expectServiceError(summary({ TestCaseId: otherTestCase, TestCaseExecutionId }), ResourceNotFoundException, 404);
});

test('starting a test case that is only SAVED fails with InvalidRequestException', async () => {
  const TestCaseId = await create({ Status: 'SAVED' });

  await expectServiceError(start({ TestCaseId }), InvalidRequestException, 400);
});
