// Throttling: a token bucket per instance and operation (throttle.requestsPerSecond, throttle.burst); beyond it,
// ThrottlingException (429), which the SDK retries. This file runs its own server with 1 request per second and a
// burst of 1, so a second call of the same operation on the same instance right after the first is throttled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTestCaseCommand, ThrottlingException } from '@aws-sdk/client-connect';
import { assertAwsError, expectServiceError, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator({
  env: { EMULATOR_THROTTLE_REQUESTS_PER_SECOND: '1', EMULATOR_THROTTLE_BURST: '1' },
});

/** A fresh instance with one published test case (its CreateTestCase uses that instance's Create token). */
const instanceWithTestCase = () => emulator.instance().newTestCase();

const describe = (client, ids) => client.send(new DescribeTestCaseCommand(ids));

test('a second immediate DescribeTestCase fails with ThrottlingException (429) when the SDK does not retry', async () => {
  const ids = await instanceWithTestCase();
  await describe(emulator.client, ids);

  const error = await expectServiceError(describe(emulator.client, ids), ThrottlingException, 429);

  assert.equal(error.$metadata.attempts, 1);
});

test('the SDK with its default retries retries a throttled DescribeTestCase', async () => {
  const ids = await instanceWithTestCase();
  const retrying = emulator.newClient({ maxAttempts: 3 });
  await describe(retrying, ids);

  // Either a retry got through (the bucket refills in 1 s; the SDK waits up to ~0.5-1 s per retry of a
  // throttling error), or all 3 attempts were throttled.
  const outcome = await describe(retrying, ids).then((response) => ({ response }), (error) => ({ error }));

  const metadata = (outcome.response ?? outcome.error).$metadata;
  if (outcome.error) {
    assert.ok(outcome.error instanceof ThrottlingException,
      `expected ThrottlingException, got ${outcome.error.name}: ${outcome.error.message}`);
    assert.equal(metadata.attempts, 3, 'a request still throttled has used all 3 attempts');
  } else {
    assert.equal(outcome.response.TestCase.Id, ids.TestCaseId);
  }
  assert.ok(metadata.attempts > 1, `the SDK retried; attempts: ${metadata.attempts}`);
});

test('throttling is per operation: another operation on the same instance is not throttled', async () => {
  const ids = await instanceWithTestCase();
  await describe(emulator.client, ids);
  await assert.rejects(describe(emulator.client, ids), ThrottlingException);

  const listed = await emulator.listTestCases({ InstanceId: ids.InstanceId });

  assert.deepEqual(listed.TestCaseSummaryList.map((summary) => summary.Id), [ids.TestCaseId]);
});

test('throttling is per instance: the same operation on another instance is not throttled', async () => {
  const ids = await instanceWithTestCase();
  const other = await instanceWithTestCase();
  await describe(emulator.client, ids);
  await assert.rejects(describe(emulator.client, ids), ThrottlingException);

  const response = await describe(emulator.client, other);

  assert.equal(response.TestCase.Id, other.TestCaseId);
});

test('a throttled operation is accepted again once its bucket has refilled', async () => {
  const ids = await instanceWithTestCase();
  await describe(emulator.client, ids);
  await assert.rejects(describe(emulator.client, ids), ThrottlingException);

  await sleep(1_100);
  const response = await describe(emulator.client, ids);

  assert.equal(response.TestCase.Id, ids.TestCaseId);
});

test('a throttled request is an AWS error on the wire: 429 with x-amzn-ErrorType ThrottlingException', async () => {
  const ids = await instanceWithTestCase();
  const path = `/test-cases/${ids.InstanceId}/${ids.TestCaseId}`;
  const first = await emulator.request('GET', path);

  const second = await emulator.request('GET', path);

  assert.equal(first.status, 200, first.text);
  assertAwsError(second, 429, 'ThrottlingException');
});

test('GET /_emulator/config of a server started with throttling env variables shows them', async () => {
  const { values } = await emulator.admin('GET', '/_emulator/config');

  assert.equal(values['throttle.requestsPerSecond'], '1');
  assert.equal(values['throttle.burst'], '1');
});
