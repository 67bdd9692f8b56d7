// Fault injection: faults.probability of faults.errorType for the operations in faults.operations, and a reply
// latency drawn between faults.latencyMinMillis and faults.latencyMaxMillis for those operations.
// Two servers of this file's own: one that always fails DescribeTestCase, one that delays StartTestCaseExecution
// by exactly 200 ms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTestCaseCommand,
  DescribeTestCaseCommand,
  InternalServiceException,
  ListTestCasesCommand,
  StartTestCaseExecutionCommand,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { useEmulator } from './support/emulator.mjs';
import {
  VALID_CONTENT,
  expectServiceError,
  newInstanceId,
  uniqueName,
} from './support/fixtures.mjs';

const failing = useEmulator({
  env: { EMULATOR_FAULTS_PROBABILITY: '1', EMULATOR_FAULTS_OPERATIONS: 'DescribeTestCase' },
});
const LATENCY_MS = 200;
const slow = useEmulator({
  env: {
    EMULATOR_FAULTS_OPERATIONS: 'StartTestCaseExecution',
    EMULATOR_FAULTS_LATENCY_MIN_MILLIS: String(LATENCY_MS),
    EMULATOR_FAULTS_LATENCY_MAX_MILLIS: String(LATENCY_MS),
  },
});

async function createTestCase(server, InstanceId = newInstanceId()) {
  const response = await server.client.send(new CreateTestCaseCommand({
    InstanceId, Name: uniqueName(), Content: VALID_CONTENT,
  }));
  return { InstanceId, TestCaseId: response.TestCaseId, response };
}

/** Resolves to [milliseconds taken, result] of `promise`. */
async function timed(promise) {
  const startedAt = performance.now();
  const result = await promise;
  return [performance.now() - startedAt, result];
}

// --- faults.probability = 1 for DescribeTestCase --------------------------------------------------------------

test('an operation listed in faults.operations fails with InternalServiceException (500)', async () => {
  const ids = await createTestCase(failing);

  await expectServiceError(failing.client.send(new DescribeTestCaseCommand(ids)), InternalServiceException, 500);
});

test('the SDK with its default retries retries an injected InternalServiceException 3 times in all', async () => {
  const ids = await createTestCase(failing);
  const retrying = failing.newClient({ maxAttempts: 3 });

  const error = await expectServiceError(retrying.send(new DescribeTestCaseCommand(ids)), InternalServiceException, 500);

  assert.equal(error.$metadata.attempts, 3);
});

test('operations not listed in faults.operations are not failed', async () => {
  const ids = await createTestCase(failing);

  const listed = await failing.client.send(new ListTestCasesCommand({ InstanceId: ids.InstanceId }));
  const started = await failing.client.send(new StartTestCaseExecutionCommand(ids));

  assert.equal(ids.response.$metadata.httpStatusCode, 200);
  assert.match(ids.TestCaseId, /\S/);
  assert.deepEqual(listed.TestCaseSummaryList.map((summary) => summary.Id), [ids.TestCaseId]);
  assert.equal(started.Status, 'INITIATED');
});

test('an injected fault is an AWS error on the wire: 500 with x-amzn-ErrorType InternalServiceException', async () => {
  const ids = await createTestCase(failing);

  const response = await failing.request('GET', `/test-cases/${ids.InstanceId}/${ids.TestCaseId}`);

  assert.equal(response.status, 500, response.text);
  assert.equal(response.headers.get('x-amzn-errortype'), 'InternalServiceException');
  assert.ok(response.headers.get('x-amzn-requestid'), 'x-amzn-requestid is set');
  assert.equal(typeof response.json?.message, 'string', `body: ${response.text}`);
});

test('with faults.errorType ThrottlingException the injected fault is a ThrottlingException (429)', async (t) => {
  const before = (await failing.request('GET', '/_emulator/controls')).json;
  t.after(() => failing.request('PUT', '/_emulator/controls',
    { body: { 'faults.errorType': before['faults.errorType'] } }));
  const changed = await failing.request('PUT', '/_emulator/controls', { body: { 'faults.errorType': 'ThrottlingException' } });
  assert.equal(changed.status, 200, changed.text);
  const ids = await createTestCase(failing);

  await expectServiceError(failing.client.send(new DescribeTestCaseCommand(ids)), ThrottlingException, 429);
});

test('an injected fault is decided before the lookup: an unknown test case also gets InternalServiceException', async () => {
  const { InstanceId } = await createTestCase(failing);

  await expectServiceError(failing.client.send(new DescribeTestCaseCommand({
    InstanceId, TestCaseId: 'no-such-test-case',
  })), InternalServiceException, 500);
});

// --- latency of 200 ms for StartTestCaseExecution ---------------------------------------------------------------

test('a StartTestCaseExecution with 200 ms of injected latency takes at least 200 ms', async () => {
  const ids = await createTestCase(slow);

  const [elapsed, started] = await timed(slow.client.send(new StartTestCaseExecutionCommand(ids)));

  assert.equal(started.Status, 'INITIATED');
  assert.ok(elapsed >= LATENCY_MS, `Start took ${elapsed.toFixed(1)} ms`);
});

test('a DescribeTestCase on the server that delays Start has no injected latency', async () => {
  const ids = await createTestCase(slow);
  await slow.client.send(new DescribeTestCaseCommand(ids)); // warm the connection

  const [elapsed, described] = await timed(slow.client.send(new DescribeTestCaseCommand(ids)));

  assert.equal(described.TestCase.Id, ids.TestCaseId);
  assert.ok(elapsed < LATENCY_MS, `Describe took ${elapsed.toFixed(1)} ms`);
});

test('delayed Starts wait side by side: 5 concurrent Starts take far less than 5 × 200 ms', async () => {
  const ids = await createTestCase(slow);

  const [elapsed] = await timed(Promise.all(
    Array.from({ length: 5 }, () => slow.client.send(new StartTestCaseExecutionCommand(ids)))));

  assert.ok(elapsed >= LATENCY_MS, `5 Starts took ${elapsed.toFixed(1)} ms`);
  assert.ok(elapsed < 4 * LATENCY_MS, `5 concurrent Starts took ${elapsed.toFixed(1)} ms: the latency should not block`);
});
