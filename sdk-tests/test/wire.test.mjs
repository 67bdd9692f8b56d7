// The server's wire behaviour, seen with plain unsigned fetch requests: error headers and bodies,
// requests the SDK would never send, and the shape of successful JSON responses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { VALID_CONTENT, assertAwsError, uniqueName, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();
const { instanceId } = emulator;

/** Asserts a response is an AWS restJson1 error of the given type, with a JSON body that has `Message` too. */
function assertWireError(response, status, errorType) {
  assertAwsError(response, status, errorType);
  assertJsonContentType(response);
  for (const key of ['message', 'Message']) {
    assert.equal(typeof response.json[key], 'string', `body.${key} should be a string: ${response.text}`);
    assert.ok(response.json[key].length > 0, `body.${key} should not be empty`);
  }
}

function assertRequestId(response) {
  const requestId = response.headers.get('x-amzn-requestid');
  assert.ok(requestId, 'x-amzn-requestid header should be set');
}

function assertJsonContentType(response) {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/, 'content-type');
}

/** The JSON success checks shared by every operation that returns a body. */
function assertJsonSuccess(response) {
  assert.equal(response.status, 200, `HTTP status; body: ${response.text}`);
  assertRequestId(response);
  assertJsonContentType(response);
  assert.ok(response.json, `body should be JSON: ${response.text}`);
}

const createPath = (instance = instanceId) => `/test-cases/${instance}`;

test('a malformed JSON body fails with InvalidParameterException', async () => {
  const response = await emulator.request('PUT', createPath(), {
    body: '{"Name":', headers: { 'content-type': 'application/json' },
  });

  assertWireError(response, 400, 'InvalidParameterException');
});

test('a body member of the wrong JSON type fails with InvalidParameterException', async () => {
  const response = await emulator.request('PUT', createPath(), { body: { Name: 5, Content: 'x' } });

  assertWireError(response, 400, 'InvalidParameterException');
});

test('start-execution with no body and no content type is treated like {}', async (t) => {
  await t.test('for an unknown test case it is not found', async () => {
    const response = await emulator.request('PUT', `/test-cases/${instanceId}/${randomUUID()}/start-execution`);

    assertWireError(response, 404, 'ResourceNotFoundException');
  });

  await t.test('for a published test case it starts a run', async () => {
    const { TestCaseId: testCaseId } = await emulator.createTestCase();

    const response = await emulator.request('PUT', `/test-cases/${instanceId}/${testCaseId}/start-execution`);

    assertJsonSuccess(response);
    assert.equal(response.json.TestCaseId, testCaseId);
    assert.equal(response.json.Status, 'INITIATED');
    assert.equal(typeof response.json.TestCaseExecutionId, 'string');
  });
});

test('an unknown path fails with UnknownOperationException', async () => {
  const response = await emulator.request('GET', '/no-such-route');

  assertWireError(response, 404, 'UnknownOperationException');
});

test('a known path with the wrong method fails with UnknownOperationException', async () => {
  const response = await emulator.request('PATCH', createPath(), { body: { Name: uniqueName(), Content: VALID_CONTENT } });

  assertWireError(response, 404, 'UnknownOperationException');
});

test('create, describe, start and summary answer JSON with a request id and numeric timestamps', async () => {
  const created = await emulator.request('PUT', createPath(), { body: { Name: uniqueName('raw'), Content: VALID_CONTENT } });
  assertJsonSuccess(created);
  const testCaseId = created.json.TestCaseId;
  assert.equal(typeof testCaseId, 'string');

  const described = await emulator.request('GET', `/test-cases/${instanceId}/${testCaseId}`);
  assertJsonSuccess(described);
  assert.equal(typeof described.json.TestCase.LastModifiedTime, 'number', `LastModifiedTime: ${described.text}`);

  const started = await emulator.request('PUT', `/test-cases/${instanceId}/${testCaseId}/start-execution`,
    { body: { ClientToken: randomUUID() } });
  assertJsonSuccess(started);
  const executionId = started.json.TestCaseExecutionId;

  const summary = await emulator.request('GET', `/test-cases/${instanceId}/${testCaseId}/${executionId}/summary`);
  assertJsonSuccess(summary);
  assert.equal(typeof summary.json.StartTime, 'number', `StartTime: ${summary.text}`);
});

test('an instance ARN in the path is accepted when percent-encoded as one segment', async () => {
  const arn = `arn:aws:connect:us-east-1:123456789012:instance/${instanceId}`;

  const response = await emulator.request('PUT', createPath(encodeURIComponent(arn)),
    { body: { Name: uniqueName('arn'), Content: VALID_CONTENT } });

  assertJsonSuccess(response);
  assert.equal(response.json.TestCaseArn, `${arn}/test-case/${response.json.TestCaseId}`);
});

test('the server still serves a normal create after the bad requests above', async () => {
  const created = await emulator.createTestCase({ Name: uniqueName('after') });

  assert.ok(created.TestCaseId);
});
