// UpdateTestCase: merges the given members onto one version, keeps a draft beside the published
// version, publishes drafts, renames, and stamps the last-modified time and region.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DuplicateResourceException, InvalidParameterException, InvalidTestCaseException, ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import {
  REGION, VALID_CONTENT, assertDateBetween, assertEmptyOutput, contentWithObservations, expectServiceError, instanceArn,
  newInstanceId, sha256Hex, uniqueName, useEmulator, waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const { instanceId } = emulator;

const THREE_OBSERVATIONS = contentWithObservations(3);

const create = async (input) => (await emulator.createTestCase(input)).TestCaseId;
const update = (input) => emulator.updateTestCase(input);
const describe = async (input) => (await emulator.describeTestCase(input)).TestCase;

/** Creates a published test case with a SAVED draft beside it; returns the ids and both names. */
async function createWithDraft({ draftInput = {}, ...input } = {}) {
  const publishedName = uniqueName('published');
  const draftName = uniqueName('draft');
  const TestCaseId = await create({ Name: publishedName, ...input });
  await update({ TestCaseId, Status: 'SAVED', Name: draftName, ...draftInput });
  return { TestCaseId, publishedName, draftName };
}

const runToEnd = async (TestCaseId) => (await emulator.runToEnd(TestCaseId)).summary;

test('an update answers an empty 200 response', async () => {
  const TestCaseId = await create();

  const response = await update({ TestCaseId, Description: 'changed' });

  assertEmptyOutput(response);
});

test('updating only the description keeps every other member', async () => {
  const sent = {
    Name: uniqueName('keep'),
    Description: 'before',
    InitializationData: '{"customer":"alice"}',
    EntryPoint: { Type: 'CHAT', ChatEntryPointParameters: { FlowId: 'chat-flow-1' } },
    Tags: { team: 'contact-center' },
  };
  const TestCaseId = await create(sent);

  await update({ TestCaseId, Description: 'after' });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Description, 'after');
  assert.equal(testCase.Name, sent.Name);
  assert.equal(testCase.Content, VALID_CONTENT);
  assert.equal(testCase.InitializationData, sent.InitializationData);
  assert.deepEqual(testCase.EntryPoint, sent.EntryPoint);
  assert.deepEqual(testCase.Tags, sent.Tags);
});

test('every updatable member can be changed in one update', async () => {
  const TestCaseId = await create({ Description: 'old' });
  const changes = {
    Name: uniqueName('renamed'),
    Description: 'new',
    Content: THREE_OBSERVATIONS,
    InitializationData: '{"customer":"bob"}',
    EntryPoint: {
      Type: 'VOICE_CALL',
      VoiceCallEntryPointParameters: { SourcePhoneNumber: '+15550001111', DestinationPhoneNumber: '+15550002222', FlowId: 'flow-2' },
    },
  };

  await update({ TestCaseId, ...changes });

  const testCase = await describe({ TestCaseId });
  for (const [member, value] of Object.entries(changes)) {
    assert.deepEqual(testCase[member], value, member);
  }
});

test('TestCaseSha256 follows the updated content', async () => {
  const TestCaseId = await create();

  await update({ TestCaseId, Content: THREE_OBSERVATIONS });

  assert.equal((await describe({ TestCaseId })).TestCaseSha256, sha256Hex(THREE_OBSERVATIONS));
});

const WITHOUT_STATUS = [
  { kind: 'a published', createInput: {}, Description: 'edited', kept: 'PUBLISHED', absent: 'SAVED' },
  { kind: 'a draft-only', createInput: { Status: 'SAVED' }, Description: 'edited draft', kept: 'SAVED', absent: 'PUBLISHED' },
];

for (const { kind, createInput, Description, kept, absent } of WITHOUT_STATUS) {
  test(`updating ${kind} test case without Status keeps it ${kept}`, async () => {
    const TestCaseId = await create(createInput);

    await update({ TestCaseId, Description });

    const testCase = await describe({ TestCaseId });
    assert.equal(testCase.Status, kept);
    assert.equal(testCase.Description, Description);
    await expectServiceError(describe({ TestCaseId, Status: absent }), ResourceNotFoundException, 404);
  });
}

