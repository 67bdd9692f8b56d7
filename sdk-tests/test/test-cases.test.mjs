// CreateTestCase and DescribeTestCase: what is stored comes back as it was sent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ResourceNotFoundException } from '@aws-sdk/client-connect';
import {
  REGION, UUID_V4, VALID_CONTENT, assertDateBetween, assertHasRequestId, expectServiceError, instanceArn, sha256Hex,
  testCaseArn, uniqueName, useEmulator,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const { instanceId } = emulator;

const create = (input) => emulator.createTestCase(input);
const describe = async (input) => (await emulator.describeTestCase(input)).TestCase;

test('creating a test case returns a new UUID id and the test case ARN', async () => {
  const created = await create({});

  assertHasRequestId(created);
  assert.match(created.TestCaseId, UUID_V4);
  assert.equal(created.TestCaseArn, testCaseArn(instanceId, created.TestCaseId));
});

test('creating through the instance ARN returns an ARN built from the bare instance id', async () => {
  const created = await create({ InstanceId: instanceArn(instanceId) });

  assert.match(created.TestCaseId, UUID_V4);
  assert.equal(created.TestCaseArn, testCaseArn(instanceId, created.TestCaseId));
});

test('the caller can choose the test case id', async () => {
  const chosenId = `tc-${randomUUID()}`;

  const created = await create({ TestCaseId: chosenId });

  assert.equal(created.TestCaseId, chosenId);
  assert.equal(created.TestCaseArn, testCaseArn(instanceId, chosenId));
  assert.equal((await describe({ TestCaseId: chosenId })).Id, chosenId);
});

test('describe returns everything that was sent on create', async () => {
  const sent = {
    Name: uniqueName('full'),
    Description: 'Greets the caller',
    Content: VALID_CONTENT,
    InitializationData: '{"customer":"alice"}',
    EntryPoint: {
      Type: 'VOICE_CALL',
      VoiceCallEntryPointParameters: {
        SourcePhoneNumber: '+15550001111',
        DestinationPhoneNumber: '+15550002222',
        FlowId: 'flow-1',
      },
    },
    Tags: { team: 'contact-center', env: 'test' },
  };
  const before = Date.now();
  const { TestCaseId, TestCaseArn } = await create(sent);
  const after = Date.now();

  const response = await emulator.describeTestCase({ TestCaseId });
  assertHasRequestId(response);
  const testCase = response.TestCase;

  assert.equal(testCase.Id, TestCaseId);
  assert.equal(testCase.Arn, TestCaseArn);
  assert.equal(testCase.Name, sent.Name);
  assert.equal(testCase.Description, sent.Description);
  assert.equal(testCase.Content, sent.Content);
  assert.equal(testCase.InitializationData, sent.InitializationData);
  assert.deepEqual(testCase.EntryPoint, sent.EntryPoint);
  assert.deepEqual(testCase.Tags, sent.Tags);
  assert.equal(testCase.Status, 'PUBLISHED', 'Status defaults to PUBLISHED');
  assert.equal(testCase.LastModifiedRegion, REGION);
  assertDateBetween(testCase.LastModifiedTime, before, after, 2_000, 'LastModifiedTime');
  assert.equal(testCase.TestCaseSha256, sha256Hex(sent.Content));
});

test('a chat entry point round-trips', async () => {
  const entryPoint = { Type: 'CHAT', ChatEntryPointParameters: { FlowId: 'chat-flow-1' } };

  const { TestCaseId } = await create({ EntryPoint: entryPoint });

  assert.deepEqual((await describe({ TestCaseId })).EntryPoint, entryPoint);
});

test('a test case created as SAVED is described as SAVED', async () => {
  const { TestCaseId } = await create({ Status: 'SAVED' });

  const testCase = await describe({ TestCaseId });

  assert.equal(testCase.Status, 'SAVED');
  assert.equal(testCase.Content, VALID_CONTENT);
});

test('a test case created without tags has no tags', async () => {
  const { TestCaseId } = await create({});

  const testCase = await describe({ TestCaseId });

  assert.equal(testCase.Tags, undefined);
});

test('the last-modified time and region given on create are kept', async () => {
  const lastModified = new Date('2023-11-14T22:13:20Z');

  const { TestCaseId } = await create({ LastModifiedTime: lastModified, LastModifiedRegion: 'eu-west-2' });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.LastModifiedTime.getTime(), lastModified.getTime());
  assert.equal(testCase.LastModifiedRegion, 'eu-west-2');
});

test('TestCaseSha256 is the SHA-256 of the UTF-8 content, also for non-ASCII text', async () => {
  const content = VALID_CONTENT.replace('Welcome', 'Willkommen — ようこそ');

  const { TestCaseId } = await create({ Content: content });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Content, content);
  assert.equal(testCase.TestCaseSha256, sha256Hex(content));
});

test('the instance ARN and the bare instance id name the same instance', async () => {
  const viaBareId = await create({ InstanceId: instanceId });
  const viaArn = await create({ InstanceId: instanceArn(instanceId) });

  const foundByArn = await describe({ InstanceId: instanceArn(instanceId), TestCaseId: viaBareId.TestCaseId });
  const foundByBareId = await describe({ InstanceId: instanceId, TestCaseId: viaArn.TestCaseId });

  assert.equal(foundByArn.Id, viaBareId.TestCaseId);
  assert.equal(foundByArn.Arn, viaBareId.TestCaseArn);
  assert.equal(foundByBareId.Id, viaArn.TestCaseId);
  assert.equal(foundByBareId.Arn, viaArn.TestCaseArn);
});

test('describe with Status PUBLISHED returns the published version', async () => {
  const name = uniqueName('published');
  const { TestCaseId } = await create({ Name: name });

  const testCase = await describe({ TestCaseId, Status: 'PUBLISHED' });

  assert.equal(testCase.Status, 'PUBLISHED');
  assert.equal(testCase.Name, name);
  assert.equal(testCase.Content, VALID_CONTENT);
});

test('describe with Status SAVED is not found when only a published version exists', async () => {
  const { TestCaseId } = await create({});

  await expectServiceError(describe({ TestCaseId, Status: 'SAVED' }), ResourceNotFoundException, 404);
});
