// Test data and small assertion helpers shared by the test files.

import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetTestCaseExecutionSummaryCommand } from '@aws-sdk/client-connect';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The published Content from the contract: two observations, ending the test on "Welcome". */
export const VALID_CONTENT = JSON.stringify({
  Version: '2025-06-21',
  Metadata: {},
  Observations: [
    {
      Identifier: 'start',
      Event: { Identifier: 'e1', Type: 'TestInitiated', Actor: 'System', Properties: {} },
      Usage: { Type: 'EXACTLY' },
      Actions: [],
      Transitions: { NextObservations: ['greeting'] },
    },
    {
      Identifier: 'greeting',
      Event: { Identifier: 'e2', Type: 'MessageReceived', Actor: 'System', Properties: { Text: 'Welcome' } },
      Usage: { Type: 'EXACTLY' },
      Actions: [
        {
          Identifier: 'a1',
          Type: 'TestControl',
          Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } },
          Transitions: { NextAction: '' },
        },
      ],
    },
  ],
});

/**
 * A valid published Content with `count` observations chained one after the other; the last one
 * ends the test. contentWithObservations(2) is VALID_CONTENT.
 */
export function contentWithObservations(count) {
  const ids = Array.from({ length: count }, (_, i) => (i === 0 ? 'start' : i === count - 1 ? 'greeting' : `step${i}`));
  const observations = ids.map((id, i) => {
    const last = i === count - 1;
    const observation = {
      Identifier: id,
      Event: i === 0
        ? { Identifier: `e${i + 1}`, Type: 'TestInitiated', Actor: 'System', Properties: {} }
        : { Identifier: `e${i + 1}`, Type: 'MessageReceived', Actor: 'System', Properties: { Text: last ? 'Welcome' : `Step ${i}` } },
      Usage: { Type: 'EXACTLY' },
      Actions: last
        ? [{
          Identifier: 'a1',
          Type: 'TestControl',
          Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } },
          Transitions: { NextAction: '' },
        }]
        : [],
    };
    if (!last) observation.Transitions = { NextObservations: [ids[i + 1]] };
    return observation;
  });
  return JSON.stringify({ Version: '2025-06-21', Metadata: {}, Observations: observations });
}

/** A fresh instance id: a lowercase UUID v4. */
export const newInstanceId = () => randomUUID();

export const instanceArn = (instanceId) => `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${instanceId}`;

export const testCaseArn = (instanceId, testCaseId) => `${instanceArn(instanceId)}/test-case/${testCaseId}`;

/** A test case name that no other test uses. */
export const uniqueName = (label = 'test case') => `${label} ${randomUUID().slice(0, 8)}`;

export const sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Asserts that an SDK response (or error) carries the x-amzn-RequestId the server sent. */
export function assertHasRequestId(responseOrError) {
  const requestId = responseOrError?.$metadata?.requestId;
  assert.equal(typeof requestId, 'string', '$metadata.requestId should be set');
  assert.ok(requestId.length > 0, '$metadata.requestId should not be empty');
}

/** Asserts that `date` is a Date within `toleranceMs` of the interval [from, to] (epoch ms). */
export function assertDateBetween(date, from, to, toleranceMs = 2_000, what = 'timestamp') {
  assert.ok(date instanceof Date, `${what} should be a Date, got ${date}`);
  const t = date.getTime();
  assert.ok(t >= from - toleranceMs && t <= to + toleranceMs,
    `${what} ${date.toISOString()} should be close to ${new Date(from).toISOString()}..${new Date(to).toISOString()}`);
}

/**
 * Awaits `promise`, expects it to reject with the SDK's `ErrorClass` and HTTP `status`, and checks
 * the parts every error must have (a message and a request id). Returns the error for further checks.
 */
export async function expectServiceError(promise, ErrorClass, status) {
  let caught;
  await assert.rejects(promise, (err) => {
    caught = err;
    assert.ok(err instanceof ErrorClass,
      `expected ${ErrorClass.name}, got ${err?.name}: ${err?.message} (HTTP ${err?.$metadata?.httpStatusCode})`);
    assertErrorBasics(err, status);
    return true;
  });
  return caught;
}