test('invalid content can be written to a draft-only test case without Status', async () => {
  const TestCaseId = await create({ Status: 'SAVED' });

  await update({ TestCaseId, Content: 'not json' });

  assert.equal((await describe({ TestCaseId })).Content, 'not json');
});

test('editing the published version with invalid content fails with InvalidTestCaseException listing the problems', async () => {
  const TestCaseId = await create();

  const err = await expectServiceError(update({ TestCaseId, Content: 'not json' }), InvalidTestCaseException, 400);

  assert.ok(Array.isArray(err.Problems) && err.Problems.length > 0, `Problems should be a non-empty list, got ${JSON.stringify(err.Problems)}`);
  for (const problem of err.Problems) assert.equal(typeof problem.message, 'string');
});

test('a rejected edit leaves the published version unchanged', async () => {
  const TestCaseId = await create({ Description: 'original' });

  await expectServiceError(update({ TestCaseId, Content: '{"Observations":[]}', Description: 'never stored' }),
    InvalidTestCaseException, 400);

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Content, VALID_CONTENT);
  assert.equal(testCase.Description, 'original');
});

test('without Status an update edits the published version even when a draft exists', async () => {
  const { TestCaseId, draftName } = await createWithDraft({ draftInput: { Description: 'draft text' } });

  await update({ TestCaseId, Description: 'published text' });

  const published = await describe({ TestCaseId });
  const draft = await describe({ TestCaseId, Status: 'SAVED' });
  assert.equal(published.Status, 'PUBLISHED');
  assert.equal(published.Description, 'published text');
  assert.equal(draft.Description, 'draft text');
  assert.equal(draft.Name, draftName);
});

test('an update with Status SAVED stores a draft and leaves the published version as it was', async () => {
  const name = uniqueName('stable');
  const TestCaseId = await create({ Name: name, Description: 'published text' });

  await update({ TestCaseId, Status: 'SAVED', Description: 'draft text', Content: THREE_OBSERVATIONS });

  const published = await describe({ TestCaseId });
  assert.equal(published.Status, 'PUBLISHED');
  assert.equal(published.Name, name);
  assert.equal(published.Description, 'published text');
  assert.equal(published.Content, VALID_CONTENT);
  const draft = await describe({ TestCaseId, Status: 'SAVED' });
  assert.equal(draft.Status, 'SAVED');
  assert.equal(draft.Description, 'draft text');
  assert.equal(draft.Content, THREE_OBSERVATIONS);
});

test('a first draft of a published test case starts from the published members', async () => {
  const sent = { Name: uniqueName('base'), Description: 'base text', InitializationData: '{"k":1}', Tags: { team: 'qa' } };
  const TestCaseId = await create(sent);

  await update({ TestCaseId, Status: 'SAVED', Description: 'draft text' });

  const draft = await describe({ TestCaseId, Status: 'SAVED' });
  assert.equal(draft.Name, sent.Name);
  assert.equal(draft.Content, VALID_CONTENT);
  assert.equal(draft.InitializationData, sent.InitializationData);
  assert.deepEqual(draft.Tags, sent.Tags);
  assert.equal(draft.Description, 'draft text');
});

test('a second SAVED update edits the existing draft', async () => {
  const TestCaseId = await create({ Description: 'published text' });
  const draftName = uniqueName('draft');
  await update({ TestCaseId, Status: 'SAVED', Description: 'first draft edit' });

  await update({ TestCaseId, Status: 'SAVED', Name: draftName });

  const draft = await describe({ TestCaseId, Status: 'SAVED' });
  assert.equal(draft.Description, 'first draft edit');
  assert.equal(draft.Name, draftName);
});

