// Fault injection: faults.probability of faults.errorType for the operations in faults.operations, and a reply
// latency drawn between faults.latencyMinMillis and faults.latencyMaxMillis for those operations.
// Two servers of this file's own: one that always fails DescribeTestCase, one that delays StartTestCaseExecution
// by exactly 200 ms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTestCaseCommand, InternalServiceException, ThrottlingException } from '@aws-sdk/client-connect';
import { assertAwsError, expectServiceError, useEmulator } from './support/fixtures.mjs';

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

/** A test case in a fresh instance of `server`: { InstanceId, TestCaseId }. */
const createTestCase = (server) => server.instance().newTestCase();

/** Resolves to [milliseconds taken, result] of `promise`. */
async function timed(promise) {
  const startedAt = performance.now();
  const result = await promise;
  return [performance.now() - startedAt, result];
}

// --- faults.probability = 1 for DescribeTestCase --------------------------------------------------------------

test('an operation listed in faults.operations fails with InternalServiceException (500)', async () => {
  const ids = await createTestCase(failing);

  await expectServiceError(failing.describeTestCase(ids), InternalServiceException, 500);
});

test('the SDK with its default retries retries an injected InternalServiceException 3 times in all', async () => {
  const ids = await createTestCase(failing);
  const retrying = failing.newClient({ maxAttempts: 3 });

  const error = await expectServiceError(retrying.send(new DescribeTestCaseCommand(ids)), InternalServiceException, 500);

  assert.equal(error.$metadata.attempts, 3);
});

test('operations not listed in faults.operations are not failed', async () => {
  const instance = failing.instance();
  const created = await instance.createTestCase();

  const listed = await instance.listTestCases();
  const started = await instance.startTestCaseExecution({ TestCaseId: created.TestCaseId });

  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.match(created.TestCaseId, /\S/);
  assert.deepEqual(listed.TestCaseSummaryList.map((summary) => summary.Id), [created.TestCaseId]);
  assert.equal(started.Status, 'INITIATED');
});

test('an injected fault is an AWS error on the wire: 500 with x-amzn-ErrorType InternalServiceException', async () => {
  const ids = await createTestCase(failing);

  const response = await failing.request('GET', `/test-cases/${ids.InstanceId}/${ids.TestCaseId}`);

  assertAwsError(response, 500, 'InternalServiceException');
});

test('with faults.errorType ThrottlingException the injected fault is a ThrottlingException (429)', async (t) => {
  await failing.withControls(t, { 'faults.errorType': 'ThrottlingException' });
  const ids = await createTestCase(failing);

  await expectServiceError(failing.describeTestCase(ids), ThrottlingException, 429);
});

test('an injected fault is decided before the lookup: an unknown test case also gets InternalServiceException', async () => {
  const { InstanceId } = await createTestCase(failing);

  await expectServiceError(failing.describeTestCase({ InstanceId, TestCaseId: 'no-such-test-case' }),
    InternalServiceException, 500);
});

// --- latency of 200 ms for StartTestCaseExecution ---------------------------------------------------------------

test('a StartTestCaseExecution with 200 ms of injected latency takes at least 200 ms', async () => {
  const ids = await createTestCase(slow);

  const [elapsed, started] = await timed(slow.startTestCaseExecution(ids));

  assert.equal(started.Status, 'INITIATED');
  assert.ok(elapsed >= LATENCY_MS, `Start took ${elapsed.toFixed(1)} ms`);
});

test('a DescribeTestCase on the server that delays Start has no injected latency', async () => {
  const ids = await createTestCase(slow);
  await slow.describeTestCase(ids); // warm the connection

  const [elapsed, described] = await timed(slow.describeTestCase(ids));

  assert.equal(described.TestCase.Id, ids.TestCaseId);
  assert.ok(elapsed < LATENCY_MS, `Describe took ${elapsed.toFixed(1)} ms`);
});

test('delayed Starts wait side by side: 5 concurrent Starts take far less than 5 × 200 ms', async () => {
  const ids = await createTestCase(slow);

  const [elapsed] = await timed(Promise.all(
    Array.from({ length: 5 }, () => slow.startTestCaseExecution(ids))));

  assert.ok(elapsed >= LATENCY_MS, `5 Starts took ${elapsed.toFixed(1)} ms`);
  assert.ok(elapsed < 4 * LATENCY_MS, `5 concurrent Starts took ${elapsed.toFixed(1)} ms: the latency should not block`);
});