/** Like expectServiceError for errors the SDK does not model: checks the error's name instead of its class. */
export async function expectServiceErrorNamed(promise, name, status) {
  let caught;
  await assert.rejects(promise, (err) => {
    caught = err;
    assert.equal(err?.name, name, `expected ${name}, got ${err?.name}: ${err?.message}`);
    assertErrorBasics(err, status);
    return true;
  });
  return caught;
}

function assertErrorBasics(err, status) {
  assert.equal(err.$metadata?.httpStatusCode, status, `HTTP status of ${err.name}`);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, `${err.name} should have a non-empty message`);
  assert.notEqual(err.message, 'UnknownError', `${err.name} should carry the server's message`);
  assertHasRequestId(err);
}

const LIFECYCLE_RANK = { INITIATED: 0, IN_PROGRESS: 1, PASSED: 2, FAILED: 2, STOPPED: 2 };
export const TERMINAL_STATUSES = new Set(['PASSED', 'FAILED', 'STOPPED']);

/**
 * Polls GetTestCaseExecutionSummary every `intervalMs` until the run is terminal (or `timeoutMs`
 * passes). Returns { summary, polls, seen }: the terminal summary, every summary received in order,
 * and their statuses.
 */
export async function waitForTerminal(client, { InstanceId, TestCaseId, TestCaseExecutionId },
  { intervalMs = 50, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const polls = [];
  for (;;) {
    const summary = await client.send(
      new GetTestCaseExecutionSummaryCommand({ InstanceId, TestCaseId, TestCaseExecutionId }));
    polls.push(summary);
    const seen = polls.map((poll) => poll.Status);
    if (TERMINAL_STATUSES.has(summary.Status)) return { summary, polls, seen };
    if (Date.now() > deadline) {
      assert.fail(`execution ${TestCaseExecutionId} not terminal after ${timeoutMs} ms; statuses seen: ${seen.join(' → ')}`);
    }
    await sleep(intervalMs);
  }
}

/** Asserts that a list of polled statuses only moves forward through the lifecycle. */
export function assertMonotoneStatuses(seen) {
  for (const status of seen) {
    assert.ok(status in LIFECYCLE_RANK, `unknown execution status ${status} in ${seen.join(' → ')}`);
  }
  for (let i = 1; i < seen.length; i++) {
    const [prev, next] = [seen[i - 1], seen[i]];
    const ok = TERMINAL_STATUSES.has(prev) ? next === prev : LIFECYCLE_RANK[next] >= LIFECYCLE_RANK[prev];
    assert.ok(ok, `status went back from ${prev} to ${next}: ${seen.join(' → ')}`);
  }
}

/**
 * Polls GetTestCaseExecutionSummary every `intervalMs` until the run's Status is one of `wanted`
 * (or `timeoutMs` passes). Returns the matching summary.
 */
export async function waitForStatus(client, { InstanceId, TestCaseId, TestCaseExecutionId }, wanted,
  { intervalMs = 10, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const seen = [];
  for (;;) {
    const summary = await client.send(
      new GetTestCaseExecutionSummaryCommand({ InstanceId, TestCaseId, TestCaseExecutionId }));
    seen.push(summary.Status);
    if (wanted.includes(summary.Status)) return summary;
    if (Date.now() > deadline) {
      assert.fail(`execution ${TestCaseExecutionId} never reached ${wanted.join('/')} within ${timeoutMs} ms; statuses seen: ${seen.join(' → ')}`);
    }
    await sleep(intervalMs);
  }
}

/** Asserts that an SDK response has no output members, only $metadata (the empty 200 body). */
export function assertEmptyOutput(response) {
  assertHasRequestId(response);
  assert.equal(response.$metadata.httpStatusCode, 200);
  assert.deepEqual(Object.keys(response).filter((key) => key !== '$metadata'), [], 'the response has no members');
}

/** A copy of a page token with one character in the middle changed (to another URL-safe character). */
export function forgeToken(token) {
  assert.equal(typeof token, 'string', 'a real NextToken is needed to forge one');
  const middle = Math.floor(token.length / 2);
  const replacement = token[middle] === 'A' ? 'B' : 'A';
  return token.slice(0, middle) + replacement + token.slice(middle + 1);
}