test('draft content saved over a published test case is not validated', async () => {
  const TestCaseId = await create();

  await update({ TestCaseId, Status: 'SAVED', Content: 'not json' });

  assert.equal((await describe({ TestCaseId, Status: 'SAVED' })).Content, 'not json');
  assert.equal((await describe({ TestCaseId })).Content, VALID_CONTENT);
});

test('a test case with a draft still runs its published content', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(2) });
  await update({ TestCaseId, Status: 'SAVED', Content: contentWithObservations(4) });

  const summary = await runToEnd(TestCaseId);

  assert.equal(summary.Status, 'PASSED');
  assert.equal(summary.ObservationSummary.TotalObservations, 2);
});

test('publishing a draft makes it the published version', async () => {
  const TestCaseId = await create({ Description: 'old' });
  const draftName = uniqueName('next');
  await update({ TestCaseId, Status: 'SAVED', Name: draftName, Description: 'new', Content: THREE_OBSERVATIONS });

  await update({ TestCaseId, Status: 'PUBLISHED' });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Status, 'PUBLISHED');
  assert.equal(testCase.Name, draftName);
  assert.equal(testCase.Description, 'new');
  assert.equal(testCase.Content, THREE_OBSERVATIONS);
});

test('publishing a draft clears the draft', async () => {
  const TestCaseId = await create();
  await update({ TestCaseId, Status: 'SAVED', Description: 'draft' });

  await update({ TestCaseId, Status: 'PUBLISHED' });

  await expectServiceError(describe({ TestCaseId, Status: 'SAVED' }), ResourceNotFoundException, 404);
});

test('members sent with Status PUBLISHED are merged onto the draft before publishing', async () => {
  const TestCaseId = await create();
  await update({ TestCaseId, Status: 'SAVED', Description: 'from the draft' });

  await update({ TestCaseId, Status: 'PUBLISHED', Content: THREE_OBSERVATIONS });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Description, 'from the draft');
  assert.equal(testCase.Content, THREE_OBSERVATIONS);
});

test('a run after publishing a draft uses the newly published content', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(2) });
  await update({ TestCaseId, Status: 'SAVED', Content: THREE_OBSERVATIONS });
  await update({ TestCaseId, Status: 'PUBLISHED' });

  const summary = await runToEnd(TestCaseId);

  assert.equal(summary.ObservationSummary.TotalObservations, 3);
});

test('publishing without a draft merges onto the published version', async () => {
  const TestCaseId = await create({ Description: 'old' });

  await update({ TestCaseId, Status: 'PUBLISHED', Description: 'republished' });

  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Status, 'PUBLISHED');
  assert.equal(testCase.Description, 'republished');
  assert.equal(testCase.Content, VALID_CONTENT);
});

test('publishing a draft-only test case makes it PUBLISHED and runnable', async () => {
  const TestCaseId = await create({ Status: 'SAVED' });

  await update({ TestCaseId, Status: 'PUBLISHED' });

  assert.equal((await describe({ TestCaseId })).Status, 'PUBLISHED');
  await expectServiceError(describe({ TestCaseId, Status: 'SAVED' }), ResourceNotFoundException, 404);
  assert.equal((await runToEnd(TestCaseId)).Status, 'PASSED');
});

test('publishing a draft with invalid content fails with InvalidTestCaseException listing the problems', async () => {
  const TestCaseId = await create();
  await update({ TestCaseId, Status: 'SAVED', Content: 'not json' });

  const err = await expectServiceError(update({ TestCaseId, Status: 'PUBLISHED' }), InvalidTestCaseException, 400);

  assert.ok(Array.isArray(err.Problems) && err.Problems.length > 0, `Problems should be a non-empty list, got ${JSON.stringify(err.Problems)}`);
});

test('a rejected publish keeps both the published version and the draft', async () => {
  const TestCaseId = await create();
  await update({ TestCaseId, Status: 'SAVED', Content: 'not json' });

  await expectServiceError(update({ TestCaseId, Status: 'PUBLISHED' }), InvalidTestCaseException, 400);

  assert.equal((await describe({ TestCaseId })).Content, VALID_CONTENT);
  assert.equal((await describe({ TestCaseId, Status: 'SAVED' })).Content, 'not json');
});

