// Inputs that break a length, pattern, range or enum rule fail with InvalidParameterException,
// and oversized bodies with RequestEntityTooLargeException.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InvalidParameterException } from '@aws-sdk/client-connect';
import { expectServiceError, expectServiceErrorNamed, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();
const create = (input) => emulator.createTestCase(input);

/** A JSON object text of exactly `length` characters. */
function jsonOfLength(length) {
  const wrapper = '{"a":""}';
  return `{"a":"${'x'.repeat(length - wrapper.length)}"}`;
}

const tags = (count) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, `value${i}`]));

const voiceCall = (SourcePhoneNumber) => ({
  Type: 'VOICE_CALL',
  VoiceCallEntryPointParameters: { SourcePhoneNumber, DestinationPhoneNumber: '+15550002222', FlowId: 'flow-1' },
});

const INVALID_CREATE_INPUTS = {
  'a missing name': { Name: undefined },
  'an empty name': { Name: '' },
  'a name of 128 characters': { Name: 'n'.repeat(128) },
  'a name of only spaces': { Name: '   ' },
  'a description of 501 characters': { Description: 'd'.repeat(501) },
  'a draft content of 256001 characters': { Status: 'SAVED', Content: 'c'.repeat(256_001) },
  'initialization data of 256001 characters': { InitializationData: jsonOfLength(256_001) },
  'an unknown status': { Status: 'BOGUS' },
  'an unknown entry point type': { EntryPoint: { Type: 'FAX' } },
  'a source phone number that is not E.164': { EntryPoint: voiceCall('5550001111') },
  'a tag key starting with aws:': { Tags: { 'aws:team': 'x' } },
  'an empty tag map': { Tags: {} },
  '51 tags': { Tags: tags(51) },
  'a tag value of 257 characters': { Tags: { team: 'v'.repeat(257) } },
  'an instance id that is neither a UUID nor an instance ARN': { InstanceId: 'not-an-instance' },
  'a last-modified region that is not a region': { LastModifiedRegion: 'Mars' },
  'a chosen id containing characters other than letters, digits and hyphens': { TestCaseId: 'bad id!' },
};

for (const [what, input] of Object.entries(INVALID_CREATE_INPUTS)) {
  test(`creating a test case with ${what} fails with InvalidParameterException`, async () => {
    await expectServiceError(create(input), InvalidParameterException, 400);
  });
}

test('creating a test case at every upper limit succeeds', async () => {
  const created = await create({
    Name: 'n'.repeat(127),
    Description: 'd'.repeat(500),
    Status: 'SAVED',
    Content: 'c'.repeat(256_000),
    InitializationData: jsonOfLength(256_000),
    Tags: { ...tags(49), last: 'v'.repeat(256) },
  });

  assert.ok(created.TestCaseId);
});

test('describing in an instance that is neither a UUID nor an instance ARN fails with InvalidParameterException', async () => {
  const describe = emulator.describeTestCase({ InstanceId: 'not-an-instance', TestCaseId: randomUUID() });

  await expectServiceError(describe, InvalidParameterException, 400);
});

test('starting with a client token of 501 characters fails with InvalidParameterException', async () => {
  const { TestCaseId } = await create({});

  const start = emulator.startTestCaseExecution({ TestCaseId, ClientToken: 't'.repeat(501) });

  await expectServiceError(start, InvalidParameterException, 400);
});

test('starting with a test case id of 501 characters fails with InvalidParameterException', async () => {
  const start = emulator.startTestCaseExecution({ TestCaseId: 'a'.repeat(501) });

  await expectServiceError(start, InvalidParameterException, 400);
});

test('starting in an instance id of 101 characters fails with InvalidParameterException', async () => {
  const start = emulator.startTestCaseExecution({ InstanceId: 'i'.repeat(101), TestCaseId: randomUUID() });

  await expectServiceError(start, InvalidParameterException, 400);
});

test('a request body over 1 MiB fails with RequestEntityTooLargeException (HTTP 413)', async () => {
  const oversized = create({ Status: 'SAVED', Content: 'c'.repeat(1_200_000) });

  await expectServiceErrorNamed(oversized, 'RequestEntityTooLargeException', 413);
});

test('the server keeps working after rejecting an oversized body', async () => {
  const created = await create({});

  assert.ok(created.TestCaseId);
});