test('an update keeps the tags', async () => {
  const Tags = { team: 'qa', env: 'test' };
  const TestCaseId = await create({ Tags });

  await update({ TestCaseId, Status: 'PUBLISHED', Name: uniqueName('retagged?'), Content: THREE_OBSERVATIONS });

  assert.deepEqual((await describe({ TestCaseId })).Tags, Tags);
});

test('Tags sent in a raw update body are ignored', async () => {
  const Tags = { team: 'qa' };
  const TestCaseId = await create({ Tags });

  const response = await emulator.request('POST', `/test-cases/${instanceId}/${TestCaseId}`,
    { body: { Description: 'raw', Tags: { team: 'other', extra: 'x' } } });

  assert.equal(response.status, 200, `HTTP status; body: ${response.text}`);
  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Description, 'raw');
  assert.deepEqual(testCase.Tags, Tags);
});

test('a test case without tags still has none after an update', async () => {
  const TestCaseId = await create();

  await update({ TestCaseId, Description: 'edited' });

  assert.equal((await describe({ TestCaseId })).Tags, undefined);
});

test('renaming onto the name of another test case fails with DuplicateResourceException', async () => {
  const takenName = uniqueName('taken');
  await create({ Name: takenName });
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Name: takenName }), DuplicateResourceException, 409);
});

test('renaming onto the published name of a test case that has a differently named draft fails with DuplicateResourceException', async () => {
  const { publishedName } = await createWithDraft();
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Name: publishedName }), DuplicateResourceException, 409);
});

test('renaming onto the draft name of another test case fails with DuplicateResourceException', async () => {
  const { draftName } = await createWithDraft();
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Name: draftName }), DuplicateResourceException, 409);
});

test('saving a draft under the name of another test case fails with DuplicateResourceException', async () => {
  const takenName = uniqueName('taken');
  await create({ Name: takenName });
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Status: 'SAVED', Name: takenName }), DuplicateResourceException, 409);
});

test('a rejected rename leaves the name unchanged', async () => {
  const takenName = uniqueName('taken');
  await create({ Name: takenName });
  const ownName = uniqueName('own');
  const TestCaseId = await create({ Name: ownName });

  await expectServiceError(update({ TestCaseId, Name: takenName }), DuplicateResourceException, 409);

  assert.equal((await describe({ TestCaseId })).Name, ownName);
});

test('renaming a test case to its own current name succeeds', async () => {
  const name = uniqueName('same');
  const TestCaseId = await create({ Name: name });

  await update({ TestCaseId, Name: name });

  assert.equal((await describe({ TestCaseId })).Name, name);
});

test('a draft may carry the name of its own published version', async () => {
  const name = uniqueName('own version');
  const TestCaseId = await create({ Name: name });

  await update({ TestCaseId, Status: 'SAVED', Name: name, Description: 'draft' });

  assert.equal((await describe({ TestCaseId, Status: 'SAVED' })).Name, name);
});

test('the published version may take the name of its own draft', async () => {
  const { TestCaseId, draftName } = await createWithDraft();

  await update({ TestCaseId, Name: draftName });

  assert.equal((await describe({ TestCaseId })).Name, draftName);
  assert.equal((await describe({ TestCaseId, Status: 'SAVED' })).Name, draftName);
});

test('a name used in another instance can be taken by a rename', async () => {
  const name = uniqueName('elsewhere');
  await emulator.createTestCase({ InstanceId: newInstanceId(), Name: name });
  const TestCaseId = await create();

  await update({ TestCaseId, Name: name });

  assert.equal((await describe({ TestCaseId })).Name, name);
});

test('after a rename the old name can be used by a new test case', async () => {
  const oldName = uniqueName('old');
  const TestCaseId = await create({ Name: oldName });
  await update({ TestCaseId, Name: uniqueName('new') });

  const reused = await create({ Name: oldName });

  assert.equal((await describe({ TestCaseId: reused })).Name, oldName);
});

test('after renaming only the draft the old name stays taken by the published version', async () => {
  const oldName = uniqueName('old');
  const TestCaseId = await create({ Name: oldName });
  await update({ TestCaseId, Status: 'SAVED', Name: uniqueName('draft') });

  await expectServiceError(create({ Name: oldName }), DuplicateResourceException, 409);
});

test('the new name of a draft is taken for new test cases', async () => {
  const draftName = uniqueName('draft');
  const TestCaseId = await create();
  await update({ TestCaseId, Status: 'SAVED', Name: draftName });

  await expectServiceError(create({ Name: draftName }), DuplicateResourceException, 409);
});

test('after publishing a renamed draft the old published name is free', async () => {
  const { TestCaseId, publishedName, draftName } = await createWithDraft();

  await update({ TestCaseId, Status: 'PUBLISHED' });

  assert.equal((await describe({ TestCaseId })).Name, draftName);
  const reused = await create({ Name: publishedName });
  assert.equal((await describe({ TestCaseId: reused })).Name, publishedName);
});

test('a run already started keeps the content it started with', async () => {
  const TestCaseId = await create({ Content: contentWithObservations(2) });
  const run = await emulator.start(TestCaseId);

  await update({ TestCaseId, Content: contentWithObservations(4) });

  const { summary } = await waitForTerminal(emulator.client, run);
  assert.equal(summary.Status, 'PASSED');
  assert.equal(summary.ObservationSummary.TotalObservations, 2);
});

test('a test case can be updated through the instance ARN', async () => {
  const TestCaseId = await create();

  await update({ InstanceId: instanceArn(instanceId), TestCaseId, Description: 'via ARN' });

  assert.equal((await describe({ TestCaseId })).Description, 'via ARN');
});

test('an update sets LastModifiedTime to now', async () => {
  const TestCaseId = await create({ LastModifiedTime: new Date('2023-11-14T22:13:20Z') });

  const before = Date.now();
  await update({ TestCaseId, Description: 'touched' });
  const after = Date.now();

  assertDateBetween((await describe({ TestCaseId })).LastModifiedTime, before, after, 2_000, 'LastModifiedTime');
});

test('LastModifiedTime moves forward on update', async () => {
  const TestCaseId = await create();
  const created = (await describe({ TestCaseId })).LastModifiedTime;
  await sleep(20);

  await update({ TestCaseId, Description: 'touched' });

  const updated = (await describe({ TestCaseId })).LastModifiedTime;
  assert.ok(updated.getTime() > created.getTime(),
    `LastModifiedTime ${updated.toISOString()} should be after ${created.toISOString()}`);
});

test('the LastModifiedTime given on update is kept', async () => {
  const TestCaseId = await create();
  const lastModified = new Date('2024-01-02T03:04:05Z');

  await update({ TestCaseId, Description: 'replicated', LastModifiedTime: lastModified });

  assert.equal((await describe({ TestCaseId })).LastModifiedTime.getTime(), lastModified.getTime());
});

test('a LastModifiedTime given on update is kept to the second', async () => {
  const TestCaseId = await create();

  // The SDK sends the header as an HTTP-date, which has no fraction of a second.
  await update({ TestCaseId, Description: 'replicated', LastModifiedTime: new Date('2024-01-02T03:04:05.678Z') });

  assert.equal((await describe({ TestCaseId })).LastModifiedTime.toISOString(), '2024-01-02T03:04:05.000Z');
});

test('the LastModifiedRegion given on update is kept', async () => {
  const TestCaseId = await create();

  await update({ TestCaseId, Description: 'replicated', LastModifiedRegion: 'eu-west-2' });

  assert.equal((await describe({ TestCaseId })).LastModifiedRegion, 'eu-west-2');
});

test('an update without LastModifiedRegion sets the region to us-east-1', async () => {
  const TestCaseId = await create({ LastModifiedRegion: 'eu-west-2' });

  await update({ TestCaseId, Description: 'local edit' });

  assert.equal((await describe({ TestCaseId })).LastModifiedRegion, REGION);
});

test('a draft saved with LastModifiedTime keeps it on the draft only', async () => {
  const TestCaseId = await create();
  const publishedTime = (await describe({ TestCaseId })).LastModifiedTime;
  const draftTime = new Date('2024-06-01T12:00:00Z');

  await update({ TestCaseId, Status: 'SAVED', Description: 'draft', LastModifiedTime: draftTime });

  assert.equal((await describe({ TestCaseId, Status: 'SAVED' })).LastModifiedTime.getTime(), draftTime.getTime());
  assert.equal((await describe({ TestCaseId })).LastModifiedTime.getTime(), publishedTime.getTime());
});

test('updating an unknown test case fails with ResourceNotFoundException', async () => {
  await expectServiceError(update({ TestCaseId: randomUUID(), Description: 'x' }), ResourceNotFoundException, 404);
});

test('an update with only the path members succeeds and changes no member', async () => {
  const name = uniqueName('untouched');
  const TestCaseId = await create({ Name: name, Description: 'same' });

  const response = await update({ TestCaseId });

  assertEmptyOutput(response);
  const testCase = await describe({ TestCaseId });
  assert.equal(testCase.Name, name);
  assert.equal(testCase.Description, 'same');
  assert.equal(testCase.Content, VALID_CONTENT);
  assert.equal(testCase.Status, 'PUBLISHED');
});

test('an update with an unknown status fails with InvalidParameterException', async () => {
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Status: 'BOGUS' }), InvalidParameterException, 400);
});

test('an update with a last-modified region that is not a region fails with InvalidParameterException', async () => {
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, LastModifiedRegion: 'Mars' }), InvalidParameterException, 400);
});

test('an update in an instance that is neither a UUID nor an instance ARN fails with InvalidParameterException', async () => {
  await expectServiceError(update({ InstanceId: 'not-an-instance', TestCaseId: randomUUID(), Description: 'x' }),
    InvalidParameterException, 400);
});

const INVALID_UPDATE_INPUTS = {
  'a name of 128 characters': { Name: 'n'.repeat(128) },
  'a name of only spaces': { Name: '   ' },
  'a description of 501 characters': { Description: 'd'.repeat(501) },
  'an empty content': { Content: '' },
  'a source phone number that is not E.164': {
    EntryPoint: { Type: 'VOICE_CALL', VoiceCallEntryPointParameters: { SourcePhoneNumber: '555', DestinationPhoneNumber: '+15550002222', FlowId: 'f' } },
  },
};

for (const [what, input] of Object.entries(INVALID_UPDATE_INPUTS)) {
  test(`an update with ${what} fails with InvalidParameterException and changes nothing`, async () => {
    const name = uniqueName('unchanged');
    const TestCaseId = await create({ Name: name });

    await expectServiceError(update({ TestCaseId, ...input }), InvalidParameterException, 400);

    const testCase = await describe({ TestCaseId });
    assert.equal(testCase.Name, name);
    assert.equal(testCase.Content, VALID_CONTENT);
    assert.equal(testCase.Description, undefined);
    assert.equal(testCase.EntryPoint, undefined);
  });
}

test('a raw update whose x-amz-last-modified-time is not an HTTP-date fails with InvalidParameterException', async () => {
  const TestCaseId = await create();

  const response = await emulator.request('POST', `/test-cases/${instanceId}/${TestCaseId}`,
    { body: {}, headers: { 'x-amz-last-modified-time': 'yesterday' } });

  assert.equal(response.status, 400, `HTTP status; body: ${response.text}`);
  assert.equal(response.headers.get('x-amzn-errortype'), 'InvalidParameterException');
});

test('an update with an empty name fails with InvalidParameterException', async () => {
  const TestCaseId = await create();

  await expectServiceError(update({ TestCaseId, Name: '' }), InvalidParameterException, 400);
});
